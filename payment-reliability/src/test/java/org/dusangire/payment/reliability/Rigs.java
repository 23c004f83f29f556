package org.dusangire.payment.reliability;

import java.util.List;

/** The providers every part runs against, each its real adapter against its simulator. */
final class Rigs {
    private Rigs() {
    }

    /** The providers that refund too: every part, refunds included, runs against them. */
    static List<ProviderRig> all() {
        return List.of(new MtnRig(), new AirtelRig(), new FlutterwaveRig());
    }

    /**
     * Every provider that collects, M-Pesa included (its gateway does not refund, so the refund
     * runs use {@link #all()}).
     */
    static List<ProviderRig> collecting() {
        return List.of(new MtnRig(), new AirtelRig(), new FlutterwaveRig(), new MpesaRig());
    }
}
