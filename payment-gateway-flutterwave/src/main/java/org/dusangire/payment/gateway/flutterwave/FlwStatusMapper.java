package org.dusangire.payment.gateway.flutterwave;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.Locale;
import org.dusangire.payment.core.error.PaymentException;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.port.StatusReport;
import org.dusangire.payment.gateway.http.ApiResponse;
import org.dusangire.payment.gateway.http.JsonNodes;
import org.dusangire.payment.gateway.http.ProviderErrors;

/**
 * Maps a verify answer to a {@link StatusReport}.
 *
 * <p>The reported amount is {@code data.amount}, not {@code charged_amount}: {@code amount} is
 * the charge the merchant asked for, while {@code charged_amount} also holds fees when they are
 * passed to the customer, so a customer who paid less than due plus a fee could otherwise pass
 * the "at least the amount due" rule. An amount with more decimals than the currency has is
 * rounded down, never up. A success without {@code tx_ref}, amount or currency is UNKNOWN: the
 * core cannot check it, so it must not count.
 *
 * <p>A {@code failed} attempt does not end the payment while the customer may still retry on the
 * same link: it is PENDING until the checkout session window after the payment's creation has
 * passed, then FAILED with the processor's response kept verbatim.
 */
final class FlwStatusMapper {
    private final Duration window;
    private final Clock clock;

    FlwStatusMapper(Duration window, Clock clock) {
        this.window = window;
        this.clock = clock;
    }

    /**
     * @throws PaymentException GatewayUnavailable for 5xx/429/unreadable 2xx, rejected or
     *                          configuration errors for other 4xx
     */
    StatusReport read(Payment payment, ApiResponse r) {
        String raw = r.redactedBody();
        String reference = payment.providerReference();
        if (FlwErrors.isNotFound(r)) {
            return StatusReport.of(ProviderStatus.NOT_FOUND, raw);
        }
        if (r.status() == 404) {
            return StatusReport.of(ProviderStatus.UNKNOWN, raw);
        }
        if (!r.isSuccess()) {
            throw FlwErrors.toException(r, reference);
        }
        JsonNode body = r.json().filter(JsonNode::isObject)
                .orElseThrow(() -> ProviderErrors.unreadable(FlutterwaveGateway.NAME, r, reference));
        JsonNode data = JsonNodes.object(body, "data");
        if (!"success".equalsIgnoreCase(JsonNodes.text(body, "status")) || data == null) {
            return StatusReport.of(ProviderStatus.UNKNOWN, raw);
        }
        String status = String.valueOf(JsonNodes.text(data, "status")).toLowerCase(Locale.ROOT);
        String txRef = JsonNodes.text(data, "tx_ref");
        String id = JsonNodes.text(data, "id");
        return switch (status) {
            case "successful" -> {
                Money paid = money(data);
                yield txRef == null || paid == null ? new StatusReport(ProviderStatus.UNKNOWN, txRef,
                        null, id, null, raw) : new StatusReport(ProviderStatus.SUCCEEDED, txRef, paid,
                        id, null, raw);
            }
            case "failed" -> pastWindow(payment)
                    ? new StatusReport(ProviderStatus.FAILED, txRef, null, id, reason(data), raw)
                    : new StatusReport(ProviderStatus.PENDING, txRef, null, id, null, raw);
            case "pending" -> new StatusReport(ProviderStatus.PENDING, txRef, null, id, null, raw);
            default -> new StatusReport(ProviderStatus.UNKNOWN, txRef, null, id, null, raw);
        };
    }

    /** True when the data reports a successful transaction (for the verify-by-id fast path). */
    static boolean isSuccessful(ApiResponse r) {
        JsonNode data = JsonNodes.object(r.json().orElse(null), "data");
        return r.isSuccess() && "successful".equalsIgnoreCase(JsonNodes.text(data, "status"));
    }

    private boolean pastWindow(Payment payment) {
        return !clock.instant().isBefore(payment.createdAt().plus(window));
    }

    private static String reason(JsonNode data) {
        String response = JsonNodes.text(data, "processor_response");
        return response != null ? response : "failed";
    }

    /** {@code data.amount} in {@code data.currency}; {@code null} when either is unusable. */
    static Money money(JsonNode data) {
        String amount = JsonNodes.text(data, "amount");
        String code = JsonNodes.text(data, "currency");
        if (amount == null || code == null) {
            return null;
        }
        try {
            Currency currency = Currency.getInstance(code.toUpperCase(Locale.ROOT));
            BigDecimal value = new BigDecimal(amount);
            if (value.signum() < 0) {
                return null;
            }
            return Money.of(value.setScale(Money.fractionDigits(currency), RoundingMode.DOWN), currency);
        } catch (IllegalArgumentException | ArithmeticException | PaymentException e) {
            return null;
        }
    }
}
