package org.dusangire.payment.gateway.flutterwave;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.port.RefundResult;
import org.dusangire.payment.gateway.http.ApiResponse;
import org.dusangire.payment.gateway.http.JsonNodes;
import org.dusangire.payment.gateway.http.ProviderErrors;

/**
 * Finds one of our refunds at Flutterwave: by its Flutterwave id when an answer gave one (refund
 * details, under either path the docs and the Java SDK use), else by our refund id in the
 * {@code comments} of the transaction's refunds ({@code GET /v3/refunds}, every page).
 *
 * <p>"Flutterwave has no such refund" is concluded only when the listing of the transaction was
 * read to its last page, every refund in it carries the refund id of another refund of ours, and
 * the transaction's verification reports no more refunded than the listing holds. A refund the
 * listing cannot attribute, a listing cut short or unreadable, leave it unknown: a refund sent
 * again that Flutterwave already had would pay twice.
 */
final class FlwRefundLookup {
    /** Pages of the listing read at most; a longer listing is not taken as complete. */
    static final int MAX_PAGES = 20;

    private final FlwApi api;
    private final Clock clock;

    FlwRefundLookup(FlwApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    /**
     * What the listing of a transaction's refunds shows about one of ours.
     *
     * @param ours        our refund as Flutterwave lists it; {@code null} when not listed
     * @param absent      true when the listing was read whole and every refund in it is another
     *                    of ours: ours is certainly not among them
     * @param listedTotal what the listed refunds of the transaction hold (failed ones left out)
     * @param raw         the last page read, secrets removed
     */
    record Listing(JsonNode ours, boolean absent, BigDecimal listedTotal, String raw) {
    }

    /**
     * Reads the listing of the transaction's refunds looking for {@code refundId}.
     *
     * @throws org.dusangire.payment.core.error.GatewayUnavailableException when Flutterwave
     *         cannot be asked now (timeouts, 5xx)
     */
    Listing list(Payment payment, long transactionId, String refundId) {
        String reference = payment.providerReference();
        // the refund cannot be older than the payment nor younger than today; both bounds are
        // given so no default window of Flutterwave's can hide it
        LocalDate from = LocalDate.ofInstant(payment.createdAt(), ZoneOffset.UTC).minusDays(1);
        LocalDate to = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
        BigDecimal total = BigDecimal.ZERO;
        boolean attributed = true;
        String raw = null;
        for (int page = 1; page <= MAX_PAGES; page++) {
            ApiResponse r = api.refunds(transactionId, from, to, page, reference);
            raw = r.redactedBody();
            JsonNode body = readable(r, reference);
            JsonNode data = body == null ? null : body.get("data");
            if (data == null || !data.isArray()) {
                return new Listing(null, false, total, raw);
            }
            for (JsonNode refund : data) {
                Long tx = FlwRefunds.transactionOf(refund);
                String mark = FlwRefunds.refundIdIn(refund);
                if (refundId.equals(mark) && (tx == null || tx == transactionId)) {
                    return new Listing(refund, false, total, api.http().redactor()
                            .redact(refund, api.http().codec()));
                }
                if (tx != null && tx != transactionId) {
                    continue;
                }
                attributed &= mark != null;
                if (FlwRefunds.status(refund) != RefundResult.Status.FAILED) {
                    total = total.add(amount(refund));
                }
            }
            int pages = totalPages(body);
            if (pages < 0 && data.isEmpty() || pages >= 0 && page >= pages) {
                return new Listing(null, attributed, total, raw);
            }
            if (pages < 0) {
                return new Listing(null, false, total, raw);
            }
        }
        return new Listing(null, false, total, raw);
    }

    /**
     * Whether the transaction's verification agrees that the listing holds all its refunds:
     * it names the transaction and, if it reports a refunded amount, no more than listed.
     */
    boolean verificationAgrees(long transactionId, BigDecimal listedTotal, String reference) {
        ApiResponse r = api.verify(transactionId, reference);
        JsonNode data = JsonNodes.object(readable(r, reference), "data");
        if (data == null || !Long.valueOf(transactionId).equals(
                FlutterwaveGateway.transactionId(JsonNodes.text(data, "id")))) {
            return false;
        }
        String refunded = JsonNodes.text(data, "amount_refunded");
        if (refunded == null) {
            return true;
        }
        try {
            return new BigDecimal(refunded).compareTo(listedTotal) <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Our refund by its Flutterwave id: {@code GET /v3/refunds/{id}}, else the
     * {@code GET /v3/transactions/{id}/refund} answer (one refund or several) if it holds it.
     * UNKNOWN when neither shows it.
     */
    RefundResult details(String flwRefundId, String refundId, Long transactionId, String reference) {
        ApiResponse r = api.refundDetails(flwRefundId, reference);
        JsonNode found = match(JsonNodes.object(readable(r, reference), "data"), flwRefundId, refundId);
        if (found != null) {
            return FlwRefunds.result(found, r.redactedBody());
        }
        if (transactionId != null) {
            ApiResponse byTx = api.transactionRefund(transactionId, reference);
            JsonNode body = readable(byTx, reference);
            JsonNode data = body == null ? null : body.get("data");
            if (data != null && data.isArray()) {
                for (JsonNode refund : data) {
                    found = found != null ? found : match(refund, flwRefundId, refundId);
                }
            } else {
                found = match(data, flwRefundId, refundId);
            }
            if (found != null) {
                return FlwRefunds.result(found, byTx.redactedBody());
            }
        }
        return new RefundResult(RefundResult.Status.UNKNOWN, null, r.redactedBody());
    }

    /** The refund if it has Flutterwave's id and does not name another refund of ours. */
    private static JsonNode match(JsonNode refund, String flwRefundId, String refundId) {
        if (refund == null || !refund.isObject() || !flwRefundId.equals(JsonNodes.text(refund, "id"))) {
            return null;
        }
        String mark = FlwRefunds.refundIdIn(refund);
        return mark == null || mark.equals(refundId) ? refund : null;
    }

    /**
     * The body of a successful answer; {@code null} for a refusal, a not-found or an unreadable
     * body (the caller then cannot conclude).
     *
     * @throws org.dusangire.payment.core.error.PaymentException unavailable for 408, 429, 5xx and
     *         other non-answers; configuration for a refused key
     */
    private static JsonNode readable(ApiResponse r, String reference) {
        if (r.status() == 401 || r.status() == 403
                || !r.isSuccess() && ProviderErrors.outcomeUnknown(r.status())) {
            throw FlwErrors.toException(r, reference);
        }
        JsonNode body = r.json().filter(JsonNode::isObject).orElse(null);
        return r.isSuccess() && body != null
                && "success".equalsIgnoreCase(JsonNodes.text(body, "status")) ? body : null;
    }

    /** {@code meta.page_info.total_pages}; -1 when absent or not a whole number. */
    private static int totalPages(JsonNode body) {
        String text = JsonNodes.text(JsonNodes.object(JsonNodes.object(body, "meta"), "page_info"),
                "total_pages");
        return text != null && text.matches("[0-9]{1,6}") ? Integer.parseInt(text) : -1;
    }

    private static BigDecimal amount(JsonNode refund) {
        String text = JsonNodes.text(refund, "amount_refunded");
        try {
            return text == null ? BigDecimal.ZERO : new BigDecimal(text);
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }
}
