package org.dusangire.payment.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Small JSON helpers around one {@link ObjectMapper}, owned by a simulator instance.
 */
public final class Json {

    private final ObjectMapper mapper = new ObjectMapper();

    /** A new empty JSON object. */
    public ObjectNode object() {
        return mapper.createObjectNode();
    }

    /** Parses text; returns {@code null} when it is not JSON, as a lenient server would. */
    public JsonNode parseOrNull(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** Serialises a tree or any Jackson-serialisable value. */
    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON response for a value. */
    public SimResponse response(int status, Object value) {
        return SimResponse.json(status, write(value));
    }

    /** The usual provider error envelope {@code {"code":..,"message":..}}. */
    public SimResponse error(int status, String code, String message) {
        ObjectNode node = object().put("code", code).put("message", message);
        return response(status, node);
    }

    /** Text of a field when it is a JSON string, else {@code null}. */
    public static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
