package org.dusangire.payment.benchmarks;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * Counts at the driver what a path asks of the store: connections taken, statements executed
 * (batches counted once), commits and rollbacks. Wraps the pool with JDK proxies, so it costs a
 * little: only on with {@code -Dbench.countStatements=true}, and no figure of BENCHMARKS.md was
 * taken with it on.
 */
final class StatementCounter {
    private static final Set<String> EXECUTES = Set.of("execute", "executeQuery", "executeUpdate",
            "executeBatch", "executeLargeUpdate", "executeLargeBatch");
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    DataSource wrap(DataSource pool) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, m, args) -> {
                    Object result = invoke(pool, m, args);
                    if (m.getName().equals("getConnection")) {
                        count("connections");
                        return connection((Connection) result);
                    }
                    return result;
                });
    }

    private Connection connection(Connection c) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, m, args) -> {
                    Object result = invoke(c, m, args);
                    switch (m.getName()) {
                        case "commit" -> count("commits");
                        case "rollback" -> count("rollbacks");
                        default -> {
                        }
                    }
                    if (result instanceof Statement s) {
                        return statement(s, m.getReturnType());
                    }
                    return result;
                });
    }

    private Object statement(Statement s, Class<?> type) {
        InvocationHandler h = (proxy, m, args) -> {
            if (EXECUTES.contains(m.getName())) {
                count("statements");
            }
            return invoke(s, m, args);
        };
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h);
    }

    private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private void count(String what) {
        counts.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    /** The counts since the last reset, each divided by {@code per}, and resets them. */
    String drain(long per) {
        Map<String, String> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, String.format(java.util.Locale.ROOT, "%.2f",
                v.sumThenReset() / (double) per)));
        return out.toString();
    }
}
