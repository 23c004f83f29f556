package org.dusangire.payment.simulator.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts the provider simulators once for the annotated test class, on free loopback ports, and
 * stops them after its last test. Test methods, lifecycle methods and constructors receive them
 * as parameters: {@code MtnMomoSimulator}, {@code AirtelMoneySimulator},
 * {@code FlutterwaveSimulator}, {@code MpesaSimulator}, and {@code SimulatorEnvironment} (the variables the stand-alone
 * jar prints, to hand to the gateways' {@code fromEnvironment}). {@code @Nested} classes share
 * their enclosing class's simulators.
 *
 * <pre>{@code
 * @PaymentSimulators("mtn")
 * class CheckoutTest {
 *     @Test
 *     void takesAPayment(MtnMomoSimulator mtn, SimulatorEnvironment env) {
 *         MtnMomoConfig config = MtnMomoConfig.fromEnvironment(env.asMap(), SANDBOX);
 *         ...
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PaymentSimulatorsExtension.class)
public @interface PaymentSimulators {

    /** The simulators to start, by the jar's {@code --providers} names; all four by default. */
    String[] value() default {"mtn", "airtel", "flutterwave", "mpesa"};

    /**
     * Further choices in the stand-alone jar's syntax, such as
     * {@code {"--mtn-environment", "mtnuganda", "--airtel-callback-private-key", "k"}};
     * ports default to 0 (free ones) here, unless given.
     */
    String[] options() default {};
}
