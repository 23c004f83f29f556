package org.dusangire.payment.webhooks.servlet;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the raw query string. The servlet never calls {@code getParameter}, which would read a
 * form-encoded body and leave the webhook's raw bytes unreadable.
 */
final class QueryStrings {
    private static final int MAX_PARAMETERS = 100;

    private QueryStrings() {
    }

    static Map<String, List<String>> parse(String query) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return result;
        }
        int count = 0;
        for (String pair : query.split("&")) {
            if (pair.isEmpty() || ++count > MAX_PARAMETERS) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (name != null && value != null && !name.isEmpty()) {
                result.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        return result;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
