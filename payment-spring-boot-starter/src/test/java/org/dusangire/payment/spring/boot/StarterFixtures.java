package org.dusangire.payment.spring.boot;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** What the starter's tests share: a fresh H2 database and valid sandbox settings per gateway. */
final class StarterFixtures {
    /** MTN's API user is a UUID; the sandbox accepts any. */
    static final String MTN_API_USER = "00000000-1111-4222-8333-444444444444";

    static final String[] MTN = {
            "mtn-momo.api-key=" + MTN_API_USER,
            "mtn-momo.api-secret=mtn-api-key",
            "mtn-momo.subscription-key=mtn-subscription"};
    /** Written as the environment variables are named: the same names work as properties. */
    static final String[] AIRTEL = {
            "AIRTEL_MONEY_CLIENT_ID=airtel-client",
            "AIRTEL_MONEY_CLIENT_SECRET=airtel-secret",
            "AIRTEL_MONEY_CALLBACK_PRIVATE_KEY=airtel-callback-key"};
    /** Written as YAML would nest them. */
    static final String[] FLUTTERWAVE = {
            "flutterwave.secret-key=FLWSECK_TEST-0123456789abcdef-X",
            "flutterwave.secret-hash=flutterwave-hash"};
    /** One spelling of each kind: nested, camel case, variable name, under {@code payment.}. */
    static final String[] MPESA = {
            "mpesa.consumer-key=mpesa-consumer-key",
            "mpesa.consumerSecret=mpesa-consumer-secret",
            "MPESA_PASSKEY=mpesa-passkey",
            "payment.mpesa.shortcode=174379",
            "payment.mpesa.transaction-type=CustomerBuyGoodsOnline",
            "payment.mpesa.party-b=600123"};

    private StarterFixtures() {
    }

    /** An in-memory H2 database of its own, kept until the JVM ends. */
    static JdbcDataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:starter-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    /** How many tables of the library (prefix {@code pay_}) the database holds. */
    static int paymentTables(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                        + " WHERE LOWER(TABLE_NAME) LIKE 'pay\\_%'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    static String[] concat(String[]... groups) {
        return java.util.Arrays.stream(groups).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }
}
