package org.dusangire.payment.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base of every provider simulator: an {@link HttpServer} (on loopback unless told otherwise) on a fixed-size thread pool
 * that journals each request, applies fault rules around the provider logic and serves the shared
 * control routes under {@value #CONTROL_PREFIX}. Subclasses map requests to endpoint keys and
 * answer them.
 */
public abstract class SimulatorServer implements AutoCloseable {

    /** Path prefix of the control API. */
    public static final String CONTROL_PREFIX = "/_sim/";
    /** Endpoint key journaled for control requests. */
    public static final String CONTROL_ENDPOINT = "CONTROL";
    /** Endpoint key journaled for requests no route matched. */
    public static final String UNKNOWN_ENDPOINT = "UNKNOWN";

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorServer.class);
    private static final String LOOPBACK = "127.0.0.1";

    static {
        // The JDK server leaves Nagle's algorithm on, which holds each small loopback answer
        // back by ~40 ms and would dwarf what every client of the simulators measures. The
        // setting is read once, when the JDK server first starts; a value set by the host wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final String name;
    private final InetSocketAddress address;
    private final int threads;
    private final Clock clock;
    private final Json json = new Json();
    private final RequestJournal journal = new RequestJournal();
    private final FaultInjector faults;
    private final FaultControl faultControl;
    private final ExecutorService executor;
    private final CallbackSender callbacks;
    private HttpServer server;

    /**
     * A simulator on loopback (127.0.0.1).
     *
     * @param name      short name used in thread names and logs
     * @param port      port on 127.0.0.1; 0 picks a free one
     * @param threads   request threads; size for the expected concurrency plus injected latency
     * @param clock     the simulator's notion of time
     * @param faultSeed seed of the random used by probabilistic fault rules
     */
    protected SimulatorServer(String name, int port, int threads, Clock clock, long faultSeed) {
        this(name, null, port, threads, clock, faultSeed);
    }

    /**
     * A simulator on the given address.
     *
     * @param name        short name used in thread names and logs
     * @param bindAddress address to listen on; {@code null} for 127.0.0.1. Anything but loopback
     *                    lets other machines in, and the simulators check no real credentials
     * @param port        port; 0 picks a free one
     * @param threads     request threads; size for the expected concurrency plus injected latency
     * @param clock       the simulator's notion of time
     * @param faultSeed   seed of the random used by probabilistic fault rules
     */
    protected SimulatorServer(String name, InetAddress bindAddress, int port, int threads,
            Clock clock, long faultSeed) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive");
        }
        this.name = name;
        this.address = bindAddress == null ? new InetSocketAddress(LOOPBACK, port)
                : new InetSocketAddress(bindAddress, port);
        this.threads = threads;
        this.clock = clock;
        this.faults = new FaultInjector(faultSeed);
        this.faultControl = new FaultControl(faults, json);
        this.executor = Executors.newFixedThreadPool(threads, daemonThreads(name));
        this.callbacks = new CallbackSender(journal, clock, executor);
    }

    /** Maps a request to this simulator's endpoint key, or empty when no route matches. */
    protected abstract Optional<String> endpointOf(SimRequest request);

    /** Answers a request to one of this simulator's endpoints. */
    protected abstract SimResponse handle(String endpoint, SimRequest request);

    /** Answers a provider-specific control request; empty means 404. */
    protected Optional<SimResponse> handleControl(SimRequest request) {
        return Optional.empty();
    }

    /** Lower-case names of the headers worth journaling; secrets are redacted by {@link #redact}. */
    protected Set<String> journaledHeaders() {
        return Set.of("content-type", "authorization", "x-reference-id", "x-callback-url");
    }

    /** Hides secret header values before they are journaled; keeps the auth scheme only. */
    protected String redact(String header, String value) {
        if ("authorization".equals(header)) {
            int space = value.indexOf(' ');
            return (space < 0 ? "" : value.substring(0, space)) + " ***";
        }
        return value;
    }

    /** Starts listening; returns this for chaining. */
    public synchronized SimulatorServer start() {
        if (server != null) {
            throw new IllegalStateException(name + " simulator already started");
        }
        try {
            server = HttpServer.create(address, 512);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind " + name + " simulator to " + address, e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
        LOG.info("{} simulator listening on {} with {} threads", name, baseUri(), threads);
        return this;
    }

    /**
     * Base URI such as {@code http://127.0.0.1:41234}, on the bound address (127.0.0.1 when
     * bound to every address); only after {@link #start()}.
     */
    public synchronized URI baseUri() {
        return httpUri(boundAddress());
    }

    /** The address and port the simulator listens on; only after {@link #start()}. */
    public synchronized InetSocketAddress boundAddress() {
        if (server == null) {
            throw new IllegalStateException(name + " simulator not started");
        }
        return server.getAddress();
    }

    /**
     * {@code http://host:port} for a listening address: a wildcard address is reached on
     * 127.0.0.1, an IPv6 one in brackets.
     */
    public static URI httpUri(InetSocketAddress listening) {
        InetAddress host = listening.getAddress();
        String text = host.isAnyLocalAddress() ? LOOPBACK
                : host instanceof Inet6Address ? "[" + host.getHostAddress().replaceFirst("%.*", "") + "]"
                : host.getHostAddress();
        return URI.create("http://" + text + ":" + listening.getPort());
    }

    /** Stops the server and its threads at once. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every request and callback seen so far. */
    public RequestJournal journal() {
        return journal;
    }

    /** The fault rules of this simulator. */
    public FaultInjector faults() {
        return faults;
    }

    /** Shortcut for {@code faults().add(rule)}. */
    public void inject(FaultRule rule) {
        faults.add(rule);
    }

    /** Shortcut for {@code faults().clear()}. */
    public void clearFaults() {
        faults.clear();
    }

    /** The simulator's clock. */
    protected Clock clock() {
        return clock;
    }

    /** JSON helpers of this simulator. */
    protected Json json() {
        return json;
    }

    /** Outbound callback sender, sharing the journal and thread pool. */
    protected CallbackSender callbacks() {
        return callbacks;
    }

    private void dispatch(HttpExchange exchange) {
        try (exchange) {
            SimRequest request = read(exchange);
            if (request.path().startsWith(CONTROL_PREFIX)) {
                journal(request, CONTROL_ENDPOINT);
                send(exchange, control(request));
                return;
            }
            Optional<String> endpoint = endpointOf(request);
            journal(request, endpoint.orElse(UNKNOWN_ENDPOINT));
            if (endpoint.isEmpty()) {
                send(exchange, json.error(404, "RESOURCE_NOT_FOUND", "No such route."));
                return;
            }
            Optional<Fault> fault = faults.nextInbound(endpoint.get());
            new FaultedExchange(exchange, fault.orElse(null), json)
                    .run(() -> safeHandle(endpoint.get(), request));
        } catch (IOException e) {
            LOG.debug("{} simulator: client went away: {}", name, e.toString());
        }
    }

    private SimResponse safeHandle(String endpoint, SimRequest request) {
        try {
            return handle(endpoint, request);
        } catch (RuntimeException e) {
            LOG.warn("{} simulator failed on {} {}", name, request.method(), request.path(), e);
            return json.error(500, "SIMULATOR_ERROR", e.getClass().getSimpleName());
        }
    }

    private SimResponse control(SimRequest request) {
        if (request.path().equals("/_sim/journal") && request.method().equals("GET")) {
            var node = json.object();
            journal.countsByEndpoint().forEach(node.putObject("requests")::put);
            node.put("callbacks", journal.callbacks().size());
            return json.response(200, node);
        }
        return faultControl.handle(request)
                .or(() -> handleControl(request))
                .orElseGet(() -> json.error(404, "RESOURCE_NOT_FOUND", "No such control route."));
    }

    private SimRequest read(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, List<String>> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach(
                (key, values) -> headers.put(key.toLowerCase(Locale.ROOT), List.copyOf(values)));
        URI uri = exchange.getRequestURI();
        return new SimRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                uri.getRawPath(), uri.getRawQuery(), headers, body, clock.instant());
    }

    private void journal(SimRequest request, String endpoint) {
        Map<String, String> selected = new HashMap<>();
        for (String header : journaledHeaders()) {
            String value = request.header(header);
            if (value != null) {
                selected.put(header, redact(header, value));
            }
        }
        journal.record(new JournalEntry(request.receivedAt(), request.method(), request.path(),
                endpoint, selected, request.bodyText()));
    }

    static void send(HttpExchange exchange, SimResponse response) throws IOException {
        if (response.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
        }
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-sim-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
