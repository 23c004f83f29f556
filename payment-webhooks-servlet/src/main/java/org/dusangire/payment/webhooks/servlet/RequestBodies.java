package org.dusangire.payment.webhooks.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** Reads request bodies as raw bytes, never more than a limit, and judges their content type. */
final class RequestBodies {
    private RequestBodies() {
    }

    /**
     * The exact body bytes, or {@code null} when the body is larger than {@code limit}. A declared
     * length over the limit is refused before a byte is read; a chunked body is read in small
     * pieces and given up as soon as it passes the limit, so a huge body never sits in memory.
     */
    static byte[] readAtMost(HttpServletRequest request, int limit) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
        byte[] buffer = new byte[8192];
        long total = 0;
        InputStream in = request.getInputStream();
        int n;
        while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, limit + 1L - total))) != -1) {
            total += n;
            if (total > limit) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * True for JSON ({@code application/json}, {@code text/json} or any {@code application/*+json},
     * whatever the charset) and for a missing content type: the gateway authenticates and parses
     * the bytes anyway, and a provider that forgets the header should not lose a confirmation.
     * Anything else declared explicitly (form posts, plain text, multipart) is refused.
     */
    static boolean isAcceptableWebhookType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String mime = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mime.equals("application/json") || mime.equals("text/json")
                || (mime.startsWith("application/") && mime.endsWith("+json"));
    }
}
