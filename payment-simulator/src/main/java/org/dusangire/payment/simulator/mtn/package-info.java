/**
 * Stateful simulator of MTN MoMo Open API Collection (request-to-pay, status, account holder)
 * and Disbursement refunds, with sandbox test numbers, callbacks and a control API. Start here:
 * {@link org.dusangire.payment.simulator.mtn.MtnMomoSimulator}.
 */
package org.dusangire.payment.simulator.mtn;
