package org.dusangire.payment.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.RefundId;
import org.dusangire.payment.core.model.RefundStatus;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.core.port.RefundChanged;
import org.dusangire.payment.core.service.PaymentService;
import org.dusangire.payment.persistence.jdbi.JdbiPaymentRepository;
import org.dusangire.payment.testkit.MutableClock;
import org.dusangire.payment.testkit.RecordingListener;
import org.dusangire.payment.testkit.TestPayments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Money going out under chaos, a crash and two instances: no refund paid out twice, never more
 * given back than was paid, nothing left pending, and the store agreeing with each provider's own
 * ledger. Prints {@code refunds[h2|postgresql|twoInstances]: refunds=N faults=N paidOutTwice=0
 * overRefunded=0 stuck=0 wrongStatus=0 ...}, every count taken from the verdict.
 */
class RefundReliabilityTest {
    private static final int PAYMENTS = 90;
    private static final int CRASH_EVERY = 5;
    private String schema;

    @AfterEach
    void dropSchema() {
        Databases.dropPostgresSchema(schema);
    }

    @Test
    void refundsUnderChaosAndACrashOnH2() throws Exception {
        singleInstance("h2", Databases.freshH2(), 301);
    }

    @Test
    void refundsUnderChaosAndACrashOnPostgres() throws Exception {
        schema = Databases.createPostgresSchema("refunds");
        try (HikariDataSource pool = SimplePool.of(Databases.postgres(schema), 8)) {
            singleInstance("postgresql", pool, 401);
        }
    }

    @Test
    void refundsFromTwoInstancesOnOnePostgres() throws Exception {
        schema = Databases.createPostgresSchema("refunds_two");
        List<ProviderRig> rigs = Rigs.all();
        MutableClock clock = new MutableClock(TestPayments.T0);
        String site = "http://127.0.0.1:" + WebhookHost.freePort();
        try (HikariDataSource poolA = SimplePool.of(Databases.postgres(schema), 8);
                HikariDataSource poolB = SimplePool.of(Databases.postgres(schema), 8)) {
            PaymentRepository storeA = JdbiPaymentRepository.create(poolA);
            RecordingListener heardByA = new RecordingListener();
            RecordingListener heardByB = new RecordingListener();
            PaymentService a = Services.service(site, storeA, clock, rigs, heardByA);
            PaymentService b = Services.service(site, JdbiPaymentRepository.create(poolB), clock,
                    rigs, heardByB);
            RefundRun run = new RefundRun(rigs, clock);
            List<Payment> paid = run.paid(a, "RT", PAYMENTS);
            long faultsBefore = faults(rigs);

            run.refundUnderChaos(List.of(a, b), paid, "RT", 501);
            long faults = faults(rigs) - faultsBefore;
            run.reconcileUntilSettled(List.of(a, b), storeA, paid);

            report("twoInstances", run, run.judge(storeA, paid), faults,
                    List.of(heardByA, heardByB));
        } finally {
            rigs.forEach(ProviderRig::close);
        }
    }

    private void singleInstance(String db, DataSource dataSource, long seed) throws Exception {
        List<ProviderRig> rigs = Rigs.all();
        MutableClock clock = new MutableClock(TestPayments.T0);
        String site = "http://127.0.0.1:" + WebhookHost.freePort();
        try {
            PaymentRepository store = JdbiPaymentRepository.create(dataSource);
            CrashingRefunds crashing = new CrashingRefunds(store, CRASH_EVERY);
            RecordingListener heardByDoomed = new RecordingListener();
            RecordingListener heardBySurvivor = new RecordingListener();
            PaymentService doomed = Services.service(site, crashing, clock, rigs, heardByDoomed);
            RefundRun run = new RefundRun(rigs, clock);
            List<Payment> paid = run.paid(doomed, "R" + db.charAt(0), PAYMENTS);
            long faultsBefore = faults(rigs);

            run.refundUnderChaos(List.of(doomed), paid, db, seed);
            long faults = faults(rigs) - faultsBefore + crashing.crashes.get();
            assertThat(crashing.crashes.get()).as("the crash premise").isPositive();
            // the host died; a new instance on the same database settles what was left
            PaymentService survivor = Services.service(site, store, clock, rigs, heardBySurvivor);
            run.reconcileUntilSettled(List.of(survivor), store, paid);

            report(db, run, run.judge(store, paid), faults,
                    List.of(heardByDoomed, heardBySurvivor));
        } finally {
            rigs.forEach(ProviderRig::close);
        }
    }

    private static void report(String part, RefundRun run, RefundVerdict v, long faults,
            List<RecordingListener> listeners) {
        List<RefundChanged> events = new ArrayList<>();
        listeners.forEach(l -> events.addAll(l.refundEvents()));
        // one event per stored change: each refund's creation once, its final status at most once
        Map<RefundId, List<RefundStatus>> heard = events.stream().collect(Collectors.groupingBy(
                e -> e.refund().id(), Collectors.mapping(RefundChanged::to, Collectors.toList())));
        long doubleEvents = heard.values().stream().filter(list ->
                list.stream().filter(s -> s == RefundStatus.PENDING).count() != 1
                        || list.stream().filter(RefundStatus::isFinal).count() > 1).count();
        String line = Figures.of("refunds[" + part + "]").put("refunds", v.refunds)
                .put("faults", faults).put("paidOutTwice", v.paidOutTwice)
                .put("overRefunded", v.overRefunded).put("stuck", v.stuck)
                .put("wrongStatus", v.wrongStatus).put("payments", v.payments)
                .put("succeeded", v.succeeded).put("failed", v.failed)
                .put("crashes", run.crashes.get()).put("refused", run.callerErrors.get())
                .put("doubleEvents", doubleEvents).put("reconcileRounds", run.rounds).print();
        assertThat(v.problems).as(line).isEmpty();
        assertThat(v.failures()).as(line).isZero();
        assertThat(doubleEvents).as(line).isZero();
        assertThat(heard).as(line).hasSize(v.refunds);
        assertThat(v.succeeded).as(line).isPositive();
    }

    private static long faults(List<ProviderRig> rigs) {
        return rigs.stream().mapToLong(ProviderRig::faultsInjected).sum();
    }
}
