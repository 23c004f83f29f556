/**
 * The library's one unchecked exception family, rooted at
 * {@link org.dusangire.payment.core.error.PaymentException}.
 */
package org.dusangire.payment.core.error;
