package org.dusangire.payment.examples;

// quickstart-listener:start
import org.dusangire.payment.core.port.PaymentEventListener;
import org.dusangire.payment.core.port.PaymentStatusChanged;
import org.dusangire.payment.core.port.RefundChanged;
// quickstart-listener:end

/** The README's listener: gives value on SUCCEEDED only, records succeeded refunds. */
// quickstart-listener:start
final class OrdersListener implements PaymentEventListener {
    private final Orders orders;

    OrdersListener(Orders orders) {
        this.orders = orders;
    }

    @Override
    public void onStatusChanged(PaymentStatusChanged event) {
        if (event.isPaid()) {                              // SUCCEEDED only, never FAILED or EXPIRED
            orders.markPaid(event.payment().orderReference(), event.eventId());  // dedupe by id
        }
    }

    @Override
    public void onRefundChanged(RefundChanged event) {
        if (event.isRefunded()) {                          // a refund that succeeded, not one asked for
            orders.recordRefund(event.payment().orderReference(), event.refund().amount(),
                    event.eventId());
        }
    }
}
// quickstart-listener:end
