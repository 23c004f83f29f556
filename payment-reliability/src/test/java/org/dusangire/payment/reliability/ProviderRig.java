package org.dusangire.payment.reliability;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.dusangire.payment.core.port.PaymentGateway;
import org.dusangire.payment.core.service.CheckoutRequest;

/**
 * One provider as the suite drives it: its real gateway adapter talking to its simulator (or, for
 * a provider whose adapter is not written yet, the testkit's scripted gateway behind an in-process
 * fault layer), the customer's behaviour, fault injection and the provider's own records. Adding
 * a provider to every part of the suite means writing one of these.
 */
interface ProviderRig extends AutoCloseable {

    /** The gateway's name, as in routes and storage. */
    String name();

    /** True when the provider is an HTTP simulator on loopback; false for a scripted stand-in. */
    boolean simulated();

    /** The gateway to register with a service whose public site is {@code siteUrl}. */
    PaymentGateway gateway();

    /** A checkout the provider will settle as {@code fate} once it receives it. */
    CheckoutRequest checkout(String orderReference, Fate fate);

    /** Sends callbacks (webhooks) to this site, where the webhook servlet is mounted at /payments. */
    void callbacksTo(URI siteUrl);

    /** From now on about {@code rate} of the provider's calls fail, and as many callbacks are lost. */
    void faults(double rate, long seed);

    /** No more faults. */
    void calm();

    /** Faults injected so far, lost callbacks included. */
    long faultsInjected();

    /** The provider's view of a reference. */
    ProviderView view(String reference);

    /** Every provider reference the provider received for each order reference. */
    Map<String, Set<String>> referencesByOrder();

    @Override
    void close();
}
