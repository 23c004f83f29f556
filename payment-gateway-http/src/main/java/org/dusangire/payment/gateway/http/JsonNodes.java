package org.dusangire.payment.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Lenient accessors for provider JSON: a value documented as a string may arrive as a number and
 * the other way round, and a missing, null or blank value reads as {@code null}.
 */
public final class JsonNodes {
    private JsonNodes() {
    }

    /**
     * The scalar at {@code path} (field names, one per level) as trimmed text, or {@code null}
     * when any level is missing, the value is null, blank, an object or an array.
     */
    public static String text(JsonNode node, String... path) {
        JsonNode current = node;
        for (String field : path) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(field);
        }
        if (current == null || !current.isValueNode() || current.isNull()) {
            return null;
        }
        String text = current.isNumber() ? current.numberValue().toString() : current.asText();
        if (current.isBigDecimal()) {
            text = current.decimalValue().toPlainString();
        }
        text = text.trim();
        return text.isEmpty() ? null : text;
    }

    /** The object at {@code field}, or {@code null} when absent or not an object. */
    public static JsonNode object(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode child = node.get(field);
        return child != null && child.isObject() ? child : null;
    }

    /** A whole number of seconds given as number or string; {@code -1} when absent or unreadable. */
    public static long seconds(JsonNode node, String field) {
        String text = text(node, field);
        if (text == null) {
            return -1;
        }
        try {
            return new java.math.BigDecimal(text).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return -1;
        }
    }
}
