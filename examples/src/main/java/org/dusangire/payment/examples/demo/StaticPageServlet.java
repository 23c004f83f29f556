package org.dusangire.payment.examples.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the one demo page from the classpath, and a small JSON description of the mode. */
final class StaticPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final byte[] page;
    private final String modeJson;

    StaticPageServlet(String modeJson) {
        this.modeJson = modeJson;
        try (InputStream in = StaticPageServlet.class.getResourceAsStream("/demo/index.html")) {
            if (in == null) {
                throw new IllegalStateException("demo/index.html is missing from the classpath");
            }
            this.page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI();
        if (path.equals("/api/mode")) {
            resp.setContentType("application/json;charset=utf-8");
            resp.getOutputStream().write(modeJson.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        if (!path.equals("/") && !path.equals("/index.html")) {
            resp.sendError(404);
            return;
        }
        resp.setContentType("text/html;charset=utf-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                + "script-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
        resp.getOutputStream().write(page);
    }
}
