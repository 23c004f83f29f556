/**
 * Configuration: {@link org.dusangire.payment.core.config.PaymentConfig}, the
 * {@link org.dusangire.payment.core.config.Secret} type that hides credentials, and the
 * {@link org.dusangire.payment.core.config.EnvironmentReader} every module uses to read variables.
 */
package org.dusangire.payment.core.config;
