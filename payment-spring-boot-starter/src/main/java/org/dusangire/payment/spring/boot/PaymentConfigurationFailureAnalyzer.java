package org.dusangire.payment.spring.boot;

import java.util.stream.Collectors;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a refused payment configuration into Spring Boot's start-up report: every problem on a
 * line of its own with the variable to fix, instead of a stack trace.
 */
final class PaymentConfigurationFailureAnalyzer
        extends AbstractFailureAnalyzer<PaymentConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PaymentConfigurationException cause) {
        String problems = cause.problems().stream().map(p -> "    - " + p)
                .collect(Collectors.joining("\n"));
        String description = "The payment settings were refused ("
                + cause.problems().size() + (cause.problems().size() == 1 ? " problem" : " problems")
                + "):\n" + problems;
        String action = "Set or correct each variable named above, as an environment variable "
                + "(MTN_MOMO_API_KEY) or as a Spring property (mtn-momo.api-key, "
                + "payment.environment); see the payment-spring-boot-starter README.";
        return new FailureAnalysis(description, action, cause);
    }
}
