package org.dusangire.payment.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.core.error.GatewayUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenCacheTest {
    private final FakeTime time = new FakeTime();
    private LoopbackServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private JsonHttpClient client() {
        return JsonHttpClient.builder("test", server.uri())
                .retryPolicy(RetryPolicy.builder().sleeper(time).clock(time).build()).build();
    }

    /** Fetches over the socket: the server numbers the tokens it issues. */
    private TokenCache cacheOver(JsonHttpClient client, long lifetimeSeconds) {
        return TokenCache.create(() -> {
            ApiResponse r = client.send(ApiRequest.post("/token").build());
            String token = JsonNodes.text(r.json().orElseThrow(), "access_token");
            return new AccessToken(Secret.of(token), Duration.ofSeconds(lifetimeSeconds));
        }, time, Duration.ofSeconds(60));
    }

    @Test
    void theListenerHearsOfEachFetchAndWhetherItSucceeded() {
        List<Boolean> heard = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        TokenCache cache = TokenCache.create(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new GatewayUnavailableException("token endpoint down", "test", null, null,
                        503, null);
            }
            return new AccessToken(Secret.of("tok"), Duration.ofSeconds(3600));
        }, time, Duration.ofSeconds(60), (succeeded, took) -> {
            assertThat(took.isNegative()).isFalse();
            heard.add(succeeded);
        });

        assertThatThrownBy(cache::token).isInstanceOf(GatewayUnavailableException.class);
        cache.token();
        cache.token();

        assertThat(heard).containsExactly(false, true);
    }

    @Test
    void aThrowingListenerDoesNotStopTheToken() {
        TokenCache cache = TokenCache.create(
                () -> new AccessToken(Secret.of("tok"), Duration.ofSeconds(3600)), time,
                Duration.ofSeconds(60), (succeeded, took) -> {
                    throw new IllegalStateException("metrics broke");
                });

        assertThat(cache.token().reveal()).isEqualTo("tok");
    }

    @Test
    void thousandConcurrentCallersCauseOneTokenRequest() throws Exception {
        server = new LoopbackServer((req, n) -> LoopbackServer.Answer.json(200,
                "{\"access_token\":\"tok-" + n + "\",\"expires_in\":3600}"));
        TokenCache cache = cacheOver(client(), 3600);
        ExecutorService pool = Executors.newFixedThreadPool(64);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return cache.token().reveal();
            }));
        }
        start.countDown();
        for (Future<String> f : results) {
            assertThat(f.get()).isEqualTo("tok-1");
        }
        pool.shutdown();
        assertThat(server.count("/token")).isEqualTo(1);
        assertThat(cache.fetchCount()).isEqualTo(1);
    }

    @Test
    void tokenIsReusedUntilShortlyBeforeExpiryThenRefreshed() throws Exception {
        server = new LoopbackServer((req, n) -> LoopbackServer.Answer.json(200,
                "{\"access_token\":\"tok-" + n + "\"}"));
        TokenCache cache = cacheOver(client(), 3600);
        assertThat(cache.token().reveal()).isEqualTo("tok-1");
        time.advance(Duration.ofSeconds(3539));
        assertThat(cache.token().reveal()).isEqualTo("tok-1");
        time.advance(Duration.ofSeconds(2));
        assertThat(cache.token().reveal()).isEqualTo("tok-2");
        assertThat(server.count("/token")).isEqualTo(2);
    }

    @Test
    void shortLivedTokenIsStillUsedForHalfItsLife() throws Exception {
        server = new LoopbackServer((req, n) -> LoopbackServer.Answer.json(200,
                "{\"access_token\":\"tok-" + n + "\"}"));
        TokenCache cache = cacheOver(client(), 30);
        cache.token();
        time.advance(Duration.ofSeconds(14));
        assertThat(cache.token().reveal()).isEqualTo("tok-1");
        time.advance(Duration.ofSeconds(2));
        assertThat(cache.token().reveal()).isEqualTo("tok-2");
    }

    @Test
    void unauthorizedAnswerRefreshesTheTokenOnceAndRetries() throws Exception {
        server = new LoopbackServer((req, n) -> {
            if (req.path().equals("/token")) {
                return LoopbackServer.Answer.json(200, "{\"access_token\":\"tok-" + n + "\"}");
            }
            return "Bearer tok-1".equals(req.authorization())
                    ? LoopbackServer.Answer.json(401, "{\"message\":\"expired\"}")
                    : LoopbackServer.Answer.json(200, "{\"ok\":true}");
        });
        JsonHttpClient client = client();
        TokenCache cache = cacheOver(client, 3600);
        ApiResponse r = client.send(ApiRequest.get("/api").build(), cache);
        assertThat(r.status()).isEqualTo(200);
        assertThat(server.count("/token")).isEqualTo(2);
        assertThat(server.count("/api")).isEqualTo(2);
        assertThat(cache.token().reveal()).isEqualTo("tok-2");
    }

    @Test
    void theTokenReplacesAnAuthorizationTheRequestCarries() throws Exception {
        server = new LoopbackServer((req, n) -> LoopbackServer.Answer.json(200,
                "{\"access_token\":\"tok-" + n + "\"}"));
        JsonHttpClient client = client();
        TokenCache cache = cacheOver(client, 3600);
        client.send(ApiRequest.get("/api").header("Authorization", "Basic b2xkOm9sZA==").build(), cache);
        // the token's fetch (no Authorization), then the call with the token alone
        assertThat(server.requests()).extracting(LoopbackServer.Recorded::path,
                        LoopbackServer.Recorded::authorizations)
                .containsExactly(tuple("/token", List.of()), tuple("/api", List.of("Bearer tok-1")));
    }

    @Test
    void persistentUnauthorizedIsReturnedAfterOneRefresh() throws Exception {
        server = new LoopbackServer((req, n) -> req.path().equals("/token")
                ? LoopbackServer.Answer.json(200, "{\"access_token\":\"tok-" + n + "\"}")
                : LoopbackServer.Answer.json(401, "{\"statusCode\":401}"));
        JsonHttpClient client = client();
        TokenCache cache = cacheOver(client, 3600);
        assertThat(client.send(ApiRequest.get("/api").build(), cache).status()).isEqualTo(401);
        assertThat(server.count("/token")).isEqualTo(2);
        assertThat(server.count("/api")).isEqualTo(2);
    }

    @Test
    void failedFetchReachesTheCallerAndTheNextCallTriesAgain() {
        AtomicInteger calls = new AtomicInteger();
        TokenCache cache = TokenCache.create(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new GatewayUnavailableException("down", "test", null, null, 503, null);
            }
            return new AccessToken(Secret.of("tok"), Duration.ofHours(1));
        }, time, Duration.ofMinutes(1));
        assertThatThrownBy(cache::token).isInstanceOf(GatewayUnavailableException.class);
        assertThat(cache.token().reveal()).isEqualTo("tok");
    }

    @Test
    void invalidatingAnOldTokenKeepsTheNewOne() {
        AtomicInteger calls = new AtomicInteger();
        TokenCache cache = TokenCache.create(() -> new AccessToken(
                Secret.of("tok-" + calls.incrementAndGet()), Duration.ofHours(1)), time, Duration.ofMinutes(1));
        Secret first = cache.token();
        cache.invalidate(first);
        Secret second = cache.token();
        cache.invalidate(first); // a late 401 for the first token
        assertThat(cache.token()).isSameAs(second);
        assertThat(calls.get()).isEqualTo(2);
    }
}
