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
     * length over the limit is refused before a byte is read, and a declared length within it is
     * read straight into an array of that size; a chunked body is read in small pieces and given
     * up as soon as it passes the limit, so a huge body never sits in memory.
     *
     * @throws IOException when the body cannot be read, or ends before its declared length
     */
    static byte[] readAtMost(HttpServletRequest request, int limit) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            return null;
        }
        InputStream in = request.getInputStream();
        return declared >= 0 ? readDeclared(in, (int) declared) : readChunked(in, limit);
    }

    private static byte[] readDeclared(InputStream in, int length) throws IOException {
        byte[] body = new byte[length];
        for (int read = 0, n; read < length; read += n) {
            n = in.read(body, read, length - read);
            if (n < 0) {
                throw new IOException("the body ended after " + read + " of its " + length
                        + " declared bytes");
            }
        }
        return body;
    }

    private static byte[] readChunked(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        byte[] buffer = new byte[8192];
        long total = 0;
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
