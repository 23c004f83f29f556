package org.dusangire.payment.simulator.flutterwave;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The terms of one payment link, as {@code POST /v3/payments} accepted them. Immutable: a reused
 * {@code tx_ref} keeps the terms of its first request.
 */
record FlwCheckout(String linkId, String txRef, BigDecimal amount, String currency,
                   String redirectUrl, String email, String name, String phone,
                   String paymentOptions, String title, String description, JsonNode meta,
                   Instant createdAt) {
}
