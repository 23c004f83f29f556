package org.dusangire.payment.simulator.airtel;

/** Airtel's transaction status codes, as the enquiry reports them in {@code data.transaction.status}. */
public enum AirtelStatus {
    /** Transaction in progress: the payer has not answered the USSD prompt yet. */
    TIP,
    /** Transaction success; an {@code airtel_money_id} exists. */
    TS,
    /** Transaction failed; the response code says why. */
    TF,
    /** Transaction ambiguous: Airtel itself does not know yet; not final. */
    TA,
    /** Transaction expired (seen only in a secondary Zambia write-up). */
    TE;

    /** Whether the status never changes again. */
    public boolean isFinal() {
        return this == TS || this == TF || this == TE;
    }
}
