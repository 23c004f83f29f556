package org.dusangire.payment.persistence.jdbi;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** A data source that counts, at the driver's door, the calls that cost a database round trip. */
final class CountingDataSource {
    final AtomicInteger gets = new AtomicInteger();
    final AtomicInteger sets = new AtomicInteger();
    final AtomicInteger readCommittedSets = new AtomicInteger();
    final AtomicInteger statements = new AtomicInteger();
    final AtomicInteger commits = new AtomicInteger();
    /** The text of every statement prepared, in order. */
    final List<String> prepared = new CopyOnWriteArrayList<>();
    final DataSource dataSource;

    CountingDataSource(DataSource target) {
        dataSource = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    return result instanceof Connection c ? connection(c) : result;
                });
    }

    void reset() {
        gets.set(0);
        sets.set(0);
        readCommittedSets.set(0);
        statements.set(0);
        commits.set(0);
        prepared.clear();
    }

    private Connection connection(Connection target) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getTransactionIsolation" -> gets.incrementAndGet();
                        case "setTransactionIsolation" -> {
                            sets.incrementAndGet();
                            if ((Integer) args[0] == Connection.TRANSACTION_READ_COMMITTED) {
                                readCommittedSets.incrementAndGet();
                            }
                        }
                        case "prepareStatement", "createStatement", "prepareCall" -> {
                            statements.incrementAndGet();
                            if (args != null && args.length > 0 && args[0] instanceof String sql) {
                                prepared.add(sql);
                            }
                        }
                        case "commit" -> commits.incrementAndGet();
                        default -> {
                        }
                    }
                    return invoke(target, method, args);
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
