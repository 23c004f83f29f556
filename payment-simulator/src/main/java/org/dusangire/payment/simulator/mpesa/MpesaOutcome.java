package org.dusangire.payment.simulator.mpesa;

/**
 * What the customer's phone (or M-Pesa behind it) does with an STK push, with the
 * {@code ResultCode} and {@code ResultDesc} Daraja reports for it. Other codes can be produced
 * with {@link MpesaSimulator#fail(String, int, String)}.
 */
public enum MpesaOutcome {
    /** The customer entered the right PIN and had the funds. */
    APPROVE(0, "The service request is processed successfully."),
    /** The customer's balance did not cover the amount. */
    INSUFFICIENT_FUNDS(1, "The balance is insufficient for the transaction."),
    /** The customer dismissed the prompt. */
    CANCEL(1032, "Request cancelled by user"),
    /** The phone could not be reached or nobody answered in time. */
    TIMEOUT(1037, "DS timeout user cannot be reached"),
    /** The customer entered a wrong PIN. */
    WRONG_PIN(2001, "The initiator information is invalid."),
    /** The request expired before it was processed. */
    EXPIRED(1019, "Transaction has expired"),
    /** Another transaction of the subscriber held the lock. */
    SUBSCRIBER_LOCKED(1001, "Unable to lock subscriber, a transaction is already in process for "
            + "the current subscriber");

    private final int resultCode;
    private final String resultDesc;

    MpesaOutcome(int resultCode, String resultDesc) {
        this.resultCode = resultCode;
        this.resultDesc = resultDesc;
    }

    /** Daraja's {@code ResultCode}. */
    public int resultCode() {
        return resultCode;
    }

    /** Daraja's {@code ResultDesc}. */
    public String resultDesc() {
        return resultDesc;
    }

    /** The outcome named like the control routes name it: {@code approve}, {@code wrong-pin}... */
    public static MpesaOutcome fromRouteName(String name) {
        for (MpesaOutcome outcome : values()) {
            if (outcome.routeName().equals(name)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("unknown outcome '" + name + "'");
    }

    /** The control-route name: lower case with dashes. */
    public String routeName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
