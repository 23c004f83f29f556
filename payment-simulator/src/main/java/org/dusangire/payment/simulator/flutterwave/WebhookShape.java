package org.dusangire.payment.simulator.flutterwave;

/** The payload shape of the webhooks the simulator sends (a dashboard setting at Flutterwave). */
public enum WebhookShape {
    /** {@code {"event":"charge.completed","data":{...},"event.type":"CARD_TRANSACTION"}}. */
    V3_ENVELOPE,
    /** The legacy flat camelCase object: {@code {"id":..,"txRef":..,"flwRef":..,"status":..}}. */
    LEGACY_FLAT
}
