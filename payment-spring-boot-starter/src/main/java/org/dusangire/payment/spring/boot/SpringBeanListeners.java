package org.dusangire.payment.spring.boot;

import java.util.Objects;
import org.dusangire.payment.core.port.PaymentAnomaly;
import org.dusangire.payment.core.port.PaymentEventListener;
import org.dusangire.payment.core.port.PaymentStatusChanged;
import org.dusangire.payment.core.port.RefundChanged;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The application's {@link PaymentEventListener} beans as the service's one listener, looked up
 * when an event is delivered rather than when the service is built: a listener bean may then
 * depend on the {@code PaymentService} itself (to start a refund, say) without a cycle. The beans
 * are called in their {@code @Order}; the first that throws stops the delivery, and the library
 * delivers the event again later, to every listener, as it does with listeners it was given
 * directly.
 */
final class SpringBeanListeners implements PaymentEventListener {
    private final ObjectProvider<PaymentEventListener> beans;

    SpringBeanListeners(ObjectProvider<PaymentEventListener> beans) {
        this.beans = Objects.requireNonNull(beans, "beans must not be null");
    }

    @Override
    public void onStatusChanged(PaymentStatusChanged event) {
        beans.orderedStream().forEachOrdered(l -> l.onStatusChanged(event));
    }

    @Override
    public void onRefundChanged(RefundChanged event) {
        beans.orderedStream().forEachOrdered(l -> l.onRefundChanged(event));
    }

    @Override
    public void onAnomaly(PaymentAnomaly anomaly) {
        beans.orderedStream().forEachOrdered(l -> l.onAnomaly(anomaly));
    }
}
