package org.dusangire.payment.examples.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.config.PaymentEnvironment;
import org.dusangire.payment.core.config.Secret;
import org.dusangire.payment.core.config.StartupCheck;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.gateway.airtel.AirtelMoneyConfig;
import org.dusangire.payment.gateway.airtel.AirtelMoneyGateway;
import org.dusangire.payment.gateway.flutterwave.FlutterwaveConfig;
import org.dusangire.payment.gateway.flutterwave.FlutterwaveGateway;
import org.dusangire.payment.gateway.mtn.MtnMomoConfig;
import org.dusangire.payment.gateway.mpesa.MpesaConfig;
import org.dusangire.payment.gateway.mpesa.MpesaGateway;
import org.dusangire.payment.gateway.mtn.MtnMomoGateway;
import org.dusangire.payment.simulator.airtel.AirtelMoneySimulator;
import org.dusangire.payment.simulator.flutterwave.FlutterwaveSimulator;
import org.dusangire.payment.simulator.mpesa.MpesaSimulator;
import org.dusangire.payment.simulator.mtn.MtnMomoSimulator;

/**
 * The demo's providers: either the simulators started in this process, each with the customer
 * who answers on its simulated phone, or the gateways whose variables are set, checked in one
 * pass with the rest of the configuration.
 *
 * @param config    the library's settings
 * @param gateways  the gateways to register, in order
 * @param customers the simulated customers by their route name ({@code /simulator/<name>/...});
 *                  none when the providers are real
 */
record DemoProviders(PaymentConfig config, List<PaymentGateway> gateways,
        Map<String, SimulatedCustomer> customers) {

    DemoProviders {
        gateways = List.copyOf(gateways);
        customers = Map.copyOf(customers);
    }

    /**
     * Starts the simulators, adding each to {@code started} as soon as it runs so the caller can
     * stop them even when a later one fails.
     */
    static DemoProviders simulated(int port, List<AutoCloseable> started) {
        PaymentConfig config = PaymentConfig.builder()
                .environment(PaymentEnvironment.SANDBOX)
                .siteUrl("http://localhost:" + port)
                .merchantName("Dusangire Hospital")
                .reconcileAfter(Duration.ofSeconds(15))
                .reconcileLease(Duration.ofSeconds(10))
                .build();
        List<PaymentGateway> gateways = new ArrayList<>();
        Map<String, SimulatedCustomer> customers = new LinkedHashMap<>();

        MtnMomoSimulator mtn = MtnMomoSimulator.builder()
                .targetEnvironment("mtnuganda").currency("UGX")
                .providerCallbackHost("localhost").build().start();
        started.add(mtn);
        gateways.add(new MtnMomoGateway(MtnMomoConfig.builder()
                .environment(PaymentEnvironment.SANDBOX)
                .apiUser(Secret.of(mtn.apiUser()))
                .apiKey(Secret.of(mtn.apiKey()))
                .subscriptionKey(Secret.of(mtn.collectionSubscriptionKey()))
                .disbursementSubscriptionKey(Secret.of(mtn.disbursementSubscriptionKey()))
                .targetEnvironment(mtn.targetEnvironment())
                .currency(Currency.getInstance("UGX"))
                .baseUrl(mtn.baseUri())
                .build()));
        customers.put("mtn", SimulatedCustomer.of(mtn::approve, mtn::decline));

        String airtelKey = "demo-airtel-callback-key";
        AirtelMoneySimulator airtel = AirtelMoneySimulator.builder()
                .country("UG").currency("UGX")
                .callbackAuthentication(airtelKey)
                .callbackUrl(config.webhookUrl("airtel-money").toString())
                .build().start();
        started.add(airtel);
        gateways.add(new AirtelMoneyGateway(AirtelMoneyConfig.builder()
                .environment(PaymentEnvironment.SANDBOX)
                .clientId(airtel.clientId())
                .clientSecret(Secret.of(airtel.clientSecret()))
                .country("UG")
                .currency(Currency.getInstance("UGX"))
                .callbackPrivateKey(Secret.of(airtelKey))
                .baseUrl(airtel.baseUri())
                .build()));
        customers.put("airtel", SimulatedCustomer.of(airtel::approve, airtel::decline));

        String flwHash = "demo-flutterwave-secret-hash";
        FlutterwaveSimulator flutterwave = FlutterwaveSimulator.builder()
                .secretHash(flwHash)
                .webhookUrl(config.webhookUrl("flutterwave"))
                .build().start();
        started.add(flutterwave);
        gateways.add(new FlutterwaveGateway(FlutterwaveConfig.builder()
                .environment(PaymentEnvironment.SANDBOX)
                .secretKey(flutterwave.secretKey())
                .publicKey(flutterwave.publicKey())
                .secretHash(flwHash)
                .baseUrl(flutterwave.apiBaseUri())
                .build()));
        customers.put("flutterwave", SimulatedCustomer.of(reference -> {
            flutterwave.payByCard(reference);
            return true;
        }, reference -> {
            flutterwave.fail(reference);
            return true;
        }));

        // Daraja refuses a second prompt to a number while one is unanswered, until its own
        // timeout answers it; the simulated phone has no timeout, so one bill left unanswered
        // would lock that number for as long as the demo runs
        MpesaSimulator mpesa = MpesaSimulator.builder().lockSubscriber(false).build().start();
        started.add(mpesa);
        gateways.add(new MpesaGateway(MpesaConfig.builder()
                .environment(PaymentEnvironment.SANDBOX)
                .consumerKey(Secret.of(mpesa.consumerKey()))
                .consumerSecret(Secret.of(mpesa.consumerSecret()))
                .shortcode(mpesa.shortcode())
                .passkey(Secret.of(mpesa.passkey()))
                .baseUrl(mpesa.baseUri())
                .build()));
        customers.put("mpesa", SimulatedCustomer.of(mpesa::approve, mpesa::decline));
        return new DemoProviders(config, gateways, customers);
    }

    /**
     * The gateways whose first variable is set in {@code env}, every config checked in one pass
     * and all problems listed, before the database is touched.
     *
     * @throws org.dusangire.payment.core.error.PaymentConfigurationException listing every problem
     */
    static DemoProviders configured(Map<String, String> env) {
        StartupCheck.Result checked = StartupCheck.of(env)
                .gatewayIfSet(MtnMomoConfig.API_KEY, MtnMomoConfig.class, MtnMomoConfig::fromEnvironment)
                .gatewayIfSet(FlutterwaveConfig.SECRET_KEY, FlutterwaveConfig.class,
                        FlutterwaveConfig::fromEnvironment)
                .gatewayIfSet(AirtelMoneyConfig.CLIENT_ID, AirtelMoneyConfig.class,
                        AirtelMoneyConfig::fromEnvironment)
                .gatewayIfSet(MpesaConfig.CONSUMER_KEY, MpesaConfig.class, MpesaConfig::fromEnvironment)
                .check();
        List<PaymentGateway> gateways = new ArrayList<>();
        checked.find(MtnMomoConfig.class).ifPresent(c -> gateways.add(new MtnMomoGateway(c)));
        checked.find(FlutterwaveConfig.class).ifPresent(c -> gateways.add(new FlutterwaveGateway(c)));
        checked.find(AirtelMoneyConfig.class).ifPresent(c -> gateways.add(new AirtelMoneyGateway(c)));
        checked.find(MpesaConfig.class).ifPresent(c -> gateways.add(new MpesaGateway(c)));
        return new DemoProviders(checked.payment(), gateways, Map.of());
    }
}
