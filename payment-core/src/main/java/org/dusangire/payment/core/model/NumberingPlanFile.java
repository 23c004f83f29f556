package org.dusangire.payment.core.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code numbering-plans.tsv}; its header comment describes the columns. */
final class NumberingPlanFile {
    static final String RESOURCE = "numbering-plans.tsv";

    private NumberingPlanFile() {
    }

    static List<NumberingPlan> standard() {
        try (InputStream in = NumberingPlanFile.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from payment-core's jar");
            }
            return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static List<NumberingPlan> read(BufferedReader reader) throws IOException {
        Map<String, NumberingPlan.Builder> builders = new LinkedHashMap<>();
        Map<String, String> heads = new LinkedHashMap<>();
        java.util.Set<String> portable = new java.util.HashSet<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length == 2 && f[1].equals("PORTABLE")) {
                portable.add(f[0]);
                continue;
            }
            if (f.length != 6) {
                throw new IllegalStateException(RESOURCE + " line " + number
                        + ": expected 6 tab-separated fields, got " + f.length);
            }
            String trunk = f[2].equals("-") ? "" : f[2];
            String head = f[1] + "/" + trunk;
            if (!heads.computeIfAbsent(f[0], k -> head).equals(head)) {
                throw new IllegalStateException(RESOURCE + " line " + number + ": " + f[0]
                        + " has another calling code or trunk prefix above");
            }
            try {
                builders.computeIfAbsent(f[0], k -> NumberingPlan.builder(f[0], f[1]).trunkPrefix(trunk))
                        .network(f[4], Integer.parseInt(f[3]), expand(f[5]));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(RESOURCE + " line " + number + ": " + e.getMessage(), e);
            }
        }
        for (String country : portable) {
            NumberingPlan.Builder b = builders.get(country);
            if (b == null) {
                throw new IllegalStateException(RESOURCE + ": " + country
                        + " is marked PORTABLE but has no ranges");
            }
            b.portable(true);
        }
        return builders.values().stream().map(NumberingPlan.Builder::build).toList();
    }

    /** "76 790-794" becomes 76, 790, 791, 792, 793, 794. */
    private static String[] expand(String prefixes) {
        List<String> out = new ArrayList<>();
        for (String p : prefixes.trim().split(" +")) {
            int dash = p.indexOf('-');
            if (dash < 0) {
                out.add(p);
                continue;
            }
            String from = p.substring(0, dash);
            String to = p.substring(dash + 1);
            if (from.length() != to.length() || from.compareTo(to) > 0) {
                throw new IllegalArgumentException("range " + p + " must go up between equal lengths");
            }
            for (long v = Long.parseLong(from); v <= Long.parseLong(to); v++) {
                String s = Long.toString(v);
                out.add("0".repeat(from.length() - s.length()) + s);
            }
        }
        return out.toArray(String[]::new);
    }
}
