/** The hospital cashier demo web app: page, JSON API, simulated customers and wiring. */
package org.dusangire.payment.examples.demo;
