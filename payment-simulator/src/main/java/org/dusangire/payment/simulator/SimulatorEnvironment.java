package org.dusangire.payment.simulator;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The environment variables a host sets to point the library at running simulators: every
 * simulator's {@link SimulatorServer#environment()} and {@value #PAYMENT_ENVIRONMENT}{@code =sandbox}
 * (the simulators take test keys over plain HTTP, which production refuses). The names are the
 * ones the gateways' {@code fromEnvironment} read, so a host passes {@link #asMap()} where it
 * would pass {@code System.getenv()}. The stand-alone jar prints {@link #exportLines()}; the
 * JUnit extension injects this object.
 */
public final class SimulatorEnvironment {

    /** The library's variable choosing sandbox or production. */
    public static final String PAYMENT_ENVIRONMENT = "PAYMENT_ENVIRONMENT";

    /** What a POSIX shell takes unquoted; anything else is single-quoted. */
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private final Map<String, String> variables;

    private SimulatorEnvironment(Map<String, String> variables) {
        this.variables = Collections.unmodifiableMap(variables);
    }

    /**
     * The variables of the given started simulators, in their order.
     *
     * @throws IllegalStateException if a simulator is not started
     */
    public static SimulatorEnvironment of(Collection<? extends SimulatorServer> simulators) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put(PAYMENT_ENVIRONMENT, "sandbox");
        simulators.forEach(simulator -> variables.putAll(simulator.environment()));
        return new SimulatorEnvironment(variables);
    }

    /** Every variable, in a stable order; unmodifiable. */
    public Map<String, String> asMap() {
        return variables;
    }

    /** One variable's value, empty when no started simulator sets it. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    /**
     * {@code export NAME=value} lines, one per variable, quoted for a POSIX shell where needed,
     * so the output can be pasted or {@code source}d.
     */
    public String exportLines() {
        StringBuilder lines = new StringBuilder();
        variables.forEach((name, value) -> lines.append("export ").append(name).append('=')
                .append(shellQuoted(value)).append('\n'));
        return lines.toString();
    }

    static String shellQuoted(String value) {
        return SHELL_SAFE.matcher(value).matches() ? value
                : "'" + value.replace("'", "'\\''") + "'";
    }

    /** The names only: the values hold (simulated) credentials. */
    @Override
    public String toString() {
        return "SimulatorEnvironment" + variables.keySet();
    }
}
