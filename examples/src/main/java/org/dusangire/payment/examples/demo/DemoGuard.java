package org.dusangire.payment.examples.demo;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What stands between the demo and the rest of the machine, checked in this order:
 * <ol>
 * <li>every request must name the demo in its {@code Host} header (localhost, 127.0.0.1 or [::1]
 *     on the demo's port, or the host of {@code SITE_URL}), else 421: a page on another site that
 *     rebinds its DNS name to 127.0.0.1 still sends its own name;</li>
 * <li>a state-changing call to the cashier's routes ({@code /api/...} and the library's verify
 *     route) whose {@code Origin} names another site, or is {@code null}, gets 403 even with the
 *     token;</li>
 * <li>those calls need {@code Authorization: Bearer <cashier token>}, else 401.</li>
 * </ol>
 * The simulated customer ({@code /simulator/...}) and the providers' webhooks get the Host check
 * only: they stand for the customer's phone and the provider, and webhooks prove themselves.
 */
final class DemoGuard implements Filter {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final Pattern HOST = Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9.-]+)(?::(\\d{1,5}))?");

    private final CashierToken token;
    private final int port;
    private final String siteHost;
    private final int sitePort;
    private final boolean siteDefaultPort;
    private final String routePrefix;

    DemoGuard(CashierToken token, int port, URI siteUrl, String routePrefix) {
        this.token = token;
        this.port = port;
        this.siteHost = siteUrl.getHost().toLowerCase(Locale.ROOT);
        this.siteDefaultPort = siteUrl.getPort() == -1;
        this.sitePort = siteDefaultPort ? defaultPort(siteUrl.getScheme()) : siteUrl.getPort();
        this.routePrefix = routePrefix;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        if (!hostAllowed(req.getHeader("Host"))) {
            refuse(resp, 421, "this demo answers only to localhost or the host of SITE_URL");
            return;
        }
        if (cashierCall(req)) {
            String origin = req.getHeader("Origin");
            if (origin != null && !originAllowed(origin)) {
                refuse(resp, 403, "request from another site refused");
                return;
            }
            if (!hasToken(req)) {
                resp.setHeader("WWW-Authenticate", "Bearer realm=\"demo cashier\"");
                refuse(resp, 401, "the cashier token is missing or wrong: send Authorization: Bearer "
                        + "<the token printed when the demo started, or DEMO_CASHIER_TOKEN>");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** True when the request carries the cashier token as a bearer credential. */
    boolean hasToken(HttpServletRequest req) {
        String auth = req.getHeader("Authorization");
        if (auth == null || auth.length() < 7 || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return token.matches(auth.substring(7).trim());
    }

    /** A state-changing call to the API or to a library route other than webhooks and callback. */
    private boolean cashierCall(HttpServletRequest req) {
        if (SAFE_METHODS.contains(req.getMethod().toUpperCase(Locale.ROOT))) {
            return false;
        }
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        if (path.equals("/api") || path.startsWith("/api/")) {
            return true;
        }
        if (!path.startsWith(routePrefix + "/")) {
            return false;
        }
        String rest = path.substring(routePrefix.length() + 1);
        return !(rest.equals("webhooks") || rest.startsWith("webhooks/") || rest.equals("callback")
                || rest.startsWith("callback/"));
    }

    private boolean hostAllowed(String header) {
        if (header == null) {
            return false;
        }
        Matcher m = HOST.matcher(header.trim());
        if (!m.matches()) {
            return false;
        }
        String host = m.group(1).toLowerCase(Locale.ROOT);
        int given = m.group(2) == null ? -1 : Integer.parseInt(m.group(2));
        return (LOOPBACK.contains(host) && (given == port || given == -1 && port == 80))
                || (host.equals(siteHost) && (given == sitePort || given == -1 && siteDefaultPort));
    }

    private boolean originAllowed(String origin) {
        URI uri;
        try {
            uri = URI.create(origin.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            return false; // "null" (sandboxed frames, file: pages) and anything unparsable
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int given = uri.getPort() == -1 ? defaultPort(uri.getScheme()) : uri.getPort();
        return (LOOPBACK.contains(host) && given == port) || (host.equals(siteHost) && given == sitePort);
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    private static void refuse(HttpServletResponse resp, int status, String message) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        String body = "{\"error\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        resp.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
