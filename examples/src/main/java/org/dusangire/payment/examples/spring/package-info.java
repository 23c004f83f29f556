/** A Spring Boot application on {@code payment-spring-boot-starter}, with the provider simulators. */
package org.dusangire.payment.examples.spring;
