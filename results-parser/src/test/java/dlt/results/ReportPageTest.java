package dlt.results;

import static dlt.results.Workers.RUN_ID;
import static dlt.results.Workers.TEST_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dlt.core.port.StorageKeys;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class ReportPageTest {
    private static final String EVIL = "<script>alert(1)</script>";

    private static String report(String thresholds, List<String> labels) {
        Workers.Platform platform = new Workers.Platform(Workers.scenario(thresholds));
        Workers.put(platform.store, Workers.worker("us-east-1", "task-a", 5, true, Workers.samples(1, 900, labels, 40, 30)));
        Workers.put(platform.store, Workers.worker("us-east-1", "task-b", 5, true, Workers.samples(2, 900, labels, 60, 0)));
        Workers.put(platform.store, Workers.worker("eu-west-1", "task-c", 3, true, Workers.samples(3, 900, labels, 90, 0)));
        platform.useCase().parse(new ParseResultsInput(Workers.input(Map.of("us-east-1", 2, "eu-west-1", 1)),
                null, null, null));
        return platform.object(StorageKeys.report(TEST_ID, RUN_ID));
    }

    private static Document parse(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    private static NodeList nodes(Document document, String xpath) throws Exception {
        return (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, document, XPathConstants.NODESET);
    }

    @Test
    void render_run_parsesStrictlyWithChartsDataAndInlinedLibrary() throws Exception {
        String html = report("{\"response_time\": [\"p(95)<1ms\"]}", List.of("home", "cart"));

        Document document = parse(html);

        assertThat(nodes(document, "//script[not(@src)]").getLength()).isEqualTo(3);
        assertThat(nodes(document, "//script[@src] | //link[@href]").getLength()).isZero();
        assertThat(html).contains("var uPlot=function()").contains(".uplot");
        for (String id : List.of("rps-0", "rt-0", "err-0", "rps-1", "rt-2", "err-2", "dist")) {
            assertThat(nodes(document, "//div[@id='" + id + "']").getLength()).as(id).isEqualTo(1);
        }
        String data = nodes(document, "//script[@id='dlt-data']").item(0).getTextContent();
        JsonNode chartData = new ObjectMapper().readTree(data);
        assertThat(chartData.get("scopes")).extracting(s -> s.get("name").asText())
                .containsExactly("Total", "eu-west-1", "us-east-1");
        JsonNode total = chartData.get("scopes").get(0).get("timeline");
        assertThat(total.get("rps")).hasSize(10);
        assertThat(total.get("p99").get(0).asDouble()).isPositive();
        assertThat(chartData.get("distribution").get("series").get(0).get("ms")).hasSize(Series.DISTRIBUTION_PERCENTILES.length);
        String text = document.getDocumentElement().getTextContent();
        assertThat(text).contains("Thresholds", "p(95)<1ms", "fail", "home", "cart", "Status codes", "500",
                "Error kinds", "connect_refused", "Scenario", "hold-for", "eu-west-1");
    }

    @Test
    void render_hostileLabelAndName_escapedEverywhere() throws Exception {
        String html = report("{}", List.of(EVIL, "ok"));

        Document document = parse(html);

        assertThat(html).doesNotContain(EVIL).doesNotContain("<b>shop</b>");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("Checkout &lt;b&gt;shop&lt;/b&gt;");
        assertThat(nodes(document, "//script").getLength()).isEqualTo(3);
        assertThat(nodes(document, "//b").getLength()).isZero();
        assertThat(nodes(document, "//td[text()='" + EVIL + "']").getLength()).isEqualTo(1);
    }

    @Test
    void scriptSafe_markupInJson_cannotCloseTheElement() {
        assertThat(ReportPage.scriptSafe("{\"a\":\"</script><b>&\"}"))
                .isEqualTo("{\"a\":\"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\"}");
    }
}
