package org.dusangire.payment.examples;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.gateway.airtel.AirtelMoneyConfig;
import org.dusangire.payment.gateway.flutterwave.FlutterwaveConfig;
import org.dusangire.payment.gateway.mtn.MtnMomoConfig;
import org.dusangire.payment.simulator.airtel.AirtelMoneySimulator;
import org.dusangire.payment.simulator.flutterwave.FlutterwaveSimulator;
import org.dusangire.payment.simulator.mtn.MtnMomoSimulator;

/**
 * The three provider simulators, started in this process for {@link QuickStart} and the Spring Boot
 * example, and the environment variables a deployment would set, pointing at them instead of the
 * providers.
 */
public final class SimulatedProviders implements AutoCloseable {
    private static final String AIRTEL_CALLBACK_KEY = "quickstart-airtel-callback-key";
    private static final String FLUTTERWAVE_HASH = "quickstart-flutterwave-secret-hash";

    final MtnMomoSimulator mtn;
    final AirtelMoneySimulator airtel;
    final FlutterwaveSimulator flutterwave;

    /** Starts the simulators; their callbacks and webhooks go to {@code siteUrl}. */
    public SimulatedProviders(URI siteUrl) {
        String site = siteUrl.toString().replaceAll("/$", "");
        // MTN's production form (mtnuganda, UGX); MTN's own sandbox collects EUR only
        mtn = MtnMomoSimulator.builder().targetEnvironment("mtnuganda")
                .providerCallbackHost(siteUrl.getHost()).build().start();
        airtel = AirtelMoneySimulator.builder().country("UG")
                .callbackAuthentication(AIRTEL_CALLBACK_KEY)
                .callbackUrl(site + "/payments/webhooks/airtel-money/").build().start();
        flutterwave = FlutterwaveSimulator.builder().secretHash(FLUTTERWAVE_HASH)
                .webhookUrl(URI.create(site + "/payments/webhooks/flutterwave/")).build().start();
    }

    /** What a deployment would set, for the simulators: no secret of a real provider. */
    public Map<String, String> environment(URI siteUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(PaymentConfig.PAYMENT_ENVIRONMENT, "sandbox");
        env.put(PaymentConfig.SITE_URL, siteUrl.toString());
        env.put(PaymentConfig.PAYMENT_MERCHANT_NAME, "Dusangire Hospital");
        env.put(MtnMomoConfig.API_KEY, mtn.apiUser());
        env.put(MtnMomoConfig.API_SECRET, mtn.apiKey());
        env.put(MtnMomoConfig.SUBSCRIPTION_KEY, mtn.collectionSubscriptionKey());
        env.put(MtnMomoConfig.DISBURSEMENT_SUBSCRIPTION_KEY, mtn.disbursementSubscriptionKey());
        env.put(MtnMomoConfig.TARGET_ENVIRONMENT, mtn.targetEnvironment());   // UGX by default
        env.put(MtnMomoConfig.BASE_URL, mtn.baseUri().toString());
        env.put(AirtelMoneyConfig.CLIENT_ID, airtel.clientId());
        env.put(AirtelMoneyConfig.CLIENT_SECRET, airtel.clientSecret());
        env.put(AirtelMoneyConfig.COUNTRY, "UG");
        env.put(AirtelMoneyConfig.CALLBACK_PRIVATE_KEY, AIRTEL_CALLBACK_KEY);
        env.put(AirtelMoneyConfig.BASE_URL, airtel.baseUri().toString());
        env.put(FlutterwaveConfig.SECRET_KEY, flutterwave.secretKey());
        env.put(FlutterwaveConfig.PUBLIC_KEY, flutterwave.publicKey());
        env.put(FlutterwaveConfig.SECRET_HASH, FLUTTERWAVE_HASH);
        env.put(FlutterwaveConfig.BASE_URL, flutterwave.apiBaseUri().toString());
        return env;
    }

    @Override
    public void close() {
        mtn.close();
        airtel.close();
        flutterwave.close();
    }
}
