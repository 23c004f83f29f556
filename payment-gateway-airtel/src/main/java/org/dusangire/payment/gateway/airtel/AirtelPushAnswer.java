package org.dusangire.payment.gateway.airtel;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.dusangire.payment.gateway.http.ApiResponse;
import org.dusangire.payment.gateway.http.JsonNodes;

/**
 * Judges Airtel's HTTP 2xx answer to a push by its whole {@code status} block: the DP
 * {@code response_code}, the ESB/ROUTER {@code result_code}, {@code status.code} (a string or a
 * number) and {@code status.success} (a boolean or its text). One code that reads "in process"
 * is not enough: the push is accepted only when no part of the envelope says otherwise, refused
 * only when the envelope says so unanimously and at least one part is a definite refusal (a
 * known refusal code or a 4xx {@code status.code}), and anything else, contradictory, ambiguous
 * or unrecognised, leaves the outcome unknown for the enquiry to settle (provider reference §B.3.2,
 * §B.4.1; leniency: an unknown answer to a push never becomes FAILED).
 */
final class AirtelPushAnswer {
    /** How the push stands. */
    enum Verdict { ACCEPTED, REFUSED, UNKNOWN }

    /** Result codes that refuse the request itself (provider reference §B.4.1, other families). */
    private static final Set<String> REFUSING_RESULTS = Set.of(AirtelCodes.ESB_FAILED,
            "ESB000033", "ESB000034", "ESB000035", "ESB000036", "ESB000039", "ROUTER001",
            "ROUTER003", "ROUTER005", "ROUTER006", "ROUTER007", "ROUTER112", "ROUTER114",
            "ROUTER115", "ROUTER116", "ROUTER119");

    /** DP codes that do not say what became of a push (not-found, key fetching). */
    private static final Set<String> NOT_ABOUT_A_PUSH = Set.of(AirtelCodes.NOT_FOUND,
            "DP00800001027");

    private enum Signal { ACCEPTS, REFUSES, DEFINITE_REFUSAL, AMBIGUOUS, UNRECOGNISED, NONE }

    private final Verdict verdict;
    private final String code;
    private final List<String> unrecognised;
    private final boolean ambiguous;

    private AirtelPushAnswer(Verdict verdict, String code, List<String> unrecognised, boolean ambiguous) {
        this.verdict = verdict;
        this.code = code;
        this.unrecognised = List.copyOf(unrecognised);
        this.ambiguous = ambiguous;
    }

    static AirtelPushAnswer judge(ApiResponse r) {
        JsonNode status = JsonNodes.object(r.json().orElse(null), "status");
        String response = JsonNodes.text(status, "response_code");
        String result = JsonNodes.text(status, "result_code");
        String statusCode = JsonNodes.text(status, "code");
        String success = JsonNodes.text(status, "success");
        List<String> unrecognised = new ArrayList<>();
        List<Signal> signals = List.of(
                responseSignal(response, unrecognised),
                resultSignal(result, unrecognised),
                statusCodeSignal(statusCode, unrecognised),
                successSignal(success, unrecognised));
        boolean ambiguous = signals.contains(Signal.AMBIGUOUS);
        boolean accepts = signals.contains(Signal.ACCEPTS);
        boolean refuses = signals.contains(Signal.REFUSES) || signals.contains(Signal.DEFINITE_REFUSAL);
        String failing = firstNonNull(refusing(response, result), firstOrNull(unrecognised),
                statusCode);
        if (ambiguous) {
            return new AirtelPushAnswer(Verdict.UNKNOWN, firstNonNull(response, result), unrecognised, true);
        }
        boolean acceptingCode = signals.get(0) == Signal.ACCEPTS || signals.get(1) == Signal.ACCEPTS;
        if (acceptingCode && !refuses && unrecognised.isEmpty()) {
            return new AirtelPushAnswer(Verdict.ACCEPTED, firstNonNull(response, result), unrecognised, false);
        }
        if (!accepts && signals.contains(Signal.DEFINITE_REFUSAL)) {
            return new AirtelPushAnswer(Verdict.REFUSED, failing, unrecognised, false);
        }
        return new AirtelPushAnswer(Verdict.UNKNOWN, firstNonNull(failing, response, result),
                unrecognised, false);
    }

    Verdict verdict() {
        return verdict;
    }

    /** The code that decided: the refusal code, or the first code when the outcome is unknown. */
    String code() {
        return code;
    }

    /** Codes (and values) of the envelope the gateway does not know, verbatim. */
    List<String> unrecognised() {
        return unrecognised;
    }

    /** Whether a documented "ambiguous, enquire" code was among them. */
    boolean ambiguous() {
        return ambiguous;
    }

    private static Signal responseSignal(String code, List<String> unrecognised) {
        if (code == null) {
            return Signal.NONE;
        }
        if (AirtelCodes.IN_PROCESS.equals(code) || AirtelCodes.SUCCESS.equals(code)) {
            return Signal.ACCEPTS;
        }
        if (AirtelCodes.AMBIGUOUS.contains(code)) {
            return Signal.AMBIGUOUS;
        }
        if (AirtelCodes.MEANINGS.containsKey(code) && !NOT_ABOUT_A_PUSH.contains(code)) {
            return Signal.DEFINITE_REFUSAL;
        }
        unrecognised.add("response_code " + code);
        return Signal.UNRECOGNISED;
    }

    private static Signal resultSignal(String code, List<String> unrecognised) {
        if (code == null) {
            return Signal.NONE;
        }
        if (AirtelCodes.ESB_SUCCESS.equals(code)) {
            return Signal.ACCEPTS;
        }
        if (AirtelCodes.AMBIGUOUS.contains(code)) {
            return Signal.AMBIGUOUS;
        }
        if (REFUSING_RESULTS.contains(code)) {
            return Signal.DEFINITE_REFUSAL;
        }
        unrecognised.add("result_code " + code);
        return Signal.UNRECOGNISED;
    }

    private static Signal statusCodeSignal(String code, List<String> unrecognised) {
        if (code == null) {
            return Signal.NONE;
        }
        int http;
        try {
            http = (int) Double.parseDouble(code);
        } catch (NumberFormatException e) {
            unrecognised.add("status.code " + code);
            return Signal.UNRECOGNISED;
        }
        if (http >= 200 && http < 300) {
            return Signal.NONE; // the call was processed; says nothing about the push itself
        }
        if (http == 408 || http == 429 || http >= 500) {
            return Signal.AMBIGUOUS;
        }
        if (http >= 400) {
            return Signal.DEFINITE_REFUSAL;
        }
        unrecognised.add("status.code " + code);
        return Signal.UNRECOGNISED;
    }

    /** {@code success} alone is never trusted (§B.9): it can confirm or contradict, not decide. */
    private static Signal successSignal(String success, List<String> unrecognised) {
        if (success == null) {
            return Signal.NONE;
        }
        return switch (success.toLowerCase(Locale.ROOT)) {
            case "true" -> Signal.NONE;
            case "false" -> Signal.REFUSES;
            default -> {
                unrecognised.add("success " + success);
                yield Signal.UNRECOGNISED;
            }
        };
    }

    private static String refusing(String response, String result) {
        if (response != null && AirtelCodes.MEANINGS.containsKey(response)
                && !AirtelCodes.IN_PROCESS.equals(response) && !AirtelCodes.SUCCESS.equals(response)
                && !NOT_ABOUT_A_PUSH.contains(response)) {
            return response;
        }
        return result != null && REFUSING_RESULTS.contains(result) ? result : null;
    }

    private static String firstOrNull(List<String> values) {
        return values.isEmpty() ? null : values.get(0).substring(values.get(0).indexOf(' ') + 1);
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
