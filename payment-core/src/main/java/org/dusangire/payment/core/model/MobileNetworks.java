package org.dusangire.payment.core.model;

/**
 * Names of mobile networks as {@link Msisdn#network()} and {@link NumberingPlan} spell them:
 * upper case, words joined by {@code _}. The set is open: a host's own plan may name any network
 * ({@link NumberingPlans#register(NumberingPlan)}); these are the ones the shipped gateways and
 * plans refer to.
 */
public final class MobileNetworks {
    /** MTN Group's operators (MoMo); also MTN's sandbox numbers. */
    public static final String MTN = "MTN";
    /** Airtel Africa's operators (Airtel Money). */
    public static final String AIRTEL = "AIRTEL";
    /** Safaricom (M-Pesa) in Kenya and Ethiopia. */
    public static final String SAFARICOM = "SAFARICOM";
    /** Vodacom (M-Pesa) in Tanzania, DR Congo and South Africa. */
    public static final String VODACOM = "VODACOM";
    /** Orange (Orange Money). */
    public static final String ORANGE = "ORANGE";
    /** Moov Africa (Moov Money). */
    public static final String MOOV = "MOOV";
    /** Telecel Ghana, formerly Vodafone Ghana. */
    public static final String TELECEL = "TELECEL";
    /** AT Ghana, formerly AirtelTigo. */
    public static final String AT = "AT";
    /** Yas Tanzania and Madagascar, formerly Tigo and Telma. */
    public static final String YAS = "YAS";

    private MobileNetworks() {
    }
}
