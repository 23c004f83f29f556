package org.dusangire.payment.reliability;

import java.util.List;

/** The providers every part runs against; a new provider is one more rig here. */
final class Rigs {
    private Rigs() {
    }

    static List<ProviderRig> all() {
        return List.of(new MtnRig(), ScriptedRig.airtel(), ScriptedRig.flutterwave());
    }
}
