package org.dusangire.payment.core.service;

import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.port.PaymentAnomaly;

/**
 * The result of weighing a provider report against the payment we hold: the changed payment to
 * store ({@code null} for no change) and an anomaly to raise ({@code null} for none).
 */
record Decision(Payment next, PaymentAnomaly anomaly) {
    static final Decision NO_CHANGE = new Decision(null, null);

    static Decision change(Payment next) {
        return new Decision(next, null);
    }
}
