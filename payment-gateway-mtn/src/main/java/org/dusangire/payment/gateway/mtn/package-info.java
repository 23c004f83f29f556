/**
 * MTN Mobile Money (MoMo Open API) adapter: Collection request-to-pay, status and callbacks, and
 * refunds through the Disbursement product. Start with
 * {@link org.dusangire.payment.gateway.mtn.MtnMomoConfig} and
 * {@link org.dusangire.payment.gateway.mtn.MtnMomoGateway}; everything else is package-private.
 */
package org.dusangire.payment.gateway.mtn;
