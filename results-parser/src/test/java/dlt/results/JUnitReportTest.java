package dlt.results;

import static org.assertj.core.api.Assertions.assertThat;

import dlt.core.run.RunStatus;
import dlt.core.threshold.ThresholdResult;
import dlt.core.threshold.ThresholdVerdict;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitReportTest {

    private static Document parse(byte[] xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    @Test
    void write_thresholds_oneCasePerThresholdAndFailuresCounted() throws Exception {
        ThresholdVerdict verdict = ThresholdVerdict.of(List.of(
                new ThresholdResult("response_time", "p(95)<300ms", 412.5, false),
                new ThresholdResult("error_rate", "<1%", 0.002, true),
                new ThresholdResult("response_time{label:<login & \"co\">}", "p(99)<1s", Double.NaN, false)));

        Document xml = parse(JUnitReport.write("Checkout <shop>", "shop", "run1", RunStatus.COMPLETE, null, false,
                60, verdict));

        Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("Checkout <shop>");
        assertThat(suite.getAttribute("tests")).isEqualTo("4");
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        NodeList cases = xml.getElementsByTagName("testcase");
        assertThat(((Element) cases.item(0)).getAttribute("name")).isEqualTo(JUnitReport.RUN_COMPLETED);
        assertThat(((Element) cases.item(0)).getElementsByTagName("failure").getLength()).isZero();
        Element p95 = (Element) cases.item(1);
        assertThat(p95.getAttribute("name")).isEqualTo("response_time: p(95)<300ms");
        assertThat(((Element) p95.getElementsByTagName("failure").item(0)).getAttribute("message"))
                .isEqualTo("actual 412.5 ms");
        assertThat(((Element) cases.item(3)).getAttribute("name")).startsWith("response_time{label:<login & \"co\">}");
        assertThat(xml.getElementsByTagName("failure").getLength()).isEqualTo(2);
    }

    @Test
    void write_failedRunWithoutThresholds_runCompletedFails() throws Exception {
        Document xml = parse(JUnitReport.write("t", "shop", "run1", RunStatus.FAILED, "no worker sent results\u0001",
                true, 0, null));

        Element suite = (Element) xml.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("tests")).isEqualTo("1");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        Element failure = (Element) xml.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).contains("failed", "no worker sent results");
    }

    @Test
    void write_completeRunWithoutThresholds_passes() throws Exception {
        Document xml = parse(JUnitReport.write("t", "shop", "run1", RunStatus.COMPLETE, null, false, 10, null));

        assertThat(xml.getElementsByTagName("testcase").getLength()).isEqualTo(1);
        assertThat(xml.getElementsByTagName("failure").getLength()).isZero();
    }
}
