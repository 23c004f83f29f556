/**
 * A JUnit 5 extension, {@link org.dusangire.payment.simulator.junit.PaymentSimulators}, that starts
 * the provider simulators for a host's test class and injects them and their
 * {@link org.dusangire.payment.simulator.SimulatorEnvironment}. JUnit Jupiter's API is an optional
 * dependency of this module: a host that uses this package has it already.
 */
package org.dusangire.payment.simulator.junit;
