package org.dusangire.payment.examples.spring;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dusangire.payment.core.port.PaymentEventListener;
import org.dusangire.payment.core.port.PaymentStatusChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The application's side of a payment: a bean the starter registers as a listener. Events come at
 * least once, so a real order book would mark the order paid idempotently (by order reference).
 */
// spring-listener:start
@Component
public class PaidOrders implements PaymentEventListener {
    private static final Logger log = LoggerFactory.getLogger(PaidOrders.class);
    private final List<String> paid = new CopyOnWriteArrayList<>();

    @Override
    public void onStatusChanged(PaymentStatusChanged event) {
        if (event.isPaid() && !paid.contains(event.payment().orderReference())) {
            paid.add(event.payment().orderReference());
            log.info("order {} is paid", event.payment().orderReference());
        }
    }

    /** The order references paid so far. */
    public List<String> paid() {
        return List.copyOf(paid);
    }
}
// spring-listener:end
