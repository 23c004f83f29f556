package org.dusangire.payment.webhooks.servlet;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * The configured places the browser is sent back to. They are fixed when the servlet is built;
 * nothing in a request can choose or change them, so the callback route cannot be turned into an
 * open redirect.
 */
final class RedirectTargets {
    private final String success;
    private final String failure;
    private final String pending;
    private final boolean pendingIsFailure;

    RedirectTargets(URI success, URI failure, URI pending) {
        this.success = check("successUrl", success);
        this.failure = check("failureUrl", failure);
        this.pendingIsFailure = pending == null;
        this.pending = pending == null ? this.failure : check("pendingUrl", pending);
    }

    String success(String paymentId) {
        return with(success, "paymentId", paymentId);
    }

    String failure(String paymentId) {
        return with(failure, "paymentId", paymentId);
    }

    /** The pending page; without one, the failure page with the neutral {@code status=pending}. */
    String pending(String paymentId) {
        String base = pendingIsFailure ? with(pending, "status", "pending") : pending;
        return with(base, "paymentId", paymentId);
    }

    /** Accepts an absolute http(s) URL or a path on this site; nothing scheme-relative. */
    private static String check(String name, URI uri) {
        Objects.requireNonNull(uri, name + " must not be null");
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean absolute = ("https".equals(scheme) || "http".equals(scheme)) && uri.getHost() != null;
        boolean sitePath = scheme == null && uri.getRawAuthority() == null && uri.getRawPath() != null
                && uri.getRawPath().startsWith("/") && !uri.getRawPath().startsWith("//");
        if (!absolute && !sitePath) {
            throw new IllegalArgumentException(name + " must be an absolute http(s) URL or a path "
                    + "starting with '/'");
        }
        return uri.toString();
    }

    private static String with(String base, String name, String value) {
        if (value == null) {
            return base;
        }
        int hash = base.indexOf('#');
        String head = hash < 0 ? base : base.substring(0, hash);
        String fragment = hash < 0 ? "" : base.substring(hash);
        String separator = head.contains("?") ? (head.endsWith("?") || head.endsWith("&") ? "" : "&") : "?";
        return head + separator + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)
                + fragment;
    }
}
