package org.dusangire.payment.examples.spring;

import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Msisdn;
import org.dusangire.payment.core.model.Payer;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.service.CheckoutRequest;
import org.dusangire.payment.core.service.CheckoutResult;
import org.dusangire.payment.core.service.PaymentService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A mobile money checkout of the application's own, on the auto-configured {@link PaymentService}. */
@RestController
@RequestMapping("/api/payments")
public class CheckoutController {
    private final PaymentService payments;

    public CheckoutController(PaymentService payments) {
        this.payments = payments;
    }

    /** What the application's page sends. */
    public record Checkout(String orderReference, String amount, String method, String phone) {
    }

    /** What it answers. */
    public record View(String id, String orderReference, String status, String instructions) {
        static View of(Payment p, String instructions) {
            return new View(p.id().toString(), p.orderReference(), p.status().name(), instructions);
        }
    }

    @PostMapping
    public View checkout(@RequestBody Checkout checkout) {
        CheckoutResult result = payments.initiate(CheckoutRequest.builder()
                .orderReference(checkout.orderReference())
                .money(Money.of(checkout.amount(), "UGX"))
                .method(PaymentMethod.valueOf(checkout.method()))
                .payer(Payer.ofPhone(Msisdn.parse(checkout.phone(), "UG")))
                .idempotencyKey(checkout.orderReference() + "/1")
                .build());
        return View.of(result.payment(), result.instructions());
    }

    @GetMapping("/{id}")
    public ResponseEntity<View> find(@PathVariable String id) {
        return payments.find(PaymentId.parse(id)).map(p -> ResponseEntity.ok(View.of(p, null)))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
