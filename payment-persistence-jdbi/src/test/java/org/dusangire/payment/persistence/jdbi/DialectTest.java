package org.dusangire.payment.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DialectTest {
    @Test
    void theFamilyIsReadFromTheProductName() {
        assertThat(Dialect.fromProductName("PostgreSQL")).isEqualTo(Dialect.POSTGRESQL);
        assertThat(Dialect.fromProductName("H2")).isEqualTo(Dialect.H2);
        assertThat(Dialect.fromProductName("MySQL")).isEqualTo(Dialect.OTHER);
        assertThat(Dialect.fromProductName(null)).isEqualTo(Dialect.OTHER);
    }
}
