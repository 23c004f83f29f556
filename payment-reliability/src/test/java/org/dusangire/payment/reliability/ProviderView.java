package org.dusangire.payment.reliability;

import java.util.Set;
import org.dusangire.payment.core.model.PaymentStatus;

/** The provider's own view of one reference, as its simulator holds it. */
enum ProviderView {
    /** The provider never received the reference. */
    ABSENT,
    PENDING,
    SUCCEEDED,
    FAILED;

    /** Our final statuses that agree with this view. */
    Set<PaymentStatus> agreeing() {
        return switch (this) {
            case SUCCEEDED -> Set.of(PaymentStatus.SUCCEEDED);
            case FAILED -> Set.of(PaymentStatus.FAILED, PaymentStatus.CANCELLED, PaymentStatus.EXPIRED);
            case PENDING, ABSENT -> Set.of(PaymentStatus.EXPIRED);
        };
    }
}
