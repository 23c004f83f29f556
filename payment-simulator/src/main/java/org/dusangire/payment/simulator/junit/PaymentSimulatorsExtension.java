package org.dusangire.payment.simulator.junit;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dusangire.payment.simulator.SimulatorEnvironment;
import org.dusangire.payment.simulator.SimulatorMain;
import org.dusangire.payment.simulator.SimulatorServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The extension behind {@link PaymentSimulators}: starts the simulators through the same code as
 * the stand-alone jar ({@link SimulatorMain#start}), keeps them in the class's store, resolves
 * parameters from them and closes them after the class. Registered by the annotation; not meant
 * to be used on its own.
 */
public final class PaymentSimulatorsExtension
        implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PaymentSimulatorsExtension.class);
    private static final String KEY = "simulators";

    /** The running simulators and the id of the class context that started (and stops) them. */
    private record Running(String owner, List<SimulatorServer> servers,
                           SimulatorEnvironment environment) {
    }

    /** Creates the extension; JUnit does, through {@link PaymentSimulators}. */
    public PaymentSimulatorsExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        Running running = store.get(KEY, Running.class);
        // a @Nested class finds its enclosing class's simulators here and leaves them running
        if (running != null && running.owner().equals(context.getUniqueId())) {
            store.remove(KEY);
            running.servers().forEach(SimulatorServer::close);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == SimulatorEnvironment.class || SimulatorServer.class.isAssignableFrom(type);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        Running running = running(context);
        if (type == SimulatorEnvironment.class) {
            return running.environment();
        }
        return running.servers().stream().filter(type::isInstance).findFirst()
                .orElseThrow(() -> new ParameterResolutionException("No " + type.getSimpleName()
                        + " was started: add its provider to @PaymentSimulators on "
                        + context.getRequiredTestClass().getName()));
    }

    /**
     * The simulators visible from {@code context}, started first if need be (a constructor
     * parameter under {@code PER_CLASS} lifecycle is resolved before {@code beforeAll}).
     */
    private static Running running(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        Running running = store.get(KEY, Running.class);
        if (running == null) {
            List<SimulatorServer> servers = start(annotation(context.getRequiredTestClass()));
            running = new Running(context.getUniqueId(), servers, SimulatorEnvironment.of(servers));
            store.put(KEY, running);
        }
        return running;
    }

    private static List<SimulatorServer> start(PaymentSimulators config) {
        List<String> args = new ArrayList<>(List.of("--providers", String.join(",", config.value())));
        for (String name : config.value()) {
            String provider = name.trim().toLowerCase(Locale.ROOT);
            args.addAll(List.of("--" + provider + "-port", "0"));
            if (provider.equals("flutterwave")) {
                args.addAll(List.of("--flutterwave-checkout-port", "0"));
            }
        }
        args.addAll(List.of(config.options()));   // later values win, so a given port does
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true,
                StandardCharsets.UTF_8);
        try {
            return SimulatorMain.start(args.toArray(String[]::new), quiet);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("@PaymentSimulators: " + e.getMessage(), e);
        }
    }

    private static PaymentSimulators annotation(Class<?> testClass) {
        for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            PaymentSimulators found = c.getAnnotation(PaymentSimulators.class);
            if (found != null) {
                return found;
            }
        }
        throw new ExtensionConfigurationException(testClass.getName()
                + " uses PaymentSimulatorsExtension without @PaymentSimulators");
    }
}
