package org.dusangire.payment.reliability;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The one line each part prints last, on stdout so that the CI log shows it, e.g.
 * {@code chaos[h2]: payments=2000 faults=412 lost=0 wrongFailed=0 double=0 stuck=0}.
 */
final class Figures {
    private final String part;
    private final Map<String, Object> values = new LinkedHashMap<>();

    private Figures(String part) {
        this.part = part;
    }

    static Figures of(String part) {
        return new Figures(part);
    }

    Figures put(String name, Object value) {
        values.put(name, value);
        return this;
    }

    String line() {
        StringJoiner j = new StringJoiner(" ", part + ": ", "");
        values.forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }

    /** Prints the line and returns it. */
    String print() {
        String line = line();
        System.out.println(line);
        System.out.flush();
        return line;
    }
}
