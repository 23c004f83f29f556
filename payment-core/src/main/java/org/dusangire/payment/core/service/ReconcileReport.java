package org.dusangire.payment.core.service;

/**
 * What one {@code reconcile} pass did.
 *
 * @param checked        payments whose provider was asked
 * @param succeeded      payments that became SUCCEEDED
 * @param failed         payments that became FAILED or CANCELLED
 * @param expired        payments that became EXPIRED
 * @param stillPending   payments the provider still calls pending
 * @param resent         initiations resent under the same reference (the provider never had them)
 * @param errors         payments whose provider could not be asked (retried on a later pass)
 * @param inboxRecovered inbox events whose interrupted processing was finished
 * @param inboxPurged    processed inbox events deleted after their retention period
 * @param refundsChecked   pending refunds whose provider was asked
 * @param refundsSucceeded refunds that became SUCCEEDED
 * @param refundsFailed    refunds that became FAILED (their reservation released)
 * @param refundsResent    refunds sent again under the same refund id (the provider never had them)
 * @param events           what the pass's event delivery did (events left over from a crash or
 *                         a failing listener)
 * @param eventsPurged     delivered events deleted after their retention period
 */
public record ReconcileReport(int checked, int succeeded, int failed, int expired,
        int stillPending, int resent, int errors, int inboxRecovered, int inboxPurged,
        int refundsChecked, int refundsSucceeded, int refundsFailed, int refundsResent,
        EventDeliveryReport events, int eventsPurged) {

    /** A report of a pass that found no refund to check and no event to deliver. */
    public ReconcileReport(int checked, int succeeded, int failed, int expired,
            int stillPending, int resent, int errors, int inboxRecovered, int inboxPurged,
            int refundsChecked, int refundsSucceeded, int refundsFailed, int refundsResent) {
        this(checked, succeeded, failed, expired, stillPending, resent, errors, inboxRecovered,
                inboxPurged, refundsChecked, refundsSucceeded, refundsFailed, refundsResent,
                new EventDeliveryReport(0, 0, 0), 0);
    }

    /** A report of a pass that found no refund to check. */
    public ReconcileReport(int checked, int succeeded, int failed, int expired,
            int stillPending, int resent, int errors, int inboxRecovered, int inboxPurged) {
        this(checked, succeeded, failed, expired, stillPending, resent, errors, inboxRecovered,
                inboxPurged, 0, 0, 0, 0);
    }

    /** A report of a pass that purged nothing (the form before inbox purging existed). */
    public ReconcileReport(int checked, int succeeded, int failed, int expired,
            int stillPending, int resent, int errors, int inboxRecovered) {
        this(checked, succeeded, failed, expired, stillPending, resent, errors, inboxRecovered, 0);
    }

    /** True when the pass found nothing to do. */
    public boolean isQuiet() {
        return checked == 0 && inboxRecovered == 0 && refundsChecked == 0
                && events.delivered() == 0 && events.failed() == 0;
    }
}
