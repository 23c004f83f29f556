package org.dusangire.payment.simulator.flutterwave;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.dusangire.payment.simulator.Json;
import org.dusangire.payment.simulator.SimRequest;
import org.dusangire.payment.simulator.SimResponse;

/** Verification by id and by {@code tx_ref}, refunds, refund look-ups and the refund listing. */
final class TransactionHandler {

    static final String NOT_FOUND = "No transaction was found for this id";

    private final FlwSettings settings;
    private final Json json;
    private final FlwBodies bodies;
    private final FlwLedger ledger;

    TransactionHandler(FlwSettings settings, Json json, FlwBodies bodies, FlwLedger ledger) {
        this.settings = settings;
        this.json = json;
        this.bodies = bodies;
        this.ledger = ledger;
    }

    SimResponse verify(String id) {
        return transaction(id).map(t -> fetched(t)).orElseGet(this::notFound);
    }

    SimResponse verifyByReference(SimRequest request) {
        String raw = request.queryParam("tx_ref");
        if (raw == null || raw.isBlank()) {
            return bodies.error(400, "tx_ref is required");
        }
        String txRef = URLDecoder.decode(raw, StandardCharsets.UTF_8);
        return ledger.byReference(txRef).map(this::fetched).orElseGet(this::notFound);
    }

    SimResponse refund(String id, SimRequest request) {
        Optional<FlwTransaction> found = transaction(id);
        if (found.isEmpty()) {
            return notFound();
        }
        FlwTransaction t = found.get();
        if (!"successful".equals(t.status())) {
            return bodies.error(400, "Only successful transactions can be refunded");
        }
        JsonNode body = request.body().length == 0 ? json.object() : json.parseOrNull(request.body());
        if (body == null || !body.isObject()) {
            return bodies.error(400, "Invalid request body: expected a JSON object");
        }
        BigDecimal amount = null;
        if (body.hasNonNull("amount")) {
            amount = FlwAmounts.read(body.get("amount"));
            if (amount == null) {
                return bodies.error(400, "amount must be a number greater than 0");
            }
        }
        String comments = body.hasNonNull("comments") ? body.get("comments").asText() : null;
        return ledger.refund(t, amount, comments, settings.clock().instant())
                .map(r -> bodies.success("Transaction refund initiated",
                        bodies.refund(r, FlwBodies.accountId())))
                .orElseGet(() -> bodies.error(400,
                        "Refund amount cannot be greater than the amount left to refund ("
                                + t.chargedAmount().subtract(t.refunded()).toPlainString() + ")"));
    }

    /** {@code GET /v3/transactions/{id}/refund}: the latest refund of a transaction. */
    SimResponse refundOfTransaction(String id) {
        Optional<FlwTransaction> t = transaction(id);
        List<FlwRefund> list = t.map(x -> ledger.refundsOf(x.id())).orElse(List.of());
        if (list.isEmpty()) {
            return bodies.error(404, "No refund was found for this transaction");
        }
        return bodies.success("Refund fetched", bodies.refund(list.get(list.size() - 1),
                FlwBodies.accountId()));
    }

    /** {@code GET /v3/refunds/{id}}. */
    SimResponse refundById(String id) {
        return parse(id).flatMap(ledger::refund)
                .map(r -> bodies.success("Refund fetched", bodies.refund(r, FlwBodies.accountId())))
                .orElseGet(() -> bodies.error(404, "No refund was found for this id"));
    }

    /**
     * {@code GET /v3/refunds}: every refund, oldest first, narrowed by the filters the v3 API
     * reference lists ({@code id} = the transaction id, {@code status}, {@code currency},
     * {@code from} and {@code to} as {@code YYYY-MM-DD} on the creation date) and paged with
     * {@code page} (from 1).
     */
    SimResponse listRefunds(SimRequest request) {
        Predicate<FlwRefund> filter = r -> true;
        String id = request.queryParam("id");
        if (id != null) {
            Optional<Long> tx = parse(id);
            filter = filter.and(r -> tx.isPresent() && r.transactionId() == tx.get());
        }
        String status = request.queryParam("status");
        if (status != null) {
            filter = filter.and(r -> r.status().equalsIgnoreCase(status));
        }
        String currency = request.queryParam("currency");
        if (currency != null) {
            filter = filter.and(r -> ledger.transaction(r.transactionId())
                    .map(t -> t.currency().equalsIgnoreCase(currency)).orElse(false));
        }
        LocalDate from;
        LocalDate to;
        int page;
        try {
            from = date(request.queryParam("from"));
            to = date(request.queryParam("to"));
            page = request.queryParam("page") == null ? 1 : Integer.parseInt(request.queryParam("page"));
        } catch (DateTimeParseException | NumberFormatException e) {
            return bodies.error(400, "from and to must be YYYY-MM-DD and page a number");
        }
        if (from != null) {
            filter = filter.and(r -> !day(r).isBefore(from));
        }
        if (to != null) {
            filter = filter.and(r -> !day(r).isAfter(to));
        }
        List<FlwRefund> all = ledger.refunds().stream().filter(filter).toList();
        int size = settings.refundPageSize();
        int pages = Math.max(1, (all.size() + size - 1) / size);
        int first = Math.max(0, (page - 1) * size);
        List<FlwRefund> slice = page < 1 || first >= all.size() ? List.of()
                : all.subList(first, Math.min(all.size(), first + size));
        return bodies.page("Refunds fetched", slice.stream().map(bodies::listedRefund).toList(),
                page, pages, all.size(), size);
    }

    private static LocalDate date(String text) {
        return text == null || text.isBlank() ? null : LocalDate.parse(text.trim());
    }

    private static LocalDate day(FlwRefund r) {
        return LocalDate.ofInstant(r.createdAt(), ZoneOffset.UTC);
    }

    private SimResponse fetched(FlwTransaction t) {
        return bodies.success("Transaction fetched successfully", bodies.transaction(t));
    }

    private SimResponse notFound() {
        return bodies.error(settings.notFoundStatus(), NOT_FOUND);
    }

    private Optional<FlwTransaction> transaction(String id) {
        return parse(id).flatMap(ledger::transaction);
    }

    private static Optional<Long> parse(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
