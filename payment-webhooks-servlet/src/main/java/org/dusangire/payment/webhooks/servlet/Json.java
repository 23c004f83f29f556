package org.dusangire.payment.webhooks.servlet;

import java.util.Map;

/** Writes the few flat JSON objects the servlet answers with; no library needed for that. */
final class Json {
    private Json() {
    }

    /** A flat object; values are strings or {@code null}, in the map's order. */
    static String object(Map<String, String> fields) {
        StringBuilder out = new StringBuilder("{");
        fields.forEach((name, value) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            string(out, name);
            out.append(':');
            if (value == null) {
                out.append("null");
            } else {
                string(out, value);
            }
        });
        return out.append('}').toString();
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
