/**
 * Spring Boot auto-configuration of Dusangire Payments: the {@code PaymentService} built from the
 * library's variables in Spring's environment (checked as a whole at start-up), the gateways on
 * the classpath, the Jdbi store on the application's {@code DataSource}, the webhook servlet,
 * scheduled reconciliation, {@code PaymentEventListener} beans as listeners, and an Actuator
 * health indicator. Every bean steps back when the application declares its own.
 */
package org.dusangire.payment.spring.boot;
