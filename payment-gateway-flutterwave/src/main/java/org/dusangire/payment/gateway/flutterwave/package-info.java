/**
 * Flutterwave v3 "Standard" adapter: hosted payment links for card and bank transfer, verification
 * by {@code tx_ref} (and by transaction id), webhooks authenticated by {@code verif-hash} or
 * {@code flutterwave-signature}, and full or partial refunds. The public surface is
 * {@link org.dusangire.payment.gateway.flutterwave.FlutterwaveGateway} and
 * {@link org.dusangire.payment.gateway.flutterwave.FlutterwaveConfig}; everything else is
 * package-private.
 */
package org.dusangire.payment.gateway.flutterwave;
