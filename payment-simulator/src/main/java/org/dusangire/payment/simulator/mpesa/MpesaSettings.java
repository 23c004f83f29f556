package org.dusangire.payment.simulator.mpesa;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Immutable configuration of one M-Pesa simulator, built by {@link MpesaSimulatorBuilder}.
 */
record MpesaSettings(String consumerKey, String consumerSecret, String shortcode, String passkey,
                     String partyB, Duration tokenLifetime, Clock clock,
                     ValueFormat expiresInFormat, ValueFormat queryResultCodeFormat,
                     ValueFormat callbackResultCodeFormat, ValueFormat callbackAmountFormat,
                     boolean lockSubscriber, boolean autoApprove, Map<String, Script> scripts,
                     Duration callbackDelay, boolean duplicateCallbacks) {

    /** A customer's scripted answer: what the phone does, and how long after the push. */
    record Script(MpesaOutcome outcome, Duration after) {
    }
}
