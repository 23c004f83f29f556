package org.dusangire.payment.spring.boot;

import org.dusangire.payment.core.config.StartupCheck;
import org.dusangire.payment.gateway.airtel.AirtelMoneyConfig;
import org.dusangire.payment.gateway.airtel.AirtelMoneyGateway;
import org.dusangire.payment.gateway.flutterwave.FlutterwaveConfig;
import org.dusangire.payment.gateway.flutterwave.FlutterwaveGateway;
import org.dusangire.payment.gateway.mpesa.MpesaConfig;
import org.dusangire.payment.gateway.mpesa.MpesaGateway;
import org.dusangire.payment.gateway.mtn.MtnMomoConfig;
import org.dusangire.payment.gateway.mtn.MtnMomoGateway;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One block per gateway module: active when the module is on the classpath and its first
 * variable is set (in any spelling). Each adds its settings to the start-up check and builds its
 * gateway from the checked config, unless the host declared that gateway itself. Cash on delivery
 * needs nothing: the service always serves it.
 */
@Configuration(proxyBeanMethods = false)
class PaymentGatewaysConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MtnMomoGateway.class)
    @ConditionalOnPaymentVariable(MtnMomoConfig.API_KEY)
    static class MtnMomo {
        @Bean
        GatewayCheck<MtnMomoConfig> mtnMomoCheck() {
            return new GatewayCheck<>(MtnMomoConfig.API_KEY, MtnMomoConfig.class,
                    MtnMomoConfig::fromEnvironment);
        }

        @Bean
        @ConditionalOnMissingBean
        MtnMomoGateway mtnMomoGateway(StartupCheck.Result checked) {
            return new MtnMomoGateway(checked.gateway(MtnMomoConfig.class));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(AirtelMoneyGateway.class)
    @ConditionalOnPaymentVariable(AirtelMoneyConfig.CLIENT_ID)
    static class AirtelMoney {
        @Bean
        GatewayCheck<AirtelMoneyConfig> airtelMoneyCheck() {
            return new GatewayCheck<>(AirtelMoneyConfig.CLIENT_ID, AirtelMoneyConfig.class,
                    AirtelMoneyConfig::fromEnvironment);
        }

        @Bean
        @ConditionalOnMissingBean
        AirtelMoneyGateway airtelMoneyGateway(StartupCheck.Result checked) {
            return new AirtelMoneyGateway(checked.gateway(AirtelMoneyConfig.class));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(FlutterwaveGateway.class)
    @ConditionalOnPaymentVariable(FlutterwaveConfig.SECRET_KEY)
    static class Flutterwave {
        @Bean
        GatewayCheck<FlutterwaveConfig> flutterwaveCheck() {
            return new GatewayCheck<>(FlutterwaveConfig.SECRET_KEY, FlutterwaveConfig.class,
                    FlutterwaveConfig::fromEnvironment);
        }

        @Bean
        @ConditionalOnMissingBean
        FlutterwaveGateway flutterwaveGateway(StartupCheck.Result checked) {
            return new FlutterwaveGateway(checked.gateway(FlutterwaveConfig.class));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MpesaGateway.class)
    @ConditionalOnPaymentVariable(MpesaConfig.CONSUMER_KEY)
    static class Mpesa {
        @Bean
        GatewayCheck<MpesaConfig> mpesaCheck() {
            return new GatewayCheck<>(MpesaConfig.CONSUMER_KEY, MpesaConfig.class,
                    MpesaConfig::fromEnvironment);
        }

        @Bean
        @ConditionalOnMissingBean
        MpesaGateway mpesaGateway(StartupCheck.Result checked) {
            return new MpesaGateway(checked.gateway(MpesaConfig.class));
        }
    }
}
