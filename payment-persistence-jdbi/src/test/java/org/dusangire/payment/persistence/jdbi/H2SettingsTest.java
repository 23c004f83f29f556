package org.dusangire.payment.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.dusangire.payment.core.model.PaymentId;
import org.dusangire.payment.core.port.InboxEntry;
import org.dusangire.payment.core.port.InboxKey;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The store tells a host whose H2 URL leaves the statement cache at its default of 8. */
class H2SettingsTest {
    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(H2Settings.class);

    @BeforeEach
    void listen() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(logged);
    }

    @Test
    void readsTheCacheSizeTheUrlGave() throws Exception {
        try (Connection plain = h2("").getConnection();
                Connection tuned = h2(";QUERY_CACHE_SIZE=64").getConnection()) {
            assertThat(H2Settings.queryCacheSize(plain)).isEqualTo(8);
            assertThat(H2Settings.queryCacheSize(tuned)).isEqualTo(64);
        }
    }

    @Test
    void aStoreOnTheDefaultCacheWarnsOnceWithTheSettingToAdd() {
        JdbcDataSource store = h2("");
        PaymentSchema.migrate(store);
        JdbiPaymentRepository repository = JdbiPaymentRepository.create(store);

        repository.recordInbound(InboxEntry.received(
                new InboxKey("MTN_MOMO", "e-1"), "ref",
                AT, "{}"));
        repository.recordInbound(InboxEntry.received(
                new InboxKey("MTN_MOMO", "e-2"), "ref",
                AT, "{}"));
        repository.findById(new PaymentId(UUID.randomUUID()));

        List<ILoggingEvent> warnings = logged.list.stream()
                .filter(e -> e.getLevel() == Level.WARN).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).getFormattedMessage())
                .contains("caches 8 parsed statements")
                .contains(";QUERY_CACHE_SIZE=" + H2Settings.RECOMMENDED_QUERY_CACHE_SIZE);
    }

    @Test
    void aStoreWithTheRecommendedCacheSaysNothing() {
        JdbcDataSource store = h2(";QUERY_CACHE_SIZE=" + H2Settings.RECOMMENDED_QUERY_CACHE_SIZE);
        PaymentSchema.migrate(store);
        JdbiPaymentRepository repository = JdbiPaymentRepository.create(store);

        repository.recordInbound(InboxEntry.received(
                new InboxKey("MTN_MOMO", "e-1"), "ref",
                AT, "{}"));

        assertThat(logged.list).noneMatch(e -> e.getLevel() == Level.WARN);
    }

    @Test
    void aSettingThatCannotBeReadIsPassedOverInSilence() {
        Connection refusing = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    throw new SQLException("Table \"SETTINGS\" not found");
                });

        assertThat(H2Settings.queryCacheSize(refusing)).isEqualTo(-1);
        H2Settings.checkStatementCache(refusing);
        assertThat(logged.list).noneMatch(e -> e.getLevel() == Level.WARN);
    }

    private static JdbcDataSource h2(String settings) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:settings-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1" + settings);
        return h2;
    }
}
