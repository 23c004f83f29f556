package org.dusangire.payment.webhooks.servlet;

import java.util.Arrays;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A request path (relative to the mount point) matched to one of the adapter's routes. Each
 * route answers with or without a trailing slash. {@link #logPath()} is the path safe to log:
 * only fixed words and payment ids are kept, every other segment (MTN's callback token above all)
 * is masked.
 */
record Route(Kind kind, String gateway, String remainder, String paymentId, String logPath) {
    /** The kinds of route. */
    enum Kind { WEBHOOK, CALLBACK, VERIFY, NOT_FOUND }

    /**
     * MTN calls back with PUT, the other providers (and MTN in some environments) POST. Every
     * webhook route takes both: a gateway's name is the host's choice (two MTN accounts are
     * {@code mtn-momo-ug} and {@code mtn-momo-rw}), and the gateway authenticates whatever comes.
     */
    private static final Set<String> WEBHOOK_METHODS = Set.of("POST", "PUT");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final String MASK = "***";

    static Route match(String path, Predicate<String> knownGateway) {
        String p = path == null ? "" : path;
        if (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        String[] s = p.isEmpty() ? new String[0] : p.split("/", -1);
        if (s.length == 0 || Arrays.stream(s).anyMatch(String::isEmpty)) {
            return notFound(s);
        }
        if (s[0].equals("webhooks") && s.length >= 2 && knownGateway.test(s[1])) {
            String[] rest = Arrays.copyOfRange(s, 2, s.length);
            String reference = rest.length > 0 && isUuid(rest[0]) ? rest[0] : null;
            StringBuilder log = new StringBuilder("/webhooks/").append(s[1]);
            for (int i = 0; i < rest.length; i++) {
                log.append('/').append(i == 0 && reference != null ? reference : MASK);
            }
            return new Route(Kind.WEBHOOK, s[1], String.join("/", rest), reference, log.toString());
        }
        if (s.length == 1 && s[0].equals("callback")) {
            return new Route(Kind.CALLBACK, null, "", null, "/callback");
        }
        if (s.length == 2 && s[1].equals("verify")) {
            String shown = isUuid(s[0]) ? s[0] : MASK;
            return new Route(Kind.VERIFY, null, "", s[0], "/" + shown + "/verify");
        }
        return notFound(s);
    }

    /** The methods this route answers; empty for an unknown route. */
    Set<String> allowedMethods() {
        return switch (kind) {
            case WEBHOOK -> WEBHOOK_METHODS;
            case CALLBACK -> Set.of("GET");
            case VERIFY -> Set.of("POST");
            case NOT_FOUND -> Set.of();
        };
    }

    /** The payment id a verify route names, when it is a UUID. */
    boolean hasValidPaymentId() {
        return paymentId != null && isUuid(paymentId);
    }

    static boolean isUuid(String text) {
        return text != null && UUID.matcher(text).matches();
    }

    private static Route notFound(String[] segments) {
        StringBuilder log = new StringBuilder();
        for (String segment : segments) {
            boolean known = segment.equals("webhooks") || segment.equals("callback")
                    || segment.equals("verify") || isUuid(segment);
            log.append('/').append(known ? segment : MASK);
        }
        return new Route(Kind.NOT_FOUND, null, "", null, log.length() == 0 ? "/" : log.toString());
    }
}
