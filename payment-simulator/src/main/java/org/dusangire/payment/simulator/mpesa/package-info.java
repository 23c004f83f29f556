/**
 * Stateful simulator of Safaricom's Daraja API for M-Pesa Express (STK push): OAuth client
 * credentials, the STK push and its query, the result callback, scripted customers and a control
 * API. Start here: {@link org.dusangire.payment.simulator.mpesa.MpesaSimulator}.
 */
package org.dusangire.payment.simulator.mpesa;
