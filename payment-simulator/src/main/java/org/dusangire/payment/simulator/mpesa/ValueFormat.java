package org.dusangire.payment.simulator.mpesa;

/**
 * How a numeric value goes on the wire. Daraja's documents and live answers disagree on several
 * fields ({@code expires_in}, {@code ResultCode}, the callback's {@code Amount}): the simulator
 * can send each either way, so a client is tested against both.
 */
public enum ValueFormat {
    /** A JSON number: {@code "ResultCode": 0}. */
    NUMBER,
    /** A JSON string: {@code "ResultCode": "0"}. */
    STRING
}
