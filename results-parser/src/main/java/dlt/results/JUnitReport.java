package dlt.results;

import dlt.core.run.RunStatus;
import dlt.core.threshold.ThresholdResult;
import dlt.core.threshold.ThresholdVerdict;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * junit.xml for CI: one suite per run with a test case {@value #RUN_COMPLETED}, which fails when the
 * run did not complete or some tasks sent no (or only part of their) results, and one test case per
 * threshold, failing when the threshold is broken. Failed requests alone fail nothing: they are
 * results, as in {@code dlt run}; set an {@code error_rate} threshold to fail on them.
 */
final class JUnitReport {
    static final String RUN_COMPLETED = "run completed";

    private JUnitReport() {
    }

    static byte[] write(RunReport report) {
        return write(report.testName(), report.testId(), report.testRunId(), report.status(), report.errorReason(),
                report.completeness().partial(), report.summary().durationSeconds(), report.summary().thresholds());
    }

    static byte[] write(String testName, String testId, String testRunId, RunStatus status, String errorReason,
                        boolean partial, double durationSeconds, ThresholdVerdict verdict) {
        List<ThresholdResult> thresholds = verdict == null ? List.of() : verdict.results();
        boolean runFailed = status != RunStatus.COMPLETE || partial;
        long failures = thresholds.stream().filter(t -> !t.passed()).count() + (runFailed ? 1 : 0);
        int tests = thresholds.size() + 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "dlt");
            xml.writeAttribute("tests", String.valueOf(tests));
            xml.writeAttribute("failures", String.valueOf(failures));
            xml.writeAttribute("errors", "0");
            xml.writeCharacters("\n  ");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", clean(testName));
            xml.writeAttribute("id", clean(testId + "/" + testRunId));
            xml.writeAttribute("tests", String.valueOf(tests));
            xml.writeAttribute("failures", String.valueOf(failures));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", "0");
            xml.writeAttribute("time", String.format(Locale.ROOT, "%.3f", durationSeconds));
            String suite = "dlt." + clean(testId);
            testCase(xml, suite, RUN_COMPLETED, runFailed
                    ? "the run ended " + status.wire() + (partial ? " with results missing" : "")
                    + (errorReason == null ? "" : ": " + errorReason) : null, "run");
            for (ThresholdResult threshold : thresholds) {
                testCase(xml, suite + ".thresholds", threshold.metric() + ": " + threshold.expression(),
                        threshold.passed() ? null : "actual " + actual(threshold), "threshold");
            }
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write junit.xml: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static void testCase(XMLStreamWriter xml, String className, String name, String failure, String type)
            throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", className);
        xml.writeAttribute("name", clean(name));
        xml.writeAttribute("time", "0");
        if (failure != null) {
            xml.writeStartElement("failure");
            xml.writeAttribute("type", type);
            xml.writeAttribute("message", clean(failure));
            xml.writeCharacters(clean(failure));
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static String actual(ThresholdResult threshold) {
        double actual = threshold.actual();
        if (Double.isNaN(actual)) {
            return "not measured (the run has no such data)";
        }
        String number = String.format(Locale.ROOT, "%.3f", actual).replaceFirst("\\.?0+$", "");
        return switch (threshold.metric().replaceFirst("\\{.*$", "").trim()) {
            case "response_time" -> number + " ms";
            case "error_rate", "checks" -> String.format(Locale.ROOT, "%.3f%%", actual * 100);
            case "rps" -> number + " requests/s";
            default -> number;
        };
    }

    /** Characters XML 1.0 cannot hold (control characters) removed; escaping is the writer's job. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000).forEach(out::appendCodePoint);
        return out.toString();
    }
}
