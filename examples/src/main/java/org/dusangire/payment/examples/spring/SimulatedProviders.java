package org.dusangire.payment.examples.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import org.dusangire.payment.simulator.airtel.AirtelMoneySimulator;
import org.dusangire.payment.simulator.flutterwave.FlutterwaveSimulator;
import org.dusangire.payment.simulator.mtn.MtnMomoSimulator;

/**
 * The three provider simulators, started in-process on loopback, and the settings that point the
 * starter at them: the same properties ({@code mtn-momo.api-key}, ...) a real deployment sets
 * as environment variables ({@code MTN_MOMO_API_KEY}, ...).
 */
public final class SimulatedProviders implements AutoCloseable {
    private static final String AIRTEL_CALLBACK_KEY = "example-airtel-callback-key";
    private static final String FLUTTERWAVE_HASH = "example-flutterwave-secret-hash";

    private final MtnMomoSimulator mtn;
    private final AirtelMoneySimulator airtel;
    private final FlutterwaveSimulator flutterwave;

    private SimulatedProviders(MtnMomoSimulator mtn, AirtelMoneySimulator airtel,
            FlutterwaveSimulator flutterwave) {
        this.mtn = mtn;
        this.airtel = airtel;
        this.flutterwave = flutterwave;
    }

    /** Starts the simulators; Airtel and Flutterwave call back the application at {@code siteUrl}. */
    public static SimulatedProviders start(String siteUrl) {
        MtnMomoSimulator mtn = MtnMomoSimulator.builder().targetEnvironment("mtnuganda")
                .currency("UGX").providerCallbackHost("localhost").build().start();
        AirtelMoneySimulator airtel = AirtelMoneySimulator.builder().country("UG").currency("UGX")
                .callbackAuthentication(AIRTEL_CALLBACK_KEY)
                .callbackUrl(siteUrl + "/payments/webhooks/airtel-money/").build().start();
        FlutterwaveSimulator flutterwave = FlutterwaveSimulator.builder().secretHash(FLUTTERWAVE_HASH)
                .webhookUrl(java.net.URI.create(siteUrl + "/payments/webhooks/flutterwave/"))
                .build().start();
        return new SimulatedProviders(mtn, airtel, flutterwave);
    }

    /** The settings of the three gateways, as Spring properties. */
    public Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("mtn-momo.api-key", mtn.apiUser());
        p.put("mtn-momo.api-secret", mtn.apiKey());
        p.put("mtn-momo.subscription-key", mtn.collectionSubscriptionKey());
        p.put("mtn-momo.disbursement-subscription-key", mtn.disbursementSubscriptionKey());
        p.put("mtn-momo.target-environment", mtn.targetEnvironment());
        p.put("mtn-momo.currency", mtn.currency());
        p.put("mtn-momo.base-url", mtn.baseUri().toString());
        p.put("airtel-money.client-id", airtel.clientId());
        p.put("airtel-money.client-secret", airtel.clientSecret());
        p.put("airtel-money.country", "UG");
        p.put("airtel-money.currency", "UGX");
        p.put("airtel-money.callback-private-key", AIRTEL_CALLBACK_KEY);
        p.put("airtel-money.base-url", airtel.baseUri().toString());
        p.put("flutterwave.secret-key", flutterwave.secretKey());
        p.put("flutterwave.public-key", flutterwave.publicKey());
        p.put("flutterwave.secret-hash", FLUTTERWAVE_HASH);
        p.put("flutterwave.base-url", flutterwave.apiBaseUri().toString());
        return p;
    }

    public MtnMomoSimulator mtn() {
        return mtn;
    }

    @Override
    public void close() {
        mtn.close();
        airtel.close();
        flutterwave.close();
    }
}
