package org.dusangire.payment.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's embedding example and listener are compiled code: each README block between
 * {@code <!-- NAME:start -->} and {@code <!-- NAME:end -->} must equal the lines between
 * {@code // NAME:start} and {@code // NAME:end} in its example file (each stretch without its
 * common indentation, stretches joined by one blank line).
 */
class QuickStartReadmeTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path EXAMPLES = ROOT.resolve(
            "examples/src/main/java/org/dusangire/payment/examples");

    /** Our packages and the module that holds each, as the README's Install names them. */
    private static final Map<String, String> MODULES = new LinkedHashMap<>();

    static {
        MODULES.put("org.dusangire.payment.core.", "payment-core");
        MODULES.put("org.dusangire.payment.gateway.mtn.", "payment-gateway-mtn");
        MODULES.put("org.dusangire.payment.gateway.airtel.", "payment-gateway-airtel");
        MODULES.put("org.dusangire.payment.gateway.flutterwave.", "payment-gateway-flutterwave");
        MODULES.put("org.dusangire.payment.persistence.jdbi.", "payment-persistence-jdbi");
        MODULES.put("org.dusangire.payment.webhooks.servlet.", "payment-webhooks-servlet");
    }

    @Test
    void readmeEmbeddingBlockIsQuickStartWordForWord() throws IOException {
        assertThat(readmeBlock("quickstart"))
                .isEqualTo(regions(EXAMPLES.resolve("QuickStart.java"), "quickstart"));
    }

    @Test
    void readmeListenerIsTheQuickStartsListener() throws IOException {
        assertThat(readmeBlock("quickstart-listener"))
                .isEqualTo(regions(EXAMPLES.resolve("OrdersListener.java"), "quickstart-listener"));
    }

    @Test
    void installListsEveryModuleTheExampleImports() throws IOException {
        String readme = readme();
        String install = readme.substring(readme.indexOf("## Install"), readme.indexOf("## Embedding"));
        List<String> imports = readmeBlock("quickstart").stream()
                .filter(line -> line.startsWith("import org.dusangire."))
                .toList();
        assertThat(imports).isNotEmpty();
        for (String line : imports) {
            String type = line.substring("import ".length());
            String module = MODULES.entrySet().stream()
                    .filter(e -> type.startsWith(e.getKey()))
                    .map(Map.Entry::getValue)
                    .findFirst().orElseThrow(() -> new AssertionError("no module known for " + type));
            assertThat(install).as("Install lists the module of %s", type)
                    .contains("<artifactId>" + module + "</artifactId>");
        }
    }

    @Test
    void readmeGivesTheOneLineRunCommand() throws IOException {
        assertThat(readme())
                .contains("mvn -B -ntp -q -pl examples -am -DskipTests package exec:java@quickstart");
        assertThat(Files.readString(ROOT.resolve("examples/pom.xml")))
                .contains("<id>quickstart</id>")
                .contains("<mainClass>" + QuickStart.class.getName() + "</mainClass>");
    }

    private static String readme() throws IOException {
        return Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    }

    /** The lines of the fenced block between the README's markers for {@code name}. */
    static List<String> readmeBlock(String name) throws IOException {
        Matcher m = Pattern.compile("<!-- " + Pattern.quote(name) + ":start -->\\n```java\\n(.*?)\\n```\\n<!-- "
                + Pattern.quote(name) + ":end -->", Pattern.DOTALL).matcher(readme());
        assertThat(m.find()).as("README has a java block marked %s", name).isTrue();
        return m.group(1).lines().toList();
    }

    /** The marked stretches of a source file, each without its common indentation. */
    static List<String> regions(Path file, String name) throws IOException {
        List<String> result = new ArrayList<>();
        List<String> stretch = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.strip().equals("// " + name + ":start")) {
                stretch = new ArrayList<>();
            } else if (line.strip().equals("// " + name + ":end")) {
                if (!result.isEmpty()) {
                    result.add("");
                }
                result.addAll(dedent(stretch));
                stretch = null;
            } else if (stretch != null) {
                stretch.add(line);
            }
        }
        assertThat(result).as("%s has stretches marked %s", file.getFileName(), name).isNotEmpty();
        return result;
    }

    private static List<String> dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
    }
}
