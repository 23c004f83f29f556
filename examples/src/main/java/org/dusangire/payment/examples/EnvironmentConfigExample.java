package org.dusangire.payment.examples;

import java.io.PrintStream;
import java.util.Map;
import org.dusangire.payment.core.config.PaymentConfig;
import org.dusangire.payment.core.config.StartupCheck;
import org.dusangire.payment.core.error.PaymentConfigurationException;
import org.dusangire.payment.gateway.mtn.MtnMomoConfig;

/**
 * Configuring the library from environment variables, as a deployment would: the variable names
 * are those of the hospital system, and every wrong or missing value stops start-up with a
 * message that names its variable, all of them in one go.
 */
public final class EnvironmentConfigExample {
    private EnvironmentConfigExample() {
    }

    /** Checks the process's environment; exits with 1 when the configuration is refused. */
    public static void main(String[] args) {
        int code = exitCode(System.getenv(), System.out);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The command's exit status for {@code env}: 0 when accepted, 1 when refused. */
    public static int exitCode(Map<String, String> env, PrintStream out) {
        return run(env, out) ? 0 : 1;
    }

    /** Reads the configuration from {@code env}; returns true when it is complete and valid. */
    public static boolean run(Map<String, String> env, PrintStream out) {
        try {
            // every config is checked in one pass, before anything touches the database
            StartupCheck.Result checked = StartupCheck.of(env)
                    .gateway(MtnMomoConfig.class, MtnMomoConfig::fromEnvironment).check();
            PaymentConfig config = checked.payment();
            out.println("environment: " + config.environment() + ", site: " + config.siteUrl());
            out.println("MTN callbacks go to " + config.webhookUrl("mtn-momo") + "<payment>/<token>");
            out.println("Flutterwave webhook URL to register: " + config.webhookUrl("flutterwave"));
            out.println("Airtel callback URL to register: " + config.webhookUrl("airtel-money"));
            MtnMomoConfig mtn = checked.gateway(MtnMomoConfig.class);
            out.println("MTN MoMo: " + mtn);
            return true;
        } catch (PaymentConfigurationException e) {
            e.problems().forEach(problem -> out.println("configuration refused: " + problem));
            return false;
        }
    }
}
