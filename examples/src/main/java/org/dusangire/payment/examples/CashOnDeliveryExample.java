package org.dusangire.payment.examples;

import java.io.PrintStream;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.port.PaymentEventListener;
import org.dusangire.payment.core.port.PaymentStatusChanged;
import org.dusangire.payment.core.service.CheckoutRequest;
import org.dusangire.payment.core.service.CheckoutResult;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.testkit.InMemoryPaymentRepository;

/**
 * The smallest complete use of the library: a cash-on-delivery payment taken through the core,
 * printing each step. No provider, no database, no network.
 */
public final class CashOnDeliveryExample {
    private CashOnDeliveryExample() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    /** Runs the example, writing each step to {@code out}; returns the final payment. */
    public static Payment run(PrintStream out) {
        PaymentEventListener orders = new PaymentEventListener() {
            @Override
            public void onStatusChanged(PaymentStatusChanged event) {
                out.println("3. listener: order " + event.payment().orderReference() + " is now "
                        + event.to() + " (" + event.trigger() + ")");
            }
        };
        PaymentService payments = PaymentService.builder()
                .config(PaymentConfig.builder()
                        .siteUrl("http://localhost:8080")
                        .merchantName("Dusangire Hospital")
                        .build())
                .repository(new InMemoryPaymentRepository())
                .listener(orders)
                .build();

        CheckoutResult checkout = payments.initiate(CheckoutRequest.builder()
                .orderReference("BILL-2026-0042")
                .money(Money.of("35000", "UGX"))
                .method(PaymentMethod.CASH_ON_DELIVERY)
                .payer(new Payer(null, null, "Patient in ward 3"))
                .idempotencyKey("BILL-2026-0042/cash")
                .build());
        Payment pending = checkout.payment();
        out.println("1. checkout: payment " + pending.id() + " is " + pending.status() + " via "
                + pending.gatewayName());
        out.println("2. tell the customer: " + checkout.instructions());

        Payment paid = payments.confirmCashPayment(pending.id(), "cashier Grace");
        out.println("4. confirmed: " + paid.status() + ", history:");
        paid.history().forEach(change -> out.println("   " + change.at() + "  "
                + (change.from() == null ? "(new)" : change.from()) + " -> " + change.to() + "  "
                + change.trigger() + (change.detail() == null ? "" : "  " + change.detail())));
        return paid;
    }
}
