package org.dusangire.payment.simulator.flutterwave;

import java.util.Locale;

/**
 * The HTML of the hosted checkout page: small, accessible (landmarks, labels, fieldsets, real
 * buttons) and with stable element ids for browser tests: {@code #pay-card},
 * {@code #pay-bank-transfer}, {@code #fail}, {@code #cancel}, {@code #amount}, {@code #merchant}.
 */
final class CheckoutPage {

    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:34rem;"
            + "margin:2rem auto;padding:0 1rem;line-height:1.5}fieldset{margin:1rem 0;"
            + "border:1px solid #888;border-radius:.4rem}button{font-size:1rem;padding:.5rem 1rem;"
            + "margin:.3rem 0}button:focus,input:focus{outline:3px solid #1a5fb4}";

    private CheckoutPage() {
    }

    static String page(FlwCheckout c, String formAction) {
        String title = c.title() == null ? "Merchant" : c.title();
        String amount = c.currency() + " " + c.amount().toPlainString();
        StringBuilder html = head("Pay " + title)
                .append("<main>\n<h1 id=\"merchant\">").append(esc(title)).append("</h1>\n");
        if (c.description() != null) {
            html.append("<p id=\"description\">").append(esc(c.description())).append("</p>\n");
        }
        html.append("<p>Amount due: <strong id=\"amount\">").append(esc(amount))
                .append("</strong></p>\n<p>Reference: <span id=\"tx-ref\">").append(esc(c.txRef()))
                .append("</span></p>\n<form id=\"checkout\" method=\"post\" action=\"")
                .append(esc(formAction)).append("\">\n");
        if (offers(c, "card")) {
            html.append("<fieldset><legend>Pay by card</legend>\n")
                    .append("<label for=\"card-number\">Card number</label>\n")
                    .append("<input id=\"card-number\" name=\"card_number\" inputmode=\"numeric\" ")
                    .append("autocomplete=\"cc-number\" value=\"4187427415564246\">\n")
                    .append("<button id=\"pay-card\" type=\"submit\" name=\"action\" value=\"card\">")
                    .append("Pay ").append(esc(amount)).append(" by card</button>\n</fieldset>\n");
        }
        if (offers(c, "banktransfer")) {
            html.append("<fieldset><legend>Pay by bank transfer</legend>\n")
                    .append("<p>Transfer ").append(esc(amount))
                    .append(" to account 0690000000 at Sim Bank.</p>\n")
                    .append("<button id=\"pay-bank-transfer\" type=\"submit\" name=\"action\" ")
                    .append("value=\"bank_transfer\">I have sent the transfer</button>\n</fieldset>\n");
        }
        html.append("<fieldset><legend>Other outcomes</legend>\n")
                .append("<button id=\"fail\" type=\"submit\" name=\"action\" value=\"fail\">")
                .append("Simulate a declined payment</button>\n")
                .append("<button id=\"cancel\" type=\"submit\" name=\"action\" value=\"cancel\">")
                .append("Cancel and return to the merchant</button>\n</fieldset>\n</form>\n</main>\n");
        return html.append("</body>\n</html>\n").toString();
    }

    static String message(String heading, String text) {
        return head(heading).append("<main>\n<h1 id=\"message\">").append(esc(heading))
                .append("</h1>\n<p>").append(esc(text)).append("</p>\n</main>\n</body>\n</html>\n")
                .toString();
    }

    /** Whether the link's payment_options allow a method; no options means all of ours. */
    static boolean offers(FlwCheckout c, String option) {
        if (c.paymentOptions() == null || c.paymentOptions().isBlank()) {
            return true;
        }
        for (String o : c.paymentOptions().split(",")) {
            if (o.trim().toLowerCase(Locale.ROOT).equals(option)) {
                return true;
            }
        }
        return false;
    }

    private static StringBuilder head(String title) {
        return new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append(" - Flutterwave checkout (simulator)</title>\n")
                .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
