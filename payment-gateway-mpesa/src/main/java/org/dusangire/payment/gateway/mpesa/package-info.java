/**
 * Safaricom M-Pesa Express adapter (Daraja's STK push): the customer approves a prompt on their
 * phone, Daraja assigns the reference ({@code CheckoutRequestID}), the STK query settles the
 * outcome and an unsigned result callback, authenticated by the per-payment token in its path,
 * hints at it. Start with {@link org.dusangire.payment.gateway.mpesa.MpesaConfig} and
 * {@link org.dusangire.payment.gateway.mpesa.MpesaGateway}; everything else is package-private.
 */
package org.dusangire.payment.gateway.mpesa;
