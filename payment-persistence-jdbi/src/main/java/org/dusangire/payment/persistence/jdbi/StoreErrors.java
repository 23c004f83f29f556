package org.dusangire.payment.persistence.jdbi;

import java.sql.SQLException;
import org.dusangire.payment.core.error.PaymentStoreUnavailableException;
import org.jdbi.v3.core.ConnectionException;

/**
 * Turns database failures into {@link PaymentStoreUnavailableException}, with a message that
 * says whether the store was unreachable, refused the write, or failed otherwise. Callers never
 * see a Jdbi or JDBC exception.
 */
final class StoreErrors {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int H2_READ_ONLY = 90097;

    private StoreErrors() {
    }

    static boolean isUniqueViolation(Throwable e) {
        SQLException sql = sqlCause(e);
        return sql != null && UNIQUE_VIOLATION.equals(sql.getSQLState());
    }

    static PaymentStoreUnavailableException unavailable(String operation, Throwable e) {
        SQLException sql = sqlCause(e);
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        String detail = sql == null ? String.valueOf(e.getMessage()) : sql.getMessage();
        String what;
        if (e instanceof ConnectionException || state.startsWith("08")) {
            what = "payment store is unreachable";
        } else if ("25006".equals(state) || (sql != null && sql.getErrorCode() == H2_READ_ONLY)) {
            what = "payment store refused the write (read-only)";
        } else if (state.startsWith("57P") || state.startsWith("53")) {
            what = "payment store is shutting down or out of resources";
        } else if (state.startsWith("40")) {
            what = "payment store aborted the transaction (serialization failure or deadlock)";
        } else {
            what = "payment store failed";
        }
        String code = state.isEmpty() ? "" : " [SQL state " + state + "]";
        return new PaymentStoreUnavailableException(what + " during " + operation + code + ": "
                + detail + "; nothing was written", e);
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
