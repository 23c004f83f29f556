package org.dusangire.payment.reliability;

import com.zaxxer.hikari.HikariDataSource;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.sql.DataSource;
import org.dusangire.payment.persistence.jdbi.JdbiPaymentRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 2,000 payments across the providers (M-Pesa included) under random faults, then reconciliation
 * until quiet: none lost, none wrongly FAILED, none sent twice under different references, none
 * stuck PENDING past its time to live. On H2 and on PostgreSQL. An M-Pesa payment whose push answer
 * and callback were both lost cannot be asked about (Daraja has no lookup by our reference); it
 * expires with an open anomaly and the figure line counts it as {@code unverified} (and
 * {@code unverifiedPaid} when the customer had paid), never silently.
 */
class ChaosTest {
    static final int PAYMENTS = 2000;
    private String schema;

    @AfterEach
    void dropSchema() {
        Databases.dropPostgresSchema(schema);
    }

    @Test
    void h2SurvivesChaos() throws Exception {
        chaos("h2", Databases.freshH2(), 20260301L);
    }

    @Test
    void postgresSurvivesChaos() throws Exception {
        schema = Databases.createPostgresSchema("chaos");
        try (HikariDataSource pool = SimplePool.of(Databases.postgres(schema), 16)) {
            chaos("postgresql", pool, 20260302L);
        }
    }

    private static void chaos(String db, DataSource ds, long seed) throws Exception {
        List<ProviderRig> rigs = Rigs.collecting();
        try {
            long start = System.nanoTime();
            ChaosRun run = new ChaosRun(rigs, JdbiPaymentRepository.create(ds));
            Verdict v = run.run(db.substring(0, 1).toUpperCase(), PAYMENTS, seed);
            long millis = (System.nanoTime() - start) / 1_000_000;
            String line = ChaosRun.figures("chaos[" + db + "]", v, run, rigs, millis).print();
            assertThat(v.problems).as(line).isEmpty();
            assertThat(v.payments).isEqualTo(PAYMENTS);
            assertThat(run.faults).as("faults injected").isGreaterThan(PAYMENTS / 10);
        } finally {
            rigs.forEach(ProviderRig::close);
        }
    }
}
