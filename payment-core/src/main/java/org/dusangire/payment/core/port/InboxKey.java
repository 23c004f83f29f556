package org.dusangire.payment.core.port;

import java.util.Objects;

/** Identifies one inbound event in the webhook inbox: the gateway and the event's key. */
public record InboxKey(String gatewayName, String eventKey) {
    public InboxKey {
        Objects.requireNonNull(gatewayName, "gatewayName must not be null");
        Objects.requireNonNull(eventKey, "eventKey must not be null");
    }
}
