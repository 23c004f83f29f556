package org.dusangire.payment.core.error;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A missing, malformed or unsafe configuration value. The message names the variable to fix.
 * When a whole configuration was checked at once, it lists every problem found, each with its
 * variable ({@link #problems()}), so an operator fixes them all in one round.
 */
public class PaymentConfigurationException extends PaymentException {
    private final String variable;
    private final List<Problem> problems;

    /** One thing wrong with the configuration: the variable at fault and what is wrong. */
    public record Problem(String variable, String message) {
        public Problem {
            Objects.requireNonNull(message, "message must not be null");
        }

        @Override
        public String toString() {
            return variable == null ? message : variable + ": " + message;
        }
    }

    public PaymentConfigurationException(String variable, String message) {
        super(variable == null ? message : variable + ": " + message);
        this.variable = variable;
        this.problems = List.of(new Problem(variable, message));
    }

    public PaymentConfigurationException(String variable, String message, String gatewayName,
            String providerCode, Integer httpStatus) {
        super(variable == null ? message : variable + ": " + message, gatewayName, providerCode,
                null, httpStatus, null);
        this.variable = variable;
        this.problems = List.of(new Problem(variable, message));
    }

    /**
     * Every problem of a configuration checked as a whole; with one problem the message is that
     * problem's, as from {@link #PaymentConfigurationException(String, String)}.
     *
     * @throws IllegalArgumentException when {@code problems} is empty
     */
    public PaymentConfigurationException(List<Problem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
        this.variable = this.problems.get(0).variable();
    }

    private static String message(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems must not be empty");
        }
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        return "configuration refused, " + problems.size() + " problems:" + problems.stream()
                .map(p -> "\n  - " + p).collect(Collectors.joining());
    }

    /** The configuration variable at fault (the first one when there are several). */
    public String variable() {
        return variable;
    }

    /** Every problem found, in the order found; at least one. */
    public List<Problem> problems() {
        return problems;
    }
}
