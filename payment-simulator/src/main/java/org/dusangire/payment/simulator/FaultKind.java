package org.dusangire.payment.simulator;

/**
 * The kinds of misbehaviour a simulator can inject.
 */
public enum FaultKind {
    /** Process the request, then wait before answering: a client timeout leaves the work done. */
    LATENCY,
    /** Answer 500 without processing. */
    HTTP_500,
    /** Answer 503 without processing. */
    HTTP_503,
    /** Answer 429 without processing. */
    HTTP_429,
    /** Close the connection without an answer and without processing. */
    DROP_BEFORE_PROCESSING,
    /** Process the request, then close the connection without an answer. */
    DROP_AFTER_PROCESSING,
    /** Process the request, then answer 2xx with a truncated or garbage body. */
    MALFORMED_BODY,
    /** Suppress the outbound callback the simulator would otherwise send. */
    CALLBACK_NEVER_SENT;

    /** Whether the fault acts on an outbound callback rather than on an inbound request. */
    public boolean outbound() {
        return this == CALLBACK_NEVER_SENT;
    }
}
