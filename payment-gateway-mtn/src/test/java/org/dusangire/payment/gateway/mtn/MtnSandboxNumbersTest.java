package org.dusangire.payment.gateway.mtn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.core.port.StatusReport;
import org.dusangire.payment.simulator.mtn.MtnMomoSimulator;
import org.dusangire.payment.simulator.mtn.ReasonFormat;
import org.dusangire.payment.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** MTN's sandbox test payers, with {@code reason} both as a string and as an object. */
class MtnSandboxNumbersTest {

    static Stream<Arguments> numbers() {
        Object[][] cases = {
            {"46733123450", ProviderStatus.FAILED, "INTERNAL_PROCESSING_ERROR"},
            {"46733123451", ProviderStatus.FAILED, "APPROVAL_REJECTED"},
            {"46733123452", ProviderStatus.EXPIRED, "EXPIRED"},
            {"46733123453", ProviderStatus.PENDING, null},
            {"46733123454", ProviderStatus.PENDING, null},
            {"46733123455", ProviderStatus.FAILED, "PAYER_NOT_FOUND"},
            {"46733123456", ProviderStatus.FAILED, "PAYEE_NOT_ALLOWED_TO_RECEIVE"},
            {"46733123457", ProviderStatus.FAILED, "NOT_ALLOWED"},
            {"46733123458", ProviderStatus.FAILED, "NOT_ALLOWED_TARGET_ENVIRONMENT"},
            {"46733123459", ProviderStatus.FAILED, "INVALID_CALLBACK_URL_HOST"}};
        return Stream.of(ReasonFormat.values()).flatMap(format -> Stream.of(cases)
                .map(c -> Arguments.of(format, c[0], c[1], c[2])));
    }

    @ParameterizedTest(name = "{1} with reason as {0} is {2} {3}")
    @MethodSource("numbers")
    void eachSandboxNumberMapsToItsStatusAndKeepsTheReasonVerbatim(ReasonFormat format, String msisdn,
            ProviderStatus expected, String reason) {
        try (MtnMomoSimulator sim = MtnMomoSimulator.builder().reasonFormat(format).threads(4).build().start()) {
            MtnMomoGateway gateway = MtnFixture.gateway(sim);
            Payment p = MtnFixture.payment(sim, "6", msisdn);
            gateway.initiate(MtnFixture.initiation(p));

            StatusReport report = gateway.checkStatus(p);

            assertThat(report.status()).isEqualTo(expected);
            assertThat(report.reason()).isEqualTo(reason);
        }
    }

    @Test
    void ongoingNumberSucceedsWhenAskedAgainAfterThirtySeconds() {
        MutableClock mtnClock = MutableClock.startingAt("2026-03-01T08:00:00Z");
        try (MtnMomoSimulator sim = MtnMomoSimulator.builder().clock(mtnClock).threads(4).build().start()) {
            MtnMomoGateway gateway = MtnFixture.gateway(sim, b -> b, Clock.systemUTC());
            Payment p = MtnFixture.payment(sim, "6", "46733123453");
            gateway.initiate(MtnFixture.initiation(p));
            assertThat(gateway.checkStatus(p).status()).isEqualTo(ProviderStatus.PENDING);

            mtnClock.advance(Duration.ofSeconds(31));
            StatusReport report = gateway.checkStatus(p);

            assertThat(report.status()).isEqualTo(ProviderStatus.SUCCEEDED);
            assertThat(report.reportedAmount()).isEqualTo(Money.of("6.00", "EUR"));
        }
    }
}
