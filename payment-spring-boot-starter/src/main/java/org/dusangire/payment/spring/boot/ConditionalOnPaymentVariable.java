package org.dusangire.payment.spring.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Matches when one of the library's variables is set, in any spelling {@link PaymentVariables}
 * reads; the same test as {@code StartupCheck.gatewayIfSet}, so a gateway is configured exactly
 * when its settings are checked.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@Conditional(OnPaymentVariableCondition.class)
@interface ConditionalOnPaymentVariable {
    /** The variable's name, e.g. {@code MTN_MOMO_API_KEY}. */
    String value();
}
