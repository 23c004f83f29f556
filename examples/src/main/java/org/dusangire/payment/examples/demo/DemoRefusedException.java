package org.dusangire.payment.examples.demo;

/**
 * The demo will not start in this environment (production, or an unusable cashier token). The
 * message says why and what to do; {@link DemoApp} prints it and exits with status 2.
 */
final class DemoRefusedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    DemoRefusedException(String message) {
        super(message);
    }
}
