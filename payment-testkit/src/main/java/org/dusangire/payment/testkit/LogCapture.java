package org.dusangire.payment.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Captures what is logged while a test runs, so the test can assert that no secret, token or
 * full phone number is written to the logs.
 *
 * <p>Opened on a logger name, it turns that logger up to {@code DEBUG} (so wire logs are
 * included) and keeps its lines off the console; lines of every other logger that reach the
 * root logger are captured too. Closing it puts the levels and appenders back as they were.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.atDebug("org.dusangire.payment")) {
 *     gateway.initiate(request);
 *     assertThat(logs.text()).doesNotContain(apiKey);
 * }
 * }</pre>
 *
 * <p>It needs logback-classic as the SLF4J backend on the test class path; the testkit
 * declares that dependency optional, so add it to your own test dependencies to use this class.
 */
public final class LogCapture implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing(); // the MDC as it was on the logging thread
            super.append(event);
        }
    };
    private final Logger logger;
    private final Logger root;
    private final Level levelBefore;
    private final boolean additiveBefore;

    private LogCapture(LoggerContext context, String loggerName) {
        logger = context.getLogger(loggerName);
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        levelBefore = logger.getLevel();
        additiveBefore = logger.isAdditive();
        appender.setContext(context);
        appender.start();
        logger.addAppender(appender);
        if (logger != root) {
            root.addAppender(appender);
            logger.setAdditive(false);
        }
        logger.setLevel(Level.DEBUG);
    }

    /**
     * Starts capturing, with {@code loggerName} and the loggers below it at {@code DEBUG}.
     *
     * @throws IllegalStateException if logback is not the SLF4J backend
     */
    public static LogCapture atDebug(String loggerName) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            throw new IllegalStateException("LogCapture needs logback-classic as the SLF4J backend, found "
                    + factory.getClass().getName());
        }
        return new LogCapture(context, loggerName);
    }

    /**
     * Every line captured so far, in order: the formatted message followed by the message of
     * its exception, if any.
     */
    public List<String> lines() {
        List<ILoggingEvent> events;
        synchronized (appender) {
            events = List.copyOf(appender.list);
        }
        return events.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage())).toList();
    }

    /**
     * The lines captured so far at exactly {@code level}, formatted as in {@link #lines()}; for
     * tests of what a host sees at its usual level (INFO) and what only DEBUG shows.
     */
    public List<String> lines(org.slf4j.event.Level level) {
        List<ILoggingEvent> events;
        synchronized (appender) {
            events = List.copyOf(appender.list);
        }
        return events.stream().filter(e -> e.getLevel().toString().equals(level.name()))
                .map(e -> e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage()))
                .toList();
    }

    /**
     * The SLF4J MDC each captured line was logged with, in the order of {@link #lines()}; for
     * tests of log correlation.
     */
    public List<Map<String, String>> mdc() {
        List<ILoggingEvent> events;
        synchronized (appender) {
            events = List.copyOf(appender.list);
        }
        return events.stream().map(e -> Map.copyOf(e.getMDCPropertyMap())).toList();
    }

    /** {@link #lines()} joined by new lines. */
    public String text() {
        return String.join("\n", lines());
    }

    /** Stops capturing and restores the logger's level and additivity. */
    @Override
    public void close() {
        logger.detachAppender(appender);
        root.detachAppender(appender);
        logger.setLevel(levelBefore);
        logger.setAdditive(additiveBefore);
        appender.stop();
    }
}
