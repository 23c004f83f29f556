/** Adding a gateway of your own: an example adapter that passes the testkit's gateway contract. */
package org.dusangire.payment.examples.customgateway;
