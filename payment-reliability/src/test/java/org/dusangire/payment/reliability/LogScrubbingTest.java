package org.dusangire.payment.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.port.PaymentRepository;
import org.dusangire.payment.persistence.jdbi.JdbiPaymentRepository;
import org.dusangire.payment.simulator.airtel.AirtelMoneySimulator;
import org.dusangire.payment.simulator.flutterwave.FlutterwaveSimulator;
import org.dusangire.payment.simulator.mtn.MtnMomoSimulator;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A full chaos run (checkouts, faults, retries, callbacks through the servlet, reconciliation,
 * expiry) with every logger of the library and the simulators at DEBUG and every event captured,
 * messages, arguments, MDC and stack traces included: no API key, subscription key, access token,
 * Authorization header, callback token, Airtel client secret or callback key, Flutterwave secret
 * key or secret hash, or full phone number appears. Jetty's own
 * DEBUG logging is left at INFO: it is the host's container, and it logs raw request lines.
 */
class LogScrubbingTest {
    private static final int PAYMENTS = 150;
    /** International MTN and Airtel numbers, MTN sandbox numbers, Airtel national numbers. */
    private static final Pattern FULL_NUMBER = Pattern.compile(
            "(2567[0-9]{8}|46733123[0-9]{3}|(?<![0-9])7521[0-9]{5}(?![0-9]))");

    @Test
    void aFullRunAtDebugLogsNoSecretTokenOrFullNumber() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger jetty = (Logger) LoggerFactory.getLogger("org.eclipse.jetty");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        Level rootBefore = root.getLevel();
        Level jettyBefore = jetty.getLevel();
        root.addAppender(captured);
        root.setLevel(Level.DEBUG);
        jetty.setLevel(Level.INFO);
        List<ProviderRig> rigs = Rigs.all();
        List<String> forbidden = new ArrayList<>();
        try {
            PaymentRepository store = JdbiPaymentRepository.create(Databases.freshH2());
            ChaosRun run = new ChaosRun(rigs, store);
            Verdict v = run.run("S", PAYMENTS, 99L);
            assertThat(v.problems).isEmpty();
            MtnMomoSimulator mtn = ((MtnRig) rigs.get(0)).simulator();
            forbidden.add(mtn.apiKey());
            forbidden.add(mtn.collectionSubscriptionKey());
            forbidden.add(mtn.disbursementSubscriptionKey());
            forbidden.add(Base64.getEncoder().encodeToString((mtn.apiUser() + ":" + mtn.apiKey())
                    .getBytes(StandardCharsets.UTF_8)));
            AirtelMoneySimulator airtel = ((AirtelRig) rigs.get(1)).simulator();
            forbidden.add(airtel.clientSecret());
            forbidden.add(AirtelRig.CALLBACK_KEY);
            FlutterwaveSimulator flw = ((FlutterwaveRig) rigs.get(2)).simulator();
            forbidden.add(flw.secretKey());
            forbidden.add(FlutterwaveRig.SECRET_HASH);
            for (int i = 0; i < PAYMENTS; i++) {
                store.findByIdempotencyKey("key-" + ChaosRun.order("S", i)).map(Payment::callbackToken)
                        .ifPresent(forbidden::add);
            }
        } finally {
            root.detachAppender(captured);
            root.setLevel(rootBefore);
            jetty.setLevel(jettyBefore);
            rigs.forEach(ProviderRig::close);
        }
        StringBuilder all = new StringBuilder();
        for (ILoggingEvent e : captured.list) {
            all.append(e.getLoggerName()).append(' ').append(e.getFormattedMessage()).append(' ')
                    .append(e.getMDCPropertyMap()).append('\n');
            IThrowableProxy t = e.getThrowableProxy();
            if (t != null) {
                all.append(ThrowableProxyUtil.asString(t)).append('\n');
            }
        }
        String logged = all.toString();
        List<String> leaks = new ArrayList<>();
        for (String secret : forbidden) {
            if (secret != null && logged.contains(secret)) {
                leaks.add("secret " + secret.substring(0, Math.min(4, secret.length())) + "...");
            }
        }
        for (String marker : List.of("Bearer ey", "Basic ", "eyJ0eXAi")) {
            if (logged.contains(marker)) {
                leaks.add("marker " + marker);
            }
        }
        // a token value in a logged body must be masked
        Matcher token = Pattern.compile("access_token\"\\s*:\\s*\"([^\"]*)\"").matcher(logged);
        while (token.find()) {
            if (!token.group(1).matches("\\**|\\[?REDACTED\\]?|<redacted>")) {
                leaks.add("access token " + token.group(1).substring(0, Math.min(4, token.group(1).length())) + "...");
            }
        }
        Matcher m = FULL_NUMBER.matcher(logged);
        while (m.find() && leaks.size() < 20) {
            leaks.add("phone " + m.group().substring(0, 5) + "...");
        }
        String line = Figures.of("scrubbing").put("payments", PAYMENTS)
                .put("logEvents", captured.list.size()).put("secretsChecked", forbidden.size())
                .put("leaks", leaks.size()).print();
        assertThat(captured.list.size()).as("DEBUG logging captured").isGreaterThan(PAYMENTS);
        assertThat(leaks).as(line).isEmpty();
    }
}
