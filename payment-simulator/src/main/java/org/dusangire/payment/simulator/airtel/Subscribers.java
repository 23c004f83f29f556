package org.dusangire.payment.simulator.airtel;

/**
 * Airtel's MSISDN rule: the national number without country code, {@code +} or leading 0
 * ("Do not send country code in msisdn"), of the country's length.
 */
final class Subscribers {

    private Subscribers() {
    }

    /** The ESB code and message refusing the number, or {@code null} when it is acceptable. */
    static String[] problem(String msisdn, AirtelSettings settings) {
        if (msisdn == null || msisdn.isEmpty() || !msisdn.chars().allMatch(Character::isDigit)) {
            return new String[] {AirtelCodes.ESB_MSISDN_FORMAT,
                    "Invalid MSISDN: digits only, without + or country code"};
        }
        if (msisdn.startsWith("0")) {
            return new String[] {AirtelCodes.ESB_MSISDN_FORMAT,
                    "Invalid MSISDN: send the number without the leading 0"};
        }
        if (msisdn.length() == settings.callingCode().length() + settings.nationalLength()
                && msisdn.startsWith(settings.callingCode())) {
            return new String[] {AirtelCodes.ESB_MSISDN_FORMAT,
                    "Invalid MSISDN: do not send the country code in msisdn"};
        }
        if (msisdn.length() != settings.nationalLength()) {
            return new String[] {AirtelCodes.ESB_MSISDN_LENGTH, "Invalid MSISDN length: expected "
                    + settings.nationalLength() + " digits"};
        }
        return null;
    }
}
