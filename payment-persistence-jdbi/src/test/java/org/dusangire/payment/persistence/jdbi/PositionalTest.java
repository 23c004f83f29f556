package org.dusangire.payment.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Named parameters bound by position, on a real H2 connection. */
class PositionalTest {

    @Test
    void aNullValueIsBoundAsNullAndAMissingNameIsAProgrammingError() throws Exception {
        Positional query = Positional.of("SELECT CAST(:name AS VARCHAR), CAST(:at AS TIMESTAMP WITH"
                + " TIME ZONE), CAST(:count AS INT)");
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:positional-" + UUID.randomUUID());
                PreparedStatement ps = query.prepare(c)) {
            Map<String, Object> values = new HashMap<>();
            values.put("name", "x");
            values.put("at", null);
            values.put("count", 3);
            query.bind(ps, values);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("x");
                assertThat(rs.getObject(2)).isNull();
                assertThat(rs.getInt(3)).isEqualTo(3);
            }

            values.remove("at");
            assertThatThrownBy(() -> query.bind(ps, values))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no value for :at");
        }
    }

    @Test
    void namesAreListedInBindingOrderOncePerUseAndCastsAreNotNames() {
        Positional query = Positional.of("SELECT 1 FROM t WHERE a = :a AND b::text = :b"
                + " AND c = :a");
        assertThat(query.parameterNames()).containsExactly("a", "b", "a");
        assertThat(query.sql).isEqualTo("SELECT 1 FROM t WHERE a = ? AND b::text = ? AND c = ?");
    }
}
