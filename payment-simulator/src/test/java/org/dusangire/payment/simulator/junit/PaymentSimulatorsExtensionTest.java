package org.dusangire.payment.simulator.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dusangire.payment.simulator.SimulatorEnvironment;
import org.dusangire.payment.simulator.SimulatorServer;
import org.dusangire.payment.simulator.airtel.AirtelMoneySimulator;
import org.dusangire.payment.simulator.flutterwave.FlutterwaveSimulator;
import org.dusangire.payment.simulator.mtn.MtnMomoSimulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs small host test classes (the static classes below, which the build does not run on their
 * own) through the JUnit Platform, as a host's build would, and checks what they were given.
 */
class PaymentSimulatorsExtensionTest {

    /** What the host classes saw, in order; reset before each run. */
    static final List<Object> SEEN = new CopyOnWriteArrayList<>();

    @PaymentSimulators({"mtn", "airtel"})
    static class TwoProviders {
        @BeforeAll
        static void before(MtnMomoSimulator mtn) {
            SEEN.add(mtn);
        }

        @Test
        void first(MtnMomoSimulator mtn, AirtelMoneySimulator airtel, SimulatorEnvironment env) {
            SEEN.addAll(List.of(mtn, airtel, env));
            assertThat(env.asMap()).containsEntry("MTN_MOMO_BASE_URL", mtn.baseUri().toString())
                    .containsEntry("AIRTEL_MONEY_BASE_URL", airtel.baseUri().toString())
                    .doesNotContainKey("FLUTTERWAVE_BASE_URL");
        }

        @Test
        void second(MtnMomoSimulator mtn) {
            SEEN.add(mtn);
        }

        @Nested
        class Inner {
            @Test
            void sharesTheEnclosingClasssSimulators(MtnMomoSimulator mtn) {
                SEEN.add(mtn);
            }
        }
    }

    @PaymentSimulators(value = "mtn", options = {"--mtn-environment", "mtnuganda"})
    static class MtnInUganda {
        @Test
        void optionsInTheJarsSyntaxApply(SimulatorEnvironment env) {
            SEEN.add(env);
        }

        @Test
        void aSimulatorNotAskedForIsNotInjected(FlutterwaveSimulator flutterwave) {
            SEEN.add(flutterwave);
        }
    }

    @PaymentSimulators("tigopesa")
    static class UnknownProvider {
        @Test
        void neverRuns() {
            SEEN.add("ran");
        }
    }

    @Test
    void startsTheSimulatorsOncePerClassInjectsThemAndStopsThemAfter() {
        TestExecutionSummary summary = run(TwoProviders.class);

        assertThat(summary.getTestsSucceededCount()).isEqualTo(3);
        assertThat(summary.getTotalFailureCount()).isZero();
        MtnMomoSimulator mtn = (MtnMomoSimulator) SEEN.get(0);
        assertThat(SEEN).filteredOn(MtnMomoSimulator.class::isInstance)
                .as("one MTN simulator for the class, its methods and @Nested class")
                .hasSize(4).allSatisfy(seen -> assertThat(seen).isSameAs(mtn));
        assertThat(SEEN).filteredOn(SimulatorServer.class::isInstance)
                .allSatisfy(server -> assertThatThrownBy(((SimulatorServer) server)::boundAddress)
                        .as("stopped after the class").isInstanceOf(IllegalStateException.class));
    }

    @Test
    void takesTheJarsOptionsAndRefusesASimulatorItDidNotStart() {
        TestExecutionSummary summary = run(MtnInUganda.class);

        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        assertThat(SEEN).singleElement().satisfies(env -> assertThat(
                ((SimulatorEnvironment) env).asMap())
                .containsEntry("MTN_MOMO_TARGET_ENVIRONMENT", "mtnuganda")
                .containsEntry("MTN_MOMO_CURRENCY", "UGX"));
        assertThat(summary.getFailures()).singleElement().satisfies(failure ->
                assertThat(failure.getException()).hasMessageContaining(
                        "No FlutterwaveSimulator was started: add its provider to @PaymentSimulators"));
    }

    @Test
    void anUnknownProviderFailsTheClassWithTheJarsMessage() {
        TestExecutionSummary summary = run(UnknownProvider.class);

        assertThat(SEEN).isEmpty();
        assertThat(summary.getFailures()).singleElement().satisfies(failure ->
                assertThat(failure.getException()).hasMessageContaining(
                        "@PaymentSimulators: --providers: unknown provider 'tigopesa'"));
    }

    private static TestExecutionSummary run(Class<?> hostTests) {
        SEEN.clear();
        var listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(hostTests)).build(), listener);
        return listener.getSummary();
    }
}
