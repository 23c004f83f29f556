package org.dusangire.payment.gateway.mpesa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dusangire.payment.core.model.Money;
import org.dusangire.payment.core.port.ProviderStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MpesaStatusMapperTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @ParameterizedTest(name = "ResultCode {0} -> {1}")
    @CsvSource({
            "0, SUCCEEDED", "1, FAILED", "1001, FAILED", "1019, EXPIRED", "1025, FAILED",
            "1032, CANCELLED", "1037, EXPIRED", "2001, FAILED", "9999, FAILED", "4999, PENDING",
            "1036, UNKNOWN", "17, UNKNOWN", "abc, UNKNOWN"})
    void everyCodeMeansTheSameAsANumberOrAString(String code, ProviderStatus expected) throws Exception {
        JsonNode asString = json("{'CheckoutRequestID':'ws_CO_1','ResultCode':'" + code + "'}");
        MpesaStatusMapper.Reading fromString = MpesaStatusMapper.query(asString);

        assertThat(fromString.status()).isEqualTo(expected);
        assertThat(fromString.checkoutRequestId()).isEqualTo("ws_CO_1");
        if (code.chars().allMatch(Character::isDigit)) {
            JsonNode asNumber = json("{'CheckoutRequestID':'ws_CO_1','ResultCode':" + code + "}");
            assertThat(MpesaStatusMapper.query(asNumber).status()).isEqualTo(expected);
        }
        if (expected.isFinal() && expected != ProviderStatus.SUCCEEDED) {
            assertThat(fromString.reason()).as("the code kept verbatim").isEqualTo(code);
        } else {
            assertThat(fromString.reason()).isNull();
        }
    }

    @Test
    void aMissingOrFractionalLookingCodeIsReadCarefully() throws Exception {
        assertThat(MpesaStatusMapper.query(json("{'ResultDesc':'x'}")).status())
                .isEqualTo(ProviderStatus.UNKNOWN);
        assertThat(MpesaStatusMapper.query(json("{'ResultCode':0.0}")).status())
                .isEqualTo(ProviderStatus.SUCCEEDED);
        assertThat(MpesaStatusMapper.query(json("{'ResultCode':0.5}")).status())
                .isEqualTo(ProviderStatus.UNKNOWN);
    }

    @Test
    void aPaidCallbackGivesTheReceiptAndAmountWhateverTheItemTypesAndOrder() throws Exception {
        JsonNode numbers = json("{'MerchantRequestID':'29115-34620561-1','CheckoutRequestID':'ws_CO_9',"
                + "'ResultCode':0,'ResultDesc':'The service request is processed successfully.',"
                + "'CallbackMetadata':{'Item':[{'Name':'Amount','Value':1.00},"
                + "{'Name':'MpesaReceiptNumber','Value':'NLJ7RT61SV'},{'Name':'Balance'},"
                + "{'Name':'TransactionDate','Value':20191219102115},"
                + "{'Name':'PhoneNumber','Value':254708374149}]}}");
        JsonNode strings = json("{'CheckoutRequestID':'ws_CO_9','ResultCode':'0',"
                + "'CallbackMetadata':{'Item':[{'Name':'PhoneNumber','Value':'254708374149'},"
                + "{'Name':'MpesaReceiptNumber','Value':'NLJ7RT61SV'},{'Name':'Amount','Value':'1'}]}}");

        for (JsonNode body : new JsonNode[] {numbers, strings}) {
            MpesaStatusMapper.Reading r = MpesaStatusMapper.callback(body);
            assertThat(r.status()).isEqualTo(ProviderStatus.SUCCEEDED);
            assertThat(r.receipt()).isEqualTo("NLJ7RT61SV");
            assertThat(r.amount()).isEqualTo(Money.of("1.00", "KES"));
            assertThat(r.checkoutRequestId()).isEqualTo("ws_CO_9");
        }
    }

    @Test
    void aFailedCallbackHasNoReceiptEvenIfMetadataWereThere() throws Exception {
        MpesaStatusMapper.Reading r = MpesaStatusMapper.callback(json("{'CheckoutRequestID':'ws_CO_9',"
                + "'ResultCode':1032,'ResultDesc':'[STK_CB - ]Request cancelled by user',"
                + "'CallbackMetadata':{'Item':[{'Name':'MpesaReceiptNumber','Value':'X'}]}}"));

        assertThat(r.status()).isEqualTo(ProviderStatus.CANCELLED);
        assertThat(r.receipt()).isNull();
        assertThat(r.amount()).isNull();
        assertThat(r.reason()).isEqualTo("1032");
    }
}
