package org.dusangire.payment.core.service;

/**
 * What one event delivery pass did.
 *
 * @param delivered events every listener took
 * @param failed    events a listener threw on; each is tried again after its backoff
 * @param parked    of those, events that reached the attempt limit and were parked
 */
public record EventDeliveryReport(int delivered, int failed, int parked) {
}
