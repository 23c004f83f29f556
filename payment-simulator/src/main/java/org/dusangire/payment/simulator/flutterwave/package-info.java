/**
 * A stateful loopback simulator of Flutterwave's v3 "Standard" hosted checkout: payment links,
 * the hosted payment page, verification by id and by {@code tx_ref}, {@code charge.completed}
 * webhooks in either header scheme and payload shape, refunds, and a control API for every
 * outcome, including hostile customers who pay too little or in another currency.
 */
package org.dusangire.payment.simulator.flutterwave;
