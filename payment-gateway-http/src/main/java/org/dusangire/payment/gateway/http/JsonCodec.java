package org.dusangire.payment.gateway.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured Jackson mapper for a gateway, built once and shared by every call. Reading is
 * lenient where providers are sloppy (unknown fields ignored, numbers accepted as strings) and
 * bounded where they could be hostile: nesting depth, string length and document size are capped
 * by {@link StreamReadConstraints}. Reading never throws: whatever cannot be parsed comes back as
 * {@link Optional#empty()}, so nothing a provider sends can crash an adapter.
 */
public final class JsonCodec {
    /** Deep enough for every provider envelope, far too shallow for a stack-exhaustion attack. */
    public static final int DEFAULT_MAX_NESTING_DEPTH = 32;
    public static final int DEFAULT_MAX_STRING_LENGTH = 64 * 1024;
    public static final int DEFAULT_MAX_DOCUMENT_BYTES = 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(JsonCodec.class);

    private final ObjectMapper mapper;
    private final ObjectReader treeReader;
    private final ObjectWriter writer;
    private final ConcurrentMap<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();
    private final int maxDocumentBytes;

    private JsonCodec(int maxDepth, int maxStringLength, int maxDocumentBytes) {
        this.maxDocumentBytes = maxDocumentBytes;
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth)
                .maxStringLength(maxStringLength)
                .maxDocumentLength(maxDocumentBytes)
                .maxNumberLength(64)
                .maxNameLength(1024)
                .build();
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(limits).build();
        this.mapper = JsonMapper.builder(factory)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
                .defaultPropertyInclusion(JsonInclude.Value.construct(
                        JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .build();
        this.treeReader = mapper.reader();
        this.writer = mapper.writer();
    }

    /** The codec's factory, for writing a document token by token. */
    JsonFactory factory() {
        return mapper.getFactory();
    }

    /** A codec with the default limits. */
    public static JsonCodec create() {
        return new JsonCodec(DEFAULT_MAX_NESTING_DEPTH, DEFAULT_MAX_STRING_LENGTH,
                DEFAULT_MAX_DOCUMENT_BYTES);
    }

    /** A codec with explicit limits, all of which must be positive. */
    public static JsonCodec withLimits(int maxNestingDepth, int maxStringLength, int maxDocumentBytes) {
        if (maxNestingDepth <= 0 || maxStringLength <= 0 || maxDocumentBytes <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        return new JsonCodec(maxNestingDepth, maxStringLength, maxDocumentBytes);
    }

    /** Parses a JSON document; empty when the body is empty, not JSON, or beyond the limits. */
    public Optional<JsonNode> readTree(byte[] body) {
        if (body == null || body.length == 0 || body.length > maxDocumentBytes) {
            return Optional.empty();
        }
        try {
            JsonNode node = treeReader.readTree(body);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (IOException | RuntimeException e) {
            LOG.debug("unparseable JSON ({} bytes): {}", body.length, e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** Binds a JSON document to {@code type}; empty when it cannot be read. */
    public <T> Optional<T> read(byte[] body, Class<T> type) {
        if (body == null || body.length == 0 || body.length > maxDocumentBytes) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(readers.computeIfAbsent(type, mapper::readerFor).readValue(body));
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot read {} ({} bytes): {}", type.getSimpleName(), body.length,
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /**
     * Serialises a request body. A failure here is a bug in the adapter, not a provider problem.
     *
     * @throws IllegalArgumentException when the value cannot be serialised
     */
    public byte[] write(Object value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + value.getClass().getName(), e);
        }
    }

    /** Compact text of a tree. */
    public String writeString(JsonNode node) {
        try {
            return writer.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise JSON tree", e);
        }
    }

    /** A new empty object node, for building bodies by hand. */
    public ObjectNode object() {
        return mapper.createObjectNode();
    }
}
