package org.dusangire.payment.simulator;

import java.time.Instant;

/**
 * One outbound callback the simulator tried to deliver (or deliberately did not).
 *
 * @param at         when the attempt started
 * @param method     HTTP method used ({@code PUT} or {@code POST})
 * @param url        target URL
 * @param reference  the provider reference the callback is about
 * @param body       the body sent
 * @param status     HTTP status received, {@code -1} when there was no answer
 * @param suppressed whether a fault suppressed the send
 */
public record CallbackAttempt(Instant at, String method, String url, String reference,
                              String body, int status, boolean suppressed) {
}
