package org.dusangire.payment.gateway.mtn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.port.RefundResult;
import org.dusangire.payment.gateway.http.JsonCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MtnRefundMapperTest {
    private static final Money REFUNDED = Money.of("500", "UGX");
    private final JsonCodec codec = JsonCodec.create();

    private RefundResult map(String json) {
        return MtnRefundMapper.map(codec.readTree(json.getBytes(StandardCharsets.UTF_8)).orElseThrow(),
                "refund-1", REFUNDED, json);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"status\":\"SUCCESSFUL\",\"amount\":\"500\",\"currency\":\"UGX\",\"financialTransactionId\":\"77\"} | COMPLETED | 77",
        "{\"status\":\"SUCCESSFUL\",\"amount\":500,\"currency\":\"UGX\"} | COMPLETED | refund-1",
        "{\"status\":\"successful\"} | COMPLETED | refund-1",
        "{\"status\":\"PENDING\",\"amount\":\"500\",\"currency\":\"UGX\"} | PENDING | refund-1",
        "{\"status\":\"FAILED\",\"reason\":\"NOT_ENOUGH_FUNDS\"} | FAILED | refund-1",
        "{\"status\":\"FAILED\",\"reason\":{\"code\":\"PAYEE_NOT_FOUND\",\"message\":\"x\"}} | FAILED | refund-1",
        "{\"status\":\"REJECTED\"} | FAILED | refund-1",
        "{\"status\":\"TIMEOUT\"} | FAILED | refund-1",
        "{\"status\":\"FAILED\",\"reason\":\"ONGOING\"} | PENDING | refund-1",
        "{\"status\":\"FAILED\",\"reason\":{\"code\":\"PAYEE_DELAYED\"}} | PENDING | refund-1"})
    void statusesMapToWhereTheRefundStands(String body, RefundResult.Status expected, String id) {
        RefundResult r = map(body);

        assertThat(r.status()).isEqualTo(expected);
        assertThat(r.providerRefundId()).isEqualTo(id);
        assertThat(r.rawResponse()).isEqualTo(body);
    }

    @Test
    void aSuccessForAnotherAmountIsNotTakenAsOurs() {
        RefundResult r = map("{\"status\":\"SUCCESSFUL\",\"amount\":\"1500\",\"currency\":\"UGX\"}");

        assertThat(r.status()).isEqualTo(RefundResult.Status.UNKNOWN);
        assertThat(r.providerRefundId()).isNull();
    }

    @Test
    void unknownOrMissingStatusIsUnknownNeverFinal() {
        assertThat(map("{\"status\":\"ONGOING\"}").status()).isEqualTo(RefundResult.Status.UNKNOWN);
        assertThat(map("{\"amount\":\"500\"}").status()).isEqualTo(RefundResult.Status.UNKNOWN);
        assertThat(map("{\"status\":[\"SUCCESSFUL\"]}").status()).isEqualTo(RefundResult.Status.UNKNOWN);
    }
}
