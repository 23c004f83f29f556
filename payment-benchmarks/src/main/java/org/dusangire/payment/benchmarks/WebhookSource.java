package org.dusangire.payment.benchmarks;

import java.util.List;
import java.util.Map;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.service.CheckoutRequest;

/** A provider whose webhooks the benchmark posts: its simulator, gateway and real deliveries. */
interface WebhookSource extends AutoCloseable {
    /** One webhook as the provider would send it, relative to the servlet's host. */
    record Delivery(String method, String path, Map<String, String> headers, byte[] body) {
    }

    PaymentGateway gateway();

    CheckoutRequest checkout(long seq);

    /** The customer pays every payment at the provider; the webhooks it would send, in order. */
    List<Delivery> pay(List<Payment> payments) throws Exception;

    /**
     * What a receiver that confirms every webhook must do at the least, by hand: find the
     * reference in the delivery and ask the provider's status API once; true when it answers.
     */
    boolean bareConfirm(String path, byte[] body) throws Exception;

    @Override
    void close();
}
