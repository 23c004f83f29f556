package org.dusangire.payment.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.dusangire.payment.core.error.PaymentValidationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NumberingPlansTest {
    /** Botswana: not shipped, so a host would register it. */
    private static final NumberingPlan BOTSWANA = NumberingPlan.builder("BW", "267").trunkPrefix("")
            .network("MASCOM", 8, "71", "74").network(MobileNetworks.ORANGE, 8, "72", "75").build();

    @AfterEach
    void backToTheShippedPlans() {
        NumberingPlans.reset();
    }

    @Test
    void shippedDataCoversTheMarketsOfTheGatewaysWithMtnAndAirtelWhereTheyOperate() {
        assertThat(NumberingPlans.standard()).extracting(NumberingPlan::country).containsExactlyInAnyOrder(
                "UG", "RW", "KE", "TZ", "ZM", "CD", "BI", "MW", "GH", "CM", "NG", "CI", "BJ", "CG", "SZ",
                "GN", "ZA", "LR", "GA", "TD", "NE", "MG", "SC", "SS", "ET");
        for (String mtn : List.of("UG", "RW", "ZM", "GH", "CM", "NG", "CI", "BJ", "CG", "SZ", "GN", "ZA", "LR", "SS")) {
            assertThat(NumberingPlans.of(mtn).orElseThrow().networks()).as(mtn).contains(MobileNetworks.MTN);
        }
        for (String airtel : List.of("UG", "RW", "KE", "TZ", "ZM", "MW", "NG", "CD", "CG", "GA", "TD", "NE", "MG", "SC")) {
            assertThat(NumberingPlans.of(airtel).orElseThrow().networks()).as(airtel).contains(MobileNetworks.AIRTEL);
        }
        assertThat(NumberingPlans.of("KE").orElseThrow().networks()).contains(MobileNetworks.SAFARICOM);
    }

    @Test
    void aNumberIsMobileExactlyWhenItIsOnSomeNetwork() {
        java.util.Random random = new java.util.Random(11);
        int mobile = 0;
        int checked = 0;
        for (NumberingPlan plan : NumberingPlans.standard()) {
            for (int i = 0; i < 5_000; i++) {
                StringBuilder national = new StringBuilder();
                for (int n = 6 + random.nextInt(6); n > 0; n--) {
                    national.append((char) ('0' + random.nextInt(10)));
                }
                String number = national.toString();
                boolean onANetwork = !plan.networksOf(number).isEmpty();

                assertThat(plan.isMobile(number)).as(plan.country() + " " + number).isEqualTo(onANetwork);
                mobile += onANetwork ? 1 : 0;
                checked++;
            }
        }
        assertThat(mobile).as("mobile numbers among the %d drawn", checked).isPositive();
    }

    @Test
    void everyShippedNetworkHasANumberOfItsOwn() {
        for (NumberingPlan plan : NumberingPlans.standard()) {
            for (String network : plan.networks()) {
                String national = plan.exampleNumber(network).orElseThrow(() ->
                        new AssertionError(plan.country() + " " + network + " has no range of its own"));
                Msisdn msisdn = Msisdn.parse("+" + plan.callingCode() + national);
                assertThat(msisdn.country()).as(plan.country()).contains(plan.country());
                assertThat(msisdn.network()).as(plan.country() + " " + network).contains(network);
            }
        }
    }

    @Test
    void hostRegistersACountryThatIsNotShippedAndItsNumbersParse() {
        assertThatThrownBy(() -> Msisdn.parse("71 123 456", "BW"))
                .isInstanceOf(PaymentValidationException.class)
                .hasMessageContaining("country BW is not supported");

        assertThat(NumberingPlans.register(BOTSWANA)).isEmpty();

        Msisdn national = Msisdn.parse("71 123 456", "bw");
        assertThat(national.digits()).isEqualTo("26771123456");
        assertThat(national.country()).contains("BW");
        assertThat(national.network()).contains("MASCOM");
        assertThat(Msisdn.parse("+267 72 123 456").network()).contains(MobileNetworks.ORANGE);
        assertThat(NumberingPlans.of("BW")).contains(BOTSWANA);
        assertThatThrownBy(() -> Msisdn.parse("+267 73 123 456"))
                .isInstanceOf(PaymentValidationException.class)
                .hasMessageContaining("not a mobile number");
    }

    @Test
    void hostReplacesAShippedPlanToOpenANewRange() {
        NumberingPlan shipped = NumberingPlans.of("RW").orElseThrow();
        assertThatThrownBy(() -> Msisdn.parse("0761234567", "RW")).isInstanceOf(PaymentValidationException.class);

        NumberingPlan wider = NumberingPlan.builder("RW", "250").network(MobileNetworks.MTN, 9, "76", "78", "79")
                .network(MobileNetworks.AIRTEL, 9, "72", "73").build();
        assertThat(NumberingPlans.register(wider)).contains(shipped);

        assertThat(Msisdn.parse("0761234567", "RW").network()).contains(MobileNetworks.MTN);
        assertThat(NumberingPlans.standard()).contains(shipped);
    }

    @Test
    void concurrentRegistrationsAreAllKept() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = IntStream.range(0, 26).mapToObj(i -> (char) ('A' + i))
                    .map(c -> pool.submit(() -> NumberingPlans.register(NumberingPlan.builder("Q" + c, "99" + (c % 10))
                            .network("TEST", 8, "9").build())))
                    .<Future<?>>map(f -> f).toList();
            for (Future<?> f : done) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(NumberingPlans.all()).extracting(NumberingPlan::country)
                .contains("QA", "QM", "QZ").hasSize(NumberingPlans.standard().size() + 26);
    }

    @Test
    void malformedPlansAreRefusedSayingWhatIsWrong() {
        assertThatThrownBy(() -> NumberingPlan.builder("bw", "267").network("X", 8, "7").build())
                .hasMessageContaining("country must be an upper-case ISO code");
        assertThatThrownBy(() -> NumberingPlan.builder("BW", "267").build())
                .hasMessageContaining("at least one mobile range");
        assertThatThrownBy(() -> NumberingPlan.builder("BW", "267").network("Mascom", 8, "7").build())
                .hasMessageContaining("network must be upper-case");
        assertThatThrownBy(() -> NumberingPlan.builder("BW", "267").network("MASCOM", 8, "7x").build())
                .hasMessageContaining("prefix must be 1 to 8 digits");
    }

    @Test
    void dataFileLinesThatDisagreeOrAreMalformedNameTheirLine() throws Exception {
        assertThatThrownBy(() -> read("UG\t256\t0\t9\tMTN\t77\nUG\t257\t0\t9\tAIRTEL\t70\n"))
                .hasMessageContaining("line 2").hasMessageContaining("another calling code");
        assertThatThrownBy(() -> read("# header\nUG\t256\t0\t9\tMTN\n"))
                .hasMessageContaining("line 2").hasMessageContaining("6 tab-separated fields");
        assertThatThrownBy(() -> read("UG\t256\t0\t9\tMTN\t79-75\n"))
                .hasMessageContaining("line 1").hasMessageContaining("must go up");
        assertThat(read("UG\t256\t0\t9\tMTN\t076-078 790\n").get(0).ranges())
                .extracting(NumberingPlan.Range::prefix).containsExactly("076", "077", "078", "790");
    }

    @Test
    void longestPrefixDecidesTheNetwork() {
        NumberingPlan ug = NumberingPlans.of("UG").orElseThrow();

        assertThat(ug.networkOf("724123456")).contains(MobileNetworks.MTN);
        assertThat(ug.networkOf("724012345")).contains("HAMILTON");
        assertThat(ug.networkOf("414123456")).isEmpty();
        assertThat(ug.isMobile("77212345")).isFalse();
    }

    @Test
    void inAPortableCountryANumberMayBeOnAnyNetworkThatOperatesThereElsewhereOnlyOnItsOwn() throws Exception {
        List<NumberingPlan> plans = read("KE\t254\t0\t9\tSAFARICOM\t71\nKE\t254\t0\t9\tAIRTEL\t73\n"
                + "KE\tPORTABLE\nUG\t256\t0\t9\tMTN\t77\nUG\t256\t0\t9\tAIRTEL\t75\n");
        assertThat(plans).extracting(NumberingPlan::country, NumberingPlan::portable)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("KE", true),
                        org.assertj.core.groups.Tuple.tuple("UG", false));
        assertThatThrownBy(() -> read("KE\tPORTABLE\n")).hasMessageContaining("KE is marked PORTABLE");

        Msisdn safaricomFirst = Msisdn.parse("+254712345678");
        Msisdn airtelUganda = Msisdn.parse("+256752604392");
        assertThat(NumberingPlans.of("KE").orElseThrow().portable()).isTrue();
        assertThat(NumberingPlans.of("UG").orElseThrow().portable()).isFalse();
        assertThat(safaricomFirst.mayBeOnNetwork(MobileNetworks.AIRTEL)).isTrue();
        assertThat(safaricomFirst.mayBeOnNetwork(MobileNetworks.MTN)).as("no MTN in Kenya").isFalse();
        assertThat(airtelUganda.mayBeOnNetwork(MobileNetworks.MTN)).isFalse();
        assertThat(airtelUganda.mayBeOnNetwork(MobileNetworks.AIRTEL)).isTrue();
    }

    private static List<NumberingPlan> read(String text) throws Exception {
        return NumberingPlanFile.read(new BufferedReader(new StringReader(text)));
    }
}
