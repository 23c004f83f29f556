package org.dusangire.payment.gateway.mtn;

/** Request bodies as MTN expects them: every value a string. */
final class MtnWire {
    private MtnWire() {
    }

    record Party(String partyIdType, String partyId) {
        static Party msisdn(String digits) {
            return new Party("MSISDN", digits);
        }
    }

    record RequestToPay(String amount, String currency, String externalId, Party payer,
            String payerMessage, String payeeNote) {
    }

    record Refund(String amount, String currency, String externalId, String payerMessage,
            String payeeNote, String referenceIdToRefund) {
    }
}
