/**
 * Shared base for loopback simulators of payment-provider HTTP APIs: an abstract server on the
 * JDK {@code HttpServer}, a request journal, fault injection and an HTTP control API under
 * {@code /_sim/}. Provider simulators live in sub-packages and extend {@link
 * org.dusangire.payment.simulator.SimulatorServer}.
 */
package org.dusangire.payment.simulator;
