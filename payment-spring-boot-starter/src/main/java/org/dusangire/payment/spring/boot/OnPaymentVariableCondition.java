package org.dusangire.payment.spring.boot;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The condition of {@link ConditionalOnPaymentVariable}. */
final class OnPaymentVariableCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes =
                metadata.getAnnotationAttributes(ConditionalOnPaymentVariable.class.getName());
        String variable = attributes == null ? null : (String) attributes.get("value");
        if (variable == null) {
            return ConditionOutcome.noMatch("no variable named");
        }
        return PaymentVariables.read(context.getEnvironment()).containsKey(variable)
                ? ConditionOutcome.match(variable + " is set")
                : ConditionOutcome.noMatch(variable + " is not set");
    }
}
