package org.dusangire.payment.core.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.dusangire.payment.core.error.PaymentConfigurationException.Problem;

/**
 * Collects configuration problems instead of stopping at the first, so a whole configuration is
 * checked in one pass and refused with every problem listed. Config classes run each check
 * through {@link #check(Supplier)} and end with {@link #throwIfAny()}. One problem is kept per
 * variable: a value that could not be read is not reported again as "not set".
 */
public final class ConfigProblems {
    private final List<Problem> problems = new ArrayList<>();
    private final Set<String> variables = new HashSet<>();

    /** Runs {@code step}; on a configuration error records its problems and returns null. */
    public <T> T check(Supplier<T> step) {
        try {
            return step.get();
        } catch (PaymentConfigurationException e) {
            add(e);
            return null;
        }
    }

    /** Runs {@code step}, recording the problems of a configuration error it throws. */
    public void run(Runnable step) {
        check(() -> {
            step.run();
            return null;
        });
    }

    /** Records every problem of {@code e}, skipping variables that already have one. */
    public void add(PaymentConfigurationException e) {
        e.problems().forEach(this::add);
    }

    /** Records one problem, unless its variable already has one. */
    public void add(Problem problem) {
        if (problem.variable() == null || variables.add(problem.variable())) {
            problems.add(problem);
        }
    }

    /** Whether {@code variable} already has a problem recorded. */
    public boolean has(String variable) {
        return variables.contains(variable);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** The problems recorded so far, in order. */
    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    /** @throws PaymentConfigurationException listing every problem, when there is any */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new PaymentConfigurationException(problems);
        }
    }
}
