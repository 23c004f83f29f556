package org.dusangire.payment.benchmarks;

import java.math.BigDecimal;
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

    /**
     * What a receiver learns from a delivery it authenticated by hand: the event's key (the
     * inbox de-dupes on it), the payment reference, and the per-payment token the delivery
     * carries ({@code null} when the provider signs instead).
     */
    record Hint(String eventKey, String reference, String token) {
    }

    /** The provider's answer to one status query: SUCCEEDED, FAILED or PENDING, and the amount. */
    record Confirmed(String status, BigDecimal amount, String currency) {
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

    /**
     * Authenticates and parses a delivery by hand, as the floor does; {@code null} when it is not
     * authentic. {@code headers} are keyed in lower case.
     */
    Hint bareAuthenticate(String path, Map<String, String> headers, byte[] body) throws Exception;

    /** One status query by hand, with the answer parsed. */
    Confirmed bareStatus(String reference) throws Exception;

    @Override
    void close();
}
