/**
 * The reliability suite: chaos against the provider simulators, a crash between the provider's
 * success and our commit, two instances on one PostgreSQL, hostile webhook input, log scrubbing
 * and configuration misuse. Each test prints one figure line on stdout for the CI log.
 */
package org.dusangire.payment.reliability;
