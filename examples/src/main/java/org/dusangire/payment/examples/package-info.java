/** Runnable examples of embedding the library. */
package org.dusangire.payment.examples;
