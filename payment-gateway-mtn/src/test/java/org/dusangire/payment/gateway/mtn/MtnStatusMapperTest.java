package org.dusangire.payment.gateway.mtn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.port.ProviderStatus;
import org.dusangire.payment.gateway.http.JsonCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MtnStatusMapperTest {
    private final JsonCodec codec = JsonCodec.create();

    private MtnStatusMapper.Reading read(String json) {
        return MtnStatusMapper.read(codec.readTree(json.getBytes(StandardCharsets.UTF_8)).orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({
        "APPROVAL_REJECTED, FAILED", "PAYMENT_NOT_APPROVED, FAILED", "NOT_ENOUGH_FUNDS, FAILED",
        "PAYER_LIMIT_REACHED, FAILED", "INTERNAL_PROCESSING_ERROR, FAILED",
        "COULD_NOT_PERFORM_TRANSACTION, FAILED", "TRANSACTION_NOT_COMPLETED, FAILED",
        "SERVICE_UNAVAILABLE, FAILED", "PAYEE_NOT_FOUND, FAILED", "RESOURCE_NOT_FOUND, FAILED",
        "EXPIRED, EXPIRED", "TRANSACTION_CANCELED, CANCELLED", "TRANSACTION_CANCELED., CANCELLED",
        "ONGOING, PENDING", "PAYER_DELAYED, PENDING", "PAYEE_DELAYED, PENDING",
        "SOMETHING_NEW_FROM_MTN, FAILED"})
    void everyDocumentedReasonHasItsMeaningAndUnknownOnesStayFailedVerbatim(String reason, ProviderStatus expected) {
        MtnStatusMapper.Reading string = read("{\"status\":\"FAILED\",\"reason\":\"" + reason + "\"}");
        MtnStatusMapper.Reading object = read("{\"status\":\"FAILED\",\"reason\":{\"code\":\"" + reason
                + "\",\"message\":\"m\"}}");

        assertThat(string.status()).isEqualTo(expected);
        assertThat(object.status()).isEqualTo(expected);
        if (expected.isFinal()) {
            assertThat(string.reason()).isEqualTo(reason);
            assertThat(object.reason()).isEqualTo(reason);
        }
    }

    @Test
    void everyReasonInTheReferenceIsListed() {
        assertThat(MtnStatusMapper.FAILED_REASONS).hasSizeGreaterThanOrEqualTo(24);
    }

    @Test
    void amountMayArriveAsANumberAndUnreadableMoneyIsNull() {
        assertThat(read("{\"status\":\"SUCCESSFUL\",\"amount\":1500,\"currency\":\"UGX\"}").amount())
                .isEqualTo(Money.of("1500", "UGX"));
        assertThat(read("{\"status\":\"SUCCESSFUL\",\"amount\":\"15.5\",\"currency\":\"UGX\"}").amount()).isNull();
        assertThat(read("{\"status\":\"SUCCESSFUL\",\"amount\":\"-3\",\"currency\":\"UGX\"}").amount()).isNull();
        assertThat(read("{\"status\":\"SUCCESSFUL\",\"amount\":\"6\",\"currency\":\"EURO\"}").amount()).isNull();
    }

    @Test
    void statusIsCaseInsensitiveButOnlyTheThreeDocumentedValuesAreUnderstood() {
        assertThat(read("{\"status\":\"successful\",\"amount\":\"1\",\"currency\":\"UGX\"}").status())
                .isEqualTo(ProviderStatus.SUCCEEDED);
        assertThat(read("{\"status\":\"SUCCESS\"}").status()).isEqualTo(ProviderStatus.UNKNOWN);
        assertThat(read("{\"status\":null}").status()).isEqualTo(ProviderStatus.UNKNOWN);
        assertThat(read("{\"status\":{\"nested\":true}}").status()).isEqualTo(ProviderStatus.UNKNOWN);
    }
}
