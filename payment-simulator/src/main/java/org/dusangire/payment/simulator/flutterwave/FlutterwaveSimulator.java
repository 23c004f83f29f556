package org.dusangire.payment.simulator.flutterwave;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dusangire.payment.simulator.SimRequest;
import org.dusangire.payment.simulator.SimResponse;
import org.dusangire.payment.simulator.SimulatorServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stateful loopback simulator of Flutterwave v3 Standard: {@code POST /v3/payments} payment
 * links, a hosted checkout page (on its own port, as {@code checkout.flutterwave.com} is),
 * verification by id and by {@code tx_ref}, refunds, and {@code charge.completed} webhooks to the
 * dashboard URL. The customer is the control API: {@link #payByCard}, {@link #payByBankTransfer},
 * {@link #fail}, {@link #cancel}, {@link #leavePending}, and the hostile {@link #payLess} and
 * {@link #payInCurrency}; or the {@code /_sim/...} routes; or a person on the checkout page. What
 * refunds paid back is kept per {@code tx_ref} ({@link #refunds}, {@link #refundedTotal},
 * {@link #refundsPaidOut}), so a test can compare it with what its store believes.
 *
 * <p>Each attempt creates a transaction with its own id (a {@code long} above
 * {@link Integer#MAX_VALUE}) under the link's {@code tx_ref}; a link accepts attempts until one
 * succeeds.
 *
 * <pre>{@code
 * try (var flw = FlutterwaveSimulator.builder().webhookUrl(hook).build().start()) {
 *     URI api = flw.apiBaseUri();            // http://127.0.0.1:port/v3
 *     ...
 *     long id = flw.payByCard(txRef);
 * }
 * }</pre>
 */
public final class FlutterwaveSimulator extends SimulatorServer {

    private static final Logger LOG = LoggerFactory.getLogger(FlutterwaveSimulator.class);

    private final FlwSettings settings;
    private final FlwLedger ledger;
    private final FlwBodies bodies;
    private final FlwWebhooks webhooks;
    private final PaymentLinkHandler links;
    private final TransactionHandler transactions;
    private final FlwControlRoutes control;
    private final CheckoutHost checkout;
    private final AtomicBoolean autoPay;
    private final Map<Long, byte[]> lastWebhook = new ConcurrentHashMap<>();

    FlutterwaveSimulator(FlwSettings settings, URI webhookUrl, boolean autoPay,
                         InetAddress bindAddress, int port, int threads, long faultSeed,
                         int checkoutPort) {
        super("flutterwave", bindAddress, port, threads, settings.clock(), faultSeed);
        this.settings = settings;
        this.autoPay = new AtomicBoolean(autoPay);
        this.ledger = new FlwLedger(settings);
        this.bodies = new FlwBodies(json());
        this.webhooks = new FlwWebhooks(settings, faults(), webhookUrl);
        this.checkout = new CheckoutHost(new PageCustomer(), bindAddress, checkoutPort);
        this.links = new PaymentLinkHandler(settings, json(), bodies, ledger,
                checkout::baseUri, this::onNewLink);
        this.transactions = new TransactionHandler(settings, json(), bodies, ledger);
        this.control = new FlwControlRoutes(this, json());
    }

    /** A builder with test-mode defaults (see {@link FlutterwaveSimulatorBuilder}). */
    public static FlutterwaveSimulatorBuilder builder() {
        return new FlutterwaveSimulatorBuilder();
    }

    @Override
    public FlutterwaveSimulator start() {
        checkout.start();
        super.start();
        return this;
    }

    @Override
    public synchronized void close() {
        checkout.close();
        super.close();
    }

    /** The v3 API base a gateway is configured with, such as {@code http://127.0.0.1:port/v3}. */
    public URI apiBaseUri() {
        return URI.create(baseUri() + "/v3");
    }

    /** The base of the hosted checkout pages (a second port). */
    public URI checkoutBaseUri() {
        return checkout.baseUri();
    }

    /** The secret key the API accepts as Bearer token. */
    public String secretKey() {
        return settings.secretKey();
    }

    /** The public key. */
    public String publicKey() {
        return settings.publicKey();
    }

    /** The dashboard secret hash, or {@code null} when none is set. */
    public String secretHash() {
        return settings.secretHash();
    }

    /** True for a {@code FLWSECK_TEST-} key. */
    public boolean testMode() {
        return settings.testMode();
    }

    /** The webhook authentication scheme. */
    public WebhookScheme webhookScheme() {
        return settings.scheme();
    }

    /** The webhook payload shape. */
    public WebhookShape webhookShape() {
        return settings.shape();
    }

    /** Changes the dashboard webhook URL; {@code null} stops webhooks. */
    public void webhookUrl(URI url) {
        webhooks.url(url);
    }

    /** Switches auto-pay (every new link paid by card at once) on or off. */
    public void autoPay(boolean on) {
        autoPay.set(on);
    }

    /** The hosted link issued for a tx_ref, if any. */
    public Optional<URI> paymentLink(String txRef) {
        return ledger.checkout(txRef).map(c -> URI.create(links.link(c)));
    }

    /** The amount and currency a link asks for, as {@code "1500 UGX"}. */
    public Optional<String> amountDue(String txRef) {
        return ledger.checkout(txRef).map(c -> c.amount().toPlainString() + " " + c.currency());
    }

    /**
     * The customer pays the full amount by card: a {@code successful} transaction and a webhook.
     *
     * @return the new transaction id
     * @throws NoSuchElementException for an unknown tx_ref
     * @throws IllegalStateException  when the link is already paid
     */
    public long payByCard(String txRef) {
        FlwCheckout c = find(txRef);
        return attempt(c, c.amount(), c.currency(), "card", "successful", "Approved");
    }

    /** The customer pays the full amount by bank transfer, settled at once. */
    public long payByBankTransfer(String txRef) {
        FlwCheckout c = find(txRef);
        return attempt(c, c.amount(), c.currency(), "bank_transfer", "successful",
                "Approved by Financial Institution");
    }

    /** A card attempt the issuer declines: a {@code failed} transaction (the link stays open). */
    public long fail(String txRef) {
        return fail(txRef, "Declined");
    }

    /** A failed card attempt with the given processor response. */
    public long fail(String txRef, String processorResponse) {
        FlwCheckout c = find(txRef);
        return attempt(c, c.amount(), c.currency(), "card", "failed", processorResponse);
    }

    /** The customer closes the checkout: no transaction is created. */
    public void cancel(String txRef) {
        ledger.cancel(find(txRef));
    }

    /** A bank transfer awaiting settlement: a {@code pending} transaction, no webhook yet. */
    public long leavePending(String txRef) {
        FlwCheckout c = find(txRef);
        return attempt(c, c.amount(), c.currency(), "bank_transfer", "pending",
                "Transaction is pending");
    }

    /** A pending transfer settles: {@code successful} and a webhook; false if already final. */
    public boolean settle(long transactionId) {
        return finish(transactionId, "successful", "Approved by Financial Institution");
    }

    /** A pending transfer never arrives: {@code failed} and a webhook; false if already final. */
    public boolean failPending(long transactionId) {
        return finish(transactionId, "failed", "Transfer not received");
    }

    /** Hostile customer: a successful payment of less than asked, in the asked currency. */
    public long payLess(String txRef, BigDecimal amount) {
        FlwCheckout c = find(txRef);
        return attempt(c, amount, c.currency(), "card", "successful", "Approved");
    }

    /** Hostile customer: a successful payment of the asked number in another currency. */
    public long payInCurrency(String txRef, String currency) {
        FlwCheckout c = find(txRef);
        return attempt(c, c.amount(), currency, "card", "successful", "Approved");
    }

    /** One transaction, if it exists. */
    public Optional<FlutterwaveTransaction> transaction(long id) {
        return ledger.transaction(id).map(FlwTransaction::snapshot);
    }

    /** Every attempt under a tx_ref, oldest first. */
    public List<FlutterwaveTransaction> transactions(String txRef) {
        return ledger.attempts(txRef);
    }

    /** How often the customer cancelled the checkout of a tx_ref. */
    public int cancellations(String txRef) {
        return ledger.cancellations(txRef);
    }

    /** Sends the last webhook of a transaction again: a duplicate delivery. */
    public CompletableFuture<WebhookDelivery> resendWebhook(long transactionId) {
        FlwTransaction t = ledger.transaction(transactionId).orElseThrow(
                () -> new NoSuchElementException("unknown transaction " + transactionId));
        return webhooks.send(transactionId, lastWebhook.computeIfAbsent(transactionId,
                id -> payload(t)));
    }

    /** Sends the webhook retries that are due by the simulator's clock; returns how many. */
    public int deliverDueWebhookRetries() {
        return webhooks.deliverDue();
    }

    /** Retries scheduled and not yet due or sent. */
    public int webhookRetriesWaiting() {
        return webhooks.retriesWaiting();
    }

    /** Every webhook delivery attempt, oldest first. */
    public List<WebhookDelivery> webhookDeliveries() {
        return webhooks.deliveries();
    }

    /** Completes an in-flight ({@code processing}) refund; false when unknown or already final. */
    public boolean completeRefund(long refundId) {
        return ledger.completeRefund(refundId);
    }

    /**
     * Fails an in-flight refund: nothing goes back and its amount is refundable again; false when
     * unknown or already final.
     */
    public boolean failRefund(long refundId) {
        return ledger.failRefund(refundId);
    }

    /** Every refund of the attempts under a tx_ref, whatever its status, oldest first. */
    public List<FlutterwaveRefund> refunds(String txRef) {
        return ledger.refundsOf(txRef);
    }

    /** What completed refunds gave back under a tx_ref; zero when none. */
    public BigDecimal refundedTotal(String txRef) {
        return refunds(txRef).stream().filter(FlutterwaveRefund::paidOut)
                .map(FlutterwaveRefund::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** How many refunds under a tx_ref were paid out ({@code completed}). */
    public int refundsPaidOut(String txRef) {
        return (int) refunds(txRef).stream().filter(FlutterwaveRefund::paidOut).count();
    }

    /** Refund POSTs received, accepted or not. */
    public int refundRequests() {
        return journal().count(FlutterwaveEndpoint.REFUND);
    }

    /** How often the hosted checkout page was shown. */
    public int checkoutPageViews() {
        return checkout.views();
    }

    @Override
    protected Optional<String> endpointOf(SimRequest request) {
        return FlwRoutes.endpointOf(request).map(Enum::name);
    }

    @Override
    protected Set<String> journaledHeaders() {
        return Set.of("content-type", "authorization");
    }

    @Override
    protected SimResponse handle(String endpoint, SimRequest request) {
        if (!("Bearer " + settings.secretKey()).equals(request.header("Authorization"))) {
            return bodies.error(401, request.header("Authorization") == null
                    ? "Authorization required" : "Invalid authorization key");
        }
        List<String> p = FlwRoutes.trimmed(request.segments());
        return switch (FlutterwaveEndpoint.valueOf(endpoint)) {
            case CREATE_PAYMENT -> links.create(request);
            case VERIFY -> transactions.verify(p.get(2));
            case VERIFY_BY_REFERENCE -> transactions.verifyByReference(request);
            case REFUND -> transactions.refund(p.get(2), request);
            case REFUND_STATUS -> p.get(1).equals("refunds")
                    ? transactions.refundById(p.get(2)) : transactions.refundOfTransaction(p.get(2));
            case REFUND_LIST -> transactions.listRefunds(request);
            case WEBHOOK -> bodies.error(404, "Not an inbound route");
        };
    }

    @Override
    protected Optional<SimResponse> handleControl(SimRequest request) {
        return control.handle(request);
    }

    private FlwCheckout find(String txRef) {
        return ledger.checkout(txRef).orElseThrow(
                () -> new NoSuchElementException("unknown tx_ref " + txRef));
    }

    private long attempt(FlwCheckout c, BigDecimal amount, String currency, String type,
                         String status, String response) {
        FlwTransaction t = ledger.attempt(c, amount, currency, type, status, response,
                clock().instant());
        LOG.info("transaction {} for tx_ref {}: {} {} {} by {}", t.id(), c.txRef(), status,
                amount.toPlainString(), currency, type);
        if (!"pending".equals(status)) {
            notify(t);
        }
        return t.id();
    }

    private boolean finish(long transactionId, String status, String response) {
        FlwTransaction t = ledger.transaction(transactionId).orElseThrow(
                () -> new NoSuchElementException("unknown transaction " + transactionId));
        if (!ledger.settle(t, status, response)) {
            return false;
        }
        LOG.info("transaction {} settled: {}", transactionId, status);
        notify(t);
        return true;
    }

    private void notify(FlwTransaction t) {
        if ("failed".equals(t.status()) && !settings.failedWebhooks()) {
            return;
        }
        byte[] body = payload(t);
        lastWebhook.put(t.id(), body);
        webhooks.send(t.id(), body);
    }

    private byte[] payload(FlwTransaction t) {
        return json().write(settings.shape() == WebhookShape.V3_ENVELOPE
                ? bodies.envelope(t) : bodies.legacy(t));
    }

    private void onNewLink(FlwCheckout c) {
        LOG.info("payment link {} for tx_ref {}: {} {}", c.linkId(), c.txRef(),
                c.amount().toPlainString(), c.currency());
        if (autoPay.get()) {
            payByCard(c.txRef());
        }
    }

    static String redirect(FlwCheckout c, String status, Long transactionId) {
        String url = c.redirectUrl();
        StringBuilder target = new StringBuilder(url).append(url.contains("?") ? '&' : '?')
                .append("status=").append(status)
                .append("&tx_ref=").append(URLEncoder.encode(c.txRef(), StandardCharsets.UTF_8));
        if (transactionId != null) {
            target.append("&transaction_id=").append(transactionId);
        }
        return target.toString();
    }

    /** The checkout page's view of the simulator. */
    private final class PageCustomer implements CheckoutHost.Customer {
        @Override
        public Optional<FlwCheckout> link(String linkId) {
            return ledger.checkoutByLink(linkId);
        }

        @Override
        public boolean paid(FlwCheckout c) {
            return ledger.isPaid(c.txRef());
        }

        @Override
        public CheckoutHost.Outcome act(FlwCheckout c, String action) {
            try {
                return switch (action) {
                    case "card" -> offered(c, "card", () -> CheckoutHost.Outcome.redirect(
                            redirect(c, "successful", payByCard(c.txRef()))));
                    case "bank_transfer" -> offered(c, "banktransfer", () -> CheckoutHost.Outcome
                            .redirect(redirect(c, "successful", payByBankTransfer(c.txRef()))));
                    case "fail" -> CheckoutHost.Outcome.redirect(
                            redirect(c, "failed", fail(c.txRef())));
                    case "cancel" -> {
                        cancel(c.txRef());
                        yield CheckoutHost.Outcome.redirect(redirect(c, "cancelled", null));
                    }
                    default -> CheckoutHost.Outcome.show(400, CheckoutPage.message(
                            "Unknown choice", "Please choose card or bank transfer."));
                };
            } catch (IllegalStateException e) {
                return CheckoutHost.Outcome.show(409, CheckoutPage.message("Already paid",
                        "This payment has been completed."));
            }
        }

        private CheckoutHost.Outcome offered(FlwCheckout c, String option,
                                             java.util.function.Supplier<CheckoutHost.Outcome> pay) {
            return CheckoutPage.offers(c, option) ? pay.get() : CheckoutHost.Outcome.show(400,
                    CheckoutPage.message("Not offered", "This payment method is not offered."));
        }
    }
}
