package org.dusangire.payment.gateway.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dusangire.payment.core.model.Msisdn;

/**
 * Removes what must never reach a log or the stored {@code rawResponse}: credentials, tokens,
 * authorisation headers and full phone numbers. A gateway configures it with the names of its
 * secret and phone fields; everything else that looks like a token (Bearer/Basic values, JWTs) or
 * a full phone number (10 to 15 digits) is masked wherever it appears, in JSON or in plain text.
 * Field and header names match without regard to case.
 */
public final class Redactor {
    /** What a removed secret is replaced with. */
    public static final String REDACTED = "[REDACTED]";

    private static final int REMEMBERED_FIELDS = 256;
    private static final Pattern AUTH_SCHEME = Pattern.compile(
            "(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+");
    private static final Pattern JWT = Pattern.compile(
            "eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    /**
     * A UUID, or a full phone number. The UUID alternative comes first so that a UUID whose last
     * group happens to be twelve decimal digits (about one in 280) is kept whole, not masked.
     */
    private static final Pattern UUID_OR_PHONE = Pattern.compile(
            "(?<uuid>(?<![0-9A-Za-z-])[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}"
            + "(?![0-9A-Za-z-]))|(?<![0-9A-Za-z])\\+?[0-9]{10,15}(?![0-9A-Za-z])");

    private final Set<String> secretFields;
    private final Set<String> phoneFields;
    private final Set<String> plainFields;
    private final Set<String> secretHeaders;
    private final Pattern secretFieldInText;
    private final Map<String, FieldKind> kinds = new ConcurrentHashMap<>();

    private Redactor(Builder b) {
        this.secretFields = Set.copyOf(b.secretFields);
        this.phoneFields = Set.copyOf(b.phoneFields);
        this.plainFields = Set.copyOf(b.plainFields);
        this.secretHeaders = Set.copyOf(b.secretHeaders);
        String names = secretFields.stream().map(Pattern::quote).collect(Collectors.joining("|"));
        this.secretFieldInText = Pattern.compile("(?i)(\"(?:" + names + ")\"\\s*:\\s*)\"[^\"]*\"");
    }

    /** A builder preloaded with the usual secret fields and headers. */
    public static Builder builder() {
        return new Builder();
    }

    /** A redactor with only the usual defaults. */
    public static Redactor defaults() {
        return builder().build();
    }

    /**
     * A JSON tree as compact text with its secrets and phone numbers redacted; the tree is left
     * as it was.
     */
    public String redact(JsonNode node, JsonCodec codec) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = codec.factory().createGenerator(out)) {
            write(node, null, g);
        } catch (IOException e) {
            throw new UncheckedIOException("a JSON tree could not be written to a string", e);
        }
        return out.toString();
    }

    /** Writes a node, each scalar redacted by its field's name (in an array: the array's). */
    private void write(JsonNode node, String fieldName, JsonGenerator g) throws IOException {
        if (node.isObject()) {
            g.writeStartObject();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                g.writeFieldName(field.getKey());
                write(field.getValue(), field.getKey(), g);
            }
            g.writeEndObject();
        } else if (node.isArray()) {
            g.writeStartArray();
            for (JsonNode element : node) {
                write(element, fieldName, g);
            }
            g.writeEndArray();
        } else if (node.isNull() || node.isMissingNode()) {
            g.writeNull();
        } else {
            String redacted = redactScalar(fieldName, node.asText(), node.isTextual());
            if (redacted != null || node.isTextual()) {
                g.writeString(redacted != null ? redacted : node.textValue());
            } else if (node.isBigDecimal() || node.isDouble() || node.isFloat()) {
                g.writeNumber(node.decimalValue());
            } else if (node.isBigInteger()) {
                g.writeNumber(node.bigIntegerValue());
            } else if (node.isIntegralNumber()) {
                g.writeNumber(node.longValue());
            } else if (node.isBoolean()) {
                g.writeBoolean(node.booleanValue());
            } else {
                g.writeString(node.asText());
            }
        }
    }

    /**
     * A redacted rendering of a body: JSON-aware when it is one JSON document within the codec's
     * limits ({@link #redact(JsonNode, JsonCodec)} of its tree; a name given twice in an object
     * keeps its last value, as the tree does), pattern-based ({@link #redactText}) when it is not.
     */
    public String redactBody(byte[] body, JsonCodec codec) {
        if (body == null || body.length == 0) {
            return "";
        }
        return codec.readTree(body).map(tree -> redact(tree, codec))
                .orElseGet(() -> redactText(new String(body, StandardCharsets.UTF_8)));
    }

    /** Masks secret fields, tokens and phone numbers in free text (or JSON that did not parse). */
    public String redactText(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        // each pattern runs only on text that could hold what it finds: most values (ids,
        // statuses, amounts) hold none, and the patterns ran on every value of every answer
        String out = text;
        if (out.indexOf('"') >= 0) {
            out = secretFieldInText.matcher(out).replaceAll("$1\"" + REDACTED + "\"");
        }
        if (mentionsAuthScheme(out)) {
            out = AUTH_SCHEME.matcher(out).replaceAll("$1 " + REDACTED);
        }
        if (out.contains("eyJ")) {
            out = JWT.matcher(out).replaceAll(REDACTED);
        }
        return hasDigitRun(out, 10) ? maskPhones(out) : out;
    }

    /** True when "bearer" or "basic" appears in any case: one pass, compared only at a b. */
    private static boolean mentionsAuthScheme(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == 'b' || c == 'B') && (text.regionMatches(true, i, "bearer", 0, 6)
                    || text.regionMatches(true, i, "basic", 0, 5))) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code text} has {@code length} ASCII digits in a row: a phone number's least. */
    private static boolean hasDigitRun(String text, int length) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            run = c >= '0' && c <= '9' ? run + 1 : 0;
            if (run >= length) {
                return true;
            }
        }
        return false;
    }

    /** The value to log for a header: hidden for secret headers, pattern-redacted otherwise. */
    public String redactHeader(String name, String value) {
        return isSecretHeader(name) ? REDACTED : redactText(value);
    }

    /** True for headers whose values are credentials (Authorization, subscription keys...). */
    public boolean isSecretHeader(String name) {
        return name != null && secretHeaders.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Headers rendered for a log line with secret values hidden. */
    public String redactHeaders(Map<String, List<String>> headers) {
        return headers.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue().stream()
                        .map(v -> redactHeader(e.getKey(), v)).collect(Collectors.joining(",")))
                .collect(Collectors.joining("; ", "{", "}"));
    }

    /**
     * What a scalar of field {@code fieldName} (an array's element: its field's) becomes: a
     * secret field's value is removed, a phone field's masked, other text scrubbed unless the
     * field is plain; {@code null} keeps it as it is.
     */
    private String redactScalar(String fieldName, String text, boolean textual) {
        FieldKind kind = kindOf(fieldName);
        if (kind == FieldKind.SECRET) {
            return REDACTED;
        }
        if (kind == FieldKind.PHONE) {
            return Msisdn.mask(text.replace("+", ""));
        }
        if (textual && kind != FieldKind.PLAIN) {
            String redacted = redactText(text);
            return redacted.equals(text) ? null : redacted;
        }
        return null;
    }

    /** How a field's values are treated; the same few names come in every answer. */
    private enum FieldKind { SECRET, PHONE, PLAIN, TEXT }

    /**
     * The kind of a field by its name in any case, remembered for up to
     * {@value #REMEMBERED_FIELDS} names (a body full of made-up names only fills the memory up to
     * that bound; later names are worked out each time).
     */
    private FieldKind kindOf(String fieldName) {
        String name = fieldName == null ? "" : fieldName;
        FieldKind kind = kinds.get(name);
        if (kind == null) {
            String key = name.toLowerCase(Locale.ROOT);
            kind = secretFields.contains(key) ? FieldKind.SECRET
                    : phoneFields.contains(key) ? FieldKind.PHONE
                    : plainFields.contains(key) ? FieldKind.PLAIN : FieldKind.TEXT;
            if (kinds.size() < REMEMBERED_FIELDS) {
                kinds.put(name, kind);
            }
        }
        return kind;
    }

    private static String maskPhones(String text) {
        Matcher m = UUID_OR_PHONE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String kept = m.group("uuid") != null ? m.group() : Msisdn.mask(m.group().replace("+", ""));
            m.appendReplacement(out, Matcher.quoteReplacement(kept));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Configures a {@link Redactor}. */
    public static final class Builder {
        private final Set<String> secretFields = lowerSet("access_token", "refresh_token",
                "id_token", "token", "apikey", "api_key", "client_secret", "secret", "secret_key",
                "password", "pin", "hash", "signature");
        private final Set<String> phoneFields = lowerSet("msisdn", "partyid", "phone",
                "phone_number", "phonenumber");
        private final Set<String> plainFields = new TreeSet<>();
        private final Set<String> secretHeaders = lowerSet("authorization",
                "proxy-authorization", "cookie", "set-cookie", "ocp-apim-subscription-key",
                "x-api-key");

        private Builder() {
        }

        /** JSON fields whose values are replaced by {@link #REDACTED}. */
        public Builder secretFields(String... names) {
            addLower(secretFields, names);
            return this;
        }

        /** JSON fields holding phone numbers; their values are masked. */
        public Builder phoneFields(String... names) {
            addLower(phoneFields, names);
            return this;
        }

        /**
         * JSON fields left untouched by the phone-number pattern (long numeric ids such as a
         * provider's transaction id); secret and phone fields are still redacted.
         */
        public Builder plainFields(String... names) {
            addLower(plainFields, names);
            return this;
        }

        /** Headers whose values are hidden entirely. */
        public Builder secretHeaders(String... names) {
            addLower(secretHeaders, names);
            return this;
        }

        public Redactor build() {
            return new Redactor(this);
        }

        private static Set<String> lowerSet(String... names) {
            Set<String> set = new TreeSet<>();
            addLower(set, names);
            return set;
        }

        private static void addLower(Set<String> set, String... names) {
            for (String name : names) {
                set.add(name.toLowerCase(Locale.ROOT));
            }
        }
    }
}
