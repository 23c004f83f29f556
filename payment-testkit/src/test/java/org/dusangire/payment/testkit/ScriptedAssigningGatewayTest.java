package org.dusangire.payment.testkit;

import org.dusangire.payment.core.model.PaymentMethod;

/** The gateway contract for a provider that assigns its own references, as M-Pesa does. */
class ScriptedAssigningGatewayTest extends ScriptedPaymentGatewayTest {
    @Override
    ScriptedPaymentGateway createGateway() {
        return ScriptedPaymentGateway.named("scripted", PaymentMethod.MPESA).assigningReferences();
    }
}
