/**
 * A stateful loopback simulator of the Airtel Money Open API (collections): OAuth2 tokens,
 * USSD-push payments in the unsigned v1 and the message-signed v2 form, transaction enquiry,
 * refunds, the application-wide callback with optional HMAC {@code hash}, and a control API that
 * plays the payer. Entry point: {@link org.dusangire.payment.simulator.airtel.AirtelMoneySimulator}.
 */
package org.dusangire.payment.simulator.airtel;
