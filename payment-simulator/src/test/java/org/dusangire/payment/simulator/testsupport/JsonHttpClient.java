package org.dusangire.payment.simulator.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What the bare HTTP test clients of the simulators share: one {@link HttpClient}, sending
 * without checked exceptions, and reading and writing JSON. Each provider's client extends it
 * with that provider's wire format.
 */
public abstract class JsonHttpClient {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** The client the requests go through, for tests that need to send one by hand. */
    public final HttpClient http;

    /** A client with a 5 s connect timeout that follows no redirects. */
    protected JsonHttpClient() {
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Sends the request and reads the body as a string. */
    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body as JSON; a string is taken to be JSON already and passes unchanged. */
    public static String write(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
