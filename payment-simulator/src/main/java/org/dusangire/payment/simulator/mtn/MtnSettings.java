package org.dusangire.payment.simulator.mtn;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * Immutable configuration of one MTN simulator, built by {@link MtnMomoSimulator.Builder}.
 */
record MtnSettings(String apiUser, String apiKey, String collectionKey, String disbursementKey,
                   String targetEnvironment, String currency, String callbackHost,
                   Duration tokenLifetime, Clock clock, ReasonFormat reasonFormat,
                   String callbackMethod, boolean sandboxNumbers, int autoApproveAfterPolls,
                   String insufficientFundsReason, Set<String> unknownAccountHolders,
                   Duration ongoingDelay, boolean holdRefunds) {

    /** Auto approval is off. */
    static final int NO_AUTO_APPROVE = -1;
}
