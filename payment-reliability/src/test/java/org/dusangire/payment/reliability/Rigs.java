package org.dusangire.payment.reliability;

import java.util.List;

/** The providers every part runs against, each its real adapter against its simulator. */
final class Rigs {
    private Rigs() {
    }

    static List<ProviderRig> all() {
        return List.of(new MtnRig(), new AirtelRig(), new FlutterwaveRig());
    }
}
