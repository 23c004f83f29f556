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
    TE,
    /**
     * Transaction reversed: a TS payment a refund gave back in full. The code is the one the
     * provider reference reports for a reversed transaction; it follows only TS.
     */
    TR;

    /** Whether the payer's answer is in: TR follows TS only by a refund, never by the payer. */
    public boolean isFinal() {
        return this == TS || this == TF || this == TE || this == TR;
    }
}
