package org.dusangire.payment.simulator.mtn;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.UUID;
import org.dusangire.payment.simulator.testsupport.Await;
import org.dusangire.payment.simulator.testsupport.CallbackReceiver;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class MtnLogScrubbingTest {

    @Test
    void fullFlowLogsNoSecretTokenOrFullPhoneNumber() {
        Logger root = (Logger) LoggerFactory.getLogger("org.dusangire.payment.simulator");
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        root.addAppender(appender);
        Level before = root.getLevel();
        root.setLevel(Level.DEBUG);
        try (var receiver = new CallbackReceiver();
             var sim = MtnMomoSimulator.builder().build().start()) {
            var client = new MtnClient(sim);
            String token = client.collectionToken();
            String ref = UUID.randomUUID().toString();
            client.requestToPay(token, ref, MtnClient.body("256772123456"),
                    receiver.url("/mtn/secret-path-token/" + ref));
            sim.approve(ref);
            Await.until(() -> sim.journal().callbacks().size() == 1);

            String logs = String.join("\n",
                    appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
            assertThat(logs).contains(ref).contains("2567******56")
                    .doesNotContain("256772123456").doesNotContain(token)
                    .doesNotContain(sim.apiKey()).doesNotContain(sim.collectionSubscriptionKey())
                    .doesNotContain("secret-path-token");
        } finally {
            root.detachAppender(appender);
            root.setLevel(before);
        }
    }
}
