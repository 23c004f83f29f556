package org.dusangire.payment.spring.boot;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The starter's own settings under {@code payment.}: how Spring runs the library, not how the
 * library behaves. The library's settings keep their variable names ({@code PAYMENT_ENVIRONMENT},
 * {@code SITE_URL}, {@code MTN_MOMO_API_KEY}...) and are read by the library's own readers; in
 * {@code application.yml} they are written as {@code payment.environment}, {@code site-url},
 * {@code mtn-momo.api-key}, and so on (see the module README).
 *
 * @param reconcile the scheduled reconciliation pass
 * @param webhooks  the webhook servlet's registration and where it sends the browser back to
 * @param jdbi      the Jdbi store on the application's {@code DataSource}
 */
@ConfigurationProperties(prefix = "payment")
public record PaymentProperties(@DefaultValue Reconcile reconcile, @DefaultValue Webhooks webhooks,
        @DefaultValue Jdbi jdbi) {

    /**
     * The reconciliation pass, which checks stale pending payments with their providers, finishes
     * interrupted webhooks, delivers due events and purges old ones.
     *
     * @param enabled  whether this instance runs passes ({@code payment.reconcile.enabled},
     *                 default true); several instances may all run them
     * @param interval the pause between the end of one pass and the start of the next
     *                 ({@code payment.reconcile.interval}, default 30 seconds)
     */
    public record Reconcile(@DefaultValue("true") boolean enabled,
            @DefaultValue("30s") Duration interval) {
    }

    /**
     * The webhook servlet, mounted at {@code PAYMENT_ROUTE_PREFIX} ({@code payment.route-prefix},
     * default {@code /payments}).
     *
     * @param enabled    whether the servlet is registered ({@code payment.webhooks.enabled})
     * @param successUrl where a customer's browser goes once the provider confirmed the payment:
     *                   an absolute URL or a path of this site ({@code payment.webhooks.success-url},
     *                   default {@code /?result=paid}); {@code paymentId=<id>} is added
     * @param failureUrl where it goes when the payment failed or is unknown (default
     *                   {@code /?result=failed})
     * @param pendingUrl where it goes while the provider still reports it pending; none sends it
     *                   to the failure URL with {@code status=pending}
     */
    public record Webhooks(@DefaultValue("true") boolean enabled,
            @DefaultValue("/?result=paid") String successUrl,
            @DefaultValue("/?result=failed") String failureUrl,
            String pendingUrl) {
    }

    /**
     * The store on the application's {@code DataSource}.
     *
     * @param tablePrefix the prefix of the library's tables ({@code payment.jdbi.table-prefix},
     *                    default {@code pay_})
     * @param migrate     whether the library's Flyway migrations run at start-up (default true;
     *                    turn off when the schema is migrated elsewhere)
     */
    public record Jdbi(@DefaultValue("pay_") String tablePrefix, @DefaultValue("true") boolean migrate) {
    }
}
