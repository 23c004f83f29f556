package org.dusangire.payment.webhooks.servlet;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Decides whether a request may trigger a manual verification ({@code POST /{paymentId}/verify/}).
 * The host supplies it, typically checking its own session, role or an API key; the servlet asks
 * it before reading anything else of the request and answers 403 when it refuses.
 *
 * <p>The default of {@link PaymentWebhookServlet.Builder} is {@link #denyAll()}: until a host
 * decides who may verify, nobody can, so the route cannot be used to make the server call the
 * providers on a stranger's behalf.
 */
@FunctionalInterface
public interface VerifyAuthorizer {

    /**
     * @param request the incoming verify request (headers, session, principal...)
     * @return true when the caller may verify a payment
     */
    boolean isAllowed(HttpServletRequest request);

    /** Refuses everyone: the default, so the route is closed until a host opens it. */
    static VerifyAuthorizer denyAll() {
        return request -> false;
    }
}
