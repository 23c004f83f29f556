package org.dusangire.payment.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's Spring Boot section shows this example's files as they are. */
class SpringBootReadmeTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path EXAMPLE = ROOT.resolve("examples/src/main");

    @Test
    void readmeApplicationYmlIsTheExamplesWordForWord() throws IOException {
        assertThat(readmeBlock("spring-boot-yml", "yaml")).isEqualTo(
                Files.readAllLines(EXAMPLE.resolve("resources/application.yml"), StandardCharsets.UTF_8));
    }

    @Test
    void readmeListenerIsTheExamplesWordForWord() throws IOException {
        List<String> source = Files.readAllLines(EXAMPLE.resolve(
                "java/org/dusangire/payment/examples/spring/PaidOrders.java"), StandardCharsets.UTF_8);
        List<String> region = source.subList(source.indexOf("// spring-listener:start") + 1,
                source.indexOf("// spring-listener:end"));
        assertThat(readmeBlock("spring-boot-listener", "java")).isEqualTo(region);
    }

    private static List<String> readmeBlock(String name, String language) throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<!-- " + Pattern.quote(name) + ":start -->\\n```" + language
                + "\\n(.*?)\\n```\\n<!-- " + Pattern.quote(name) + ":end -->", Pattern.DOTALL).matcher(readme);
        assertThat(m.find()).as("README has a %s block marked %s", language, name).isTrue();
        return m.group(1).lines().toList();
    }
}
