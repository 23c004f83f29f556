/**
 * Plumbing shared by the gateway adapters: JSON over the JDK {@link java.net.http.HttpClient}
 * ({@link org.dusangire.payment.gateway.http.JsonHttpClient}), a Jackson codec with limits that
 * keep hostile bodies harmless ({@link org.dusangire.payment.gateway.http.JsonCodec}), a retry
 * policy for calls that are safe to repeat ({@link org.dusangire.payment.gateway.http.RetryPolicy}),
 * a single-flight OAuth2 token cache ({@link org.dusangire.payment.gateway.http.TokenCache}), the
 * mapping of provider answers to the core's exceptions
 * ({@link org.dusangire.payment.gateway.http.ProviderErrors}) and redacted wire logging
 * ({@link org.dusangire.payment.gateway.http.Redactor}).
 *
 * <p>This package exists for gateway adapters. Hosts should not depend on it: it may change
 * between minor versions.
 */
package org.dusangire.payment.gateway.http;
