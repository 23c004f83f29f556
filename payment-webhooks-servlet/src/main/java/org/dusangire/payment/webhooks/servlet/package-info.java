/**
 * Jakarta Servlet 6 adapter of the payment service: the providers' webhook endpoints, the
 * browser's return from a hosted checkout, and the manual verify route, mountable under any
 * prefix.
 *
 * <p>The public API is {@link org.dusangire.payment.webhooks.servlet.PaymentWebhookServlet} with
 * its builder and the host-supplied
 * {@link org.dusangire.payment.webhooks.servlet.VerifyAuthorizer}; everything else here is
 * package-private. The servlet keeps no state of its own beyond a bounded rate-limit table: every
 * decision about a payment is taken by
 * {@link org.dusangire.payment.core.service.PaymentService}.
 */
package org.dusangire.payment.webhooks.servlet;
