/**
 * Airtel Money collections through the Airtel Open API: USSD-push payments (optionally
 * message-signed, v2), transaction enquiry, the application-wide callback with its optional HMAC
 * {@code hash}, and full refunds. Public types: {@link
 * org.dusangire.payment.gateway.airtel.AirtelMoneyGateway} and {@link
 * org.dusangire.payment.gateway.airtel.AirtelMoneyConfig}; everything else is internal.
 */
package org.dusangire.payment.gateway.airtel;
