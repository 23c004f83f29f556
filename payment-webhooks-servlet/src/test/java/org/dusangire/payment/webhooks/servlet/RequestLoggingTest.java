package org.dusangire.payment.webhooks.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.List;
import org.dusangire.payment.core.model.Payment;
import org.dusangire.payment.core.model.PaymentMethod;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.testkit.ScriptedPaymentGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class RequestLoggingTest {
    /** Keeps each event's MDC as it was on the thread that logged it (logback reads it lazily). */
    private final ListAppender<ILoggingEvent> all = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            super.append(event);
        }
    };
    private Logger root;

    @BeforeEach
    void capture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        all.setContext(context);
        all.start();
        root.addAppender(all);
    }

    @AfterEach
    void release() {
        root.detachAppender(all);
    }

    private List<ILoggingEvent> servletLines() {
        List<ILoggingEvent> events;
        synchronized (all) {
            events = List.copyOf(all.list);
        }
        return events.stream()
                .filter(e -> e.getLoggerName().equals(PaymentWebhookServlet.class.getName()))
                .filter(e -> e.getLevel() == Level.INFO)
                .toList();
    }

    /**
     * The servlet logs a request's line when it is done with it, which can be just after the
     * client has read the whole response; waits (at most 10 s) until {@code count} lines are in.
     */
    private List<ILoggingEvent> servletLinesOnceThereAre(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<ILoggingEvent> lines = servletLines();
        while (lines.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
            lines = servletLines();
        }
        return lines;
    }

    @Test
    void eachRequestLeavesOneLineWithItsCorrelationIdAndNoSecret() throws Exception {
        try (ServletHarness h = ServletHarness.start()) {
            Payment mtn = h.checkout(PaymentMethod.MTN_MOBILE_MONEY);
            Payment card = h.checkout(PaymentMethod.CARD);
            h.mtn.approve(mtn);
            all.list.clear();

            HttpResponse<String> webhook = h.send(h.request("PUT", "/payments/webhooks/mtn-momo/"
                            + mtn.id() + "/" + mtn.callbackToken(),
                    BodyPublishers.ofByteArray(ServletHarness.webhookBody(mtn, ProviderStatus.SUCCEEDED, "l1")),
                    "Content-Type", "application/json", "X-Request-Id", "req-mtn-1",
                    ScriptedPaymentGateway.SIGNATURE_HEADER, ScriptedPaymentGateway.DEFAULT_SECRET));
            h.send(h.request("POST", "/payments/webhooks/flutterwave/",
                    BodyPublishers.ofByteArray(ServletHarness.webhookBody(card, ProviderStatus.SUCCEEDED, "l2")),
                    "Content-Type", "application/json", "X-Request-Id", "req-forged-2",
                    ScriptedPaymentGateway.SIGNATURE_HEADER, "forged-" + ScriptedPaymentGateway.DEFAULT_SECRET));
            h.get("/payments/callback/?tx_ref=" + card.id() + "&status=successful",
                    "X-Request-Id", "req-callback-3");
            h.post("/payments/" + mtn.id() + "/verify/", "X-Request-Id", "req-verify-4");
            HttpResponse<String> unsafe = h.get("/payments/nothing-here",
                    "X-Request-Id", "bad id with spaces and a very long tail that goes on and on and on");

            List<ILoggingEvent> lines = servletLinesOnceThereAre(5);
            assertThat(lines).hasSize(5);
            assertThat(webhook.headers().firstValue("X-Request-Id")).hasValue("req-mtn-1");
            String[] ids = {"req-mtn-1", "req-forged-2", "req-callback-3", "req-verify-4"};
            for (int i = 0; i < ids.length; i++) {
                ILoggingEvent line = lines.get(i);
                assertThat(line.getFormattedMessage()).contains(ids[i]);
                assertThat(line.getMDCPropertyMap()).containsEntry(RequestLog.REQUEST_ID, ids[i]);
            }
            assertThat(lines.get(0).getFormattedMessage())
                    .contains("PUT /webhooks/mtn-momo/" + mtn.id() + "/***")
                    .contains("200 PROCESSED").contains("mtn-momo").contains(mtn.id().toString());
            assertThat(lines.get(1).getFormattedMessage()).contains("401 REJECTED_AUTHENTICATION");
            assertThat(lines.get(2).getFormattedMessage()).contains("303 PENDING");
            assertThat(lines.get(3).getFormattedMessage()).contains("200 SUCCEEDED");
            String generated = unsafe.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(generated).doesNotContain(" ").hasSize(36);
            assertThat(lines.get(4).getFormattedMessage()).contains(generated).contains("404")
                    .doesNotContain("nothing-here");

            for (ILoggingEvent e : all.list) {
                String text = e.getFormattedMessage() + " " + e.getMDCPropertyMap();
                assertThat(text).doesNotContain(mtn.callbackToken())
                        .doesNotContain(ScriptedPaymentGateway.DEFAULT_SECRET)
                        .doesNotContain("256772123456").doesNotContain("256752604392")
                        .doesNotContain("status=successful");
            }
        }
    }

    @Test
    void mdcIsPutBackAsItWasAfterTheRequest() {
        MDC.put(RequestLog.REQUEST_ID, "outer");
        MDC.remove(RequestLog.GATEWAY);
        try (RequestLog log = new RequestLog(org.slf4j.LoggerFactory.getLogger("t"), "POST", "/x",
                null)) {
            log.gateway("flutterwave");
            log.paymentId("p-1");
            assertThat(MDC.get(RequestLog.REQUEST_ID)).isNotEqualTo("outer");
            assertThat(MDC.get(RequestLog.GATEWAY)).isEqualTo("flutterwave");
        }
        assertThat(MDC.get(RequestLog.REQUEST_ID)).isEqualTo("outer");
        assertThat(MDC.get(RequestLog.GATEWAY)).isNull();
        assertThat(MDC.get(RequestLog.PAYMENT_ID)).isNull();
        MDC.clear();
    }
}
