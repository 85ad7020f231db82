package dlt.core.scenario;

import static dlt.core.scenario.ScenarioFixtures.json;
import static dlt.core.scenario.ScenarioFixtures.minimal;
import static dlt.core.scenario.ScenarioFixtures.minimalScript;
import static dlt.core.scenario.ScenarioFixtures.violationsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dlt.core.validation.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each rule of POST /scenarios, broken one at a time on an otherwise valid scenario. */
class ScenarioRulesTest {

    private static final String ABSENT = "<absent>";
    private static final String REQUEST = "/testScenario/scenarios/Smoke/requests/0";
    private static final String REQUEST_PATH = "testScenario.scenarios.Smoke.requests[0]";

    @ParameterizedTest(name = "{0} = {1} -> {2} ({3})")
    @CsvSource(delimiter = ';', quoteCharacter = '`', textBlock = """
            /testId;                      "bad id!";           testId;                          pattern [A-Za-z0-9-]{1,128}
            /testName;                    "ab";                testName;                        length 3..255
            /testName;                    " Smoke";            testName;                        no surrounding whitespace
            /testName;                    "Smo\\u0007ke";      testName;                        no control characters
            /testName;                    <absent>;            testName;                        required
            /testName;                    42;                  testName;                        type string
            /testDescription;             "ab";                testDescription;                 length 3..60000
            /testType;                    "gatling";           testType;                        one of simple|jmeter|k6|locust
            /testType;                    <absent>;            testType;                        required
            /fileType;                    "tarball";           fileType;                        one of none|script|zip
            /fileType;                    "zip";               fileType;                        none for simple tests
            /testTaskConfigs;             [];                  testTaskConfigs;                 at least 1 item
            /testTaskConfigs;             {};                  testTaskConfigs;                 type array
            /testTaskConfigs/0/region;    "mars-1";            testTaskConfigs[0].region;       region name
            /testTaskConfigs/0/taskCount; 0;                   testTaskConfigs[0].taskCount;    integer 1..1000
            /testTaskConfigs/0/taskCount; 1001;                testTaskConfigs[0].taskCount;    integer 1..1000
            /testTaskConfigs/0/taskCount; 1.5;                 testTaskConfigs[0].taskCount;    integer 1..1000
            /testTaskConfigs/0/taskCount; "abc";               testTaskConfigs[0].taskCount;    integer 1..1000
            /testTaskConfigs/0/taskCount; "-1";                testTaskConfigs[0].taskCount;    integer 1..1000
            /testTaskConfigs/0/taskCount; -1;                  testTaskConfigs[0].taskCount;    integer 1..1000
            /testTaskConfigs/0/taskCount; 99999999999999999999; testTaskConfigs[0].taskCount;   integer 1..1000
            /testTaskConfigs/0/concurrency; 25001;             testTaskConfigs[0].concurrency;  integer 1..25000
            /testTaskConfigs/0/concurrency; true;              testTaskConfigs[0].concurrency;  integer 1..25000
            /testTaskConfigs/0/concurrency; <absent>;          testTaskConfigs[0].concurrency;  required
            /testTaskConfigs/0/vCPU;      2;                   testTaskConfigs[0].vCPU;         unknown field
            /showLive;                    "yes";               showLive;                        type boolean
            /saveOnly;                    1;                   saveOnly;                        type boolean
            /tags;                        ["a","b","c","d","e","f"]; tags;                      at most 5 items
            /tags;                        ["a"," a"];          tags[1];                         unique
            /tags;                        ["  "];              tags[0];                         length 1..50
            /tags;                        [7];                 tags[0];                         type string
            /nativeRunMode;               {};                  nativeRunMode;                   unknown field
            /testScenario;                "x";                 testScenario;                    type object
            /testScenario/modules;        {};                  testScenario.modules;            unknown field
            /testScenario/execution;      [];                  testScenario.execution;          at least 1 item
            /testScenario/execution/0/scenario; "Other";       testScenario.execution[0].scenario; known scenario
            /testScenario/execution/0/scenario; <absent>;      testScenario.execution[0].scenario; required
            /testScenario/execution/0/hold-for; "0s";          testScenario.execution[0].hold-for; greater than 0
            /testScenario/execution/0/hold-for; "2w";          testScenario.execution[0].hold-for; duration
            /testScenario/execution/0/hold-for; "169h";        testScenario.execution[0].hold-for; duration
            /testScenario/execution/0/hold-for; <absent>;      testScenario.execution[0].hold-for; required
            /testScenario/execution/0/ramp-up; "-1s";          testScenario.execution[0].ramp-up; duration
            /testScenario/execution/0/think-time; "soon";      testScenario.execution[0].think-time; duration
            /testScenario/execution/0/arrival-rate; 0;         testScenario.execution[0].arrival-rate; greater than 0
            /testScenario/execution/0/arrival-rate; "5";       testScenario.execution[0].arrival-rate; type number
            /testScenario/execution/0/stages; [];              testScenario.execution[0].stages; at least 1 item
            /testScenario/execution/0/stages; [{"duration":"30s","target":-1}]; testScenario.execution[0].stages[0].target; at least 0
            /testScenario/execution/0/stages; [{"duration":"0s","target":1}];   testScenario.execution[0].stages[0].duration; greater than 0
            /testScenario/execution/0/stages; [{"target":1}];  testScenario.execution[0].stages[0].duration; required
            /testScenario/execution/0/executor; "gatling";     testScenario.execution[0].executor; one of jmeter|k6|locust
            /testScenario/execution/0/taskCount; 0;            testScenario.execution[0].taskCount; integer 1..1000
            /testScenario/execution/0/concurrency; 0;          testScenario.execution[0].concurrency; integer 1..25000
            /testScenario/execution/0/iterations; 10;          testScenario.execution[0].iterations; unknown field
            /testScenario/scenarios;      {};                  testScenario.scenarios;          at least 1 item
            /testScenario/scenarios/Smoke/requests; [];        testScenario.scenarios.Smoke.requests; 1..100 items
            /testScenario/scenarios/Smoke/requests; <absent>;  testScenario.scenarios.Smoke.requests; required
            /testScenario/scenarios/Smoke/script; "a.jmx";     testScenario.scenarios.Smoke.script; scripts are for jmeter, k6 and locust tests
            /testScenario/thresholds;     {"rps":[]};          testScenario.thresholds.rps;     at least 1 item
            /testScenario/thresholds;     {"rps":">5"};        testScenario.thresholds.rps;     type array
            /testScenario/thresholds;     {"rps":[""]};        testScenario.thresholds.rps[0];  not empty
            /testScenario/thresholds;     [];                  testScenario.thresholds;         type object
            /scheduleDate;                "2030-02-30";        scheduleDate;                    date YYYY-MM-DD
            /scheduleDate;                "15/01/2030";        scheduleDate;                    date YYYY-MM-DD
            /scheduleTime;                "25:00";             scheduleTime;                    time HH:MM[:SS]
            /scheduleTime;                "9:30";              scheduleTime;                    time HH:MM[:SS]
            /recurrence;                  "hourly";            recurrence;                      one of daily|weekly|biweekly|monthly
            /cronValue;                   "0 2 * *";           cronValue;                       cron (5 fields)
            /cronValue;                   "0 2 * * $(reboot)"; cronValue;                       cron (5 fields)
            /cronExpiryDate;              "tomorrow";          cronExpiryDate;                  date YYYY-MM-DD
            /scheduleTimezone;            "Mars/Olympus";      scheduleTimezone;                time zone
            """)
    void parse_brokenField_reportsItsPathAndRule(String pointer, String value, String field, String rule) {
        ObjectNode scenario = minimal();
        set(scenario, pointer, value);

        assertThat(violationsOf(scenario)).extracting(Violation::field, Violation::rule).contains(tuple(field, rule));
    }

    @ParameterizedTest(name = "{0} = {1} -> {2} ({3})")
    @CsvSource(delimiter = ';', quoteCharacter = '`', textBlock = """
            url;      "ftp://example.com/";       url;                  http(s) URL
            url;      "https://";                 url;                  http(s) URL
            url;      "not a url";                url;                  http(s) URL
            url;      "http://127.0.0.1:8080fast";  url;                  http(s) URL
            url;      "http://my_service/";       url;                  http(s) URL
            url;      <absent>;                   url;                  required
            method;   "TRACE";                    method;               HTTP method
            headers;  {"Bad Header":"x"};         headers.Bad Header;   header name
            headers;  {"X-Count":5};              headers.X-Count;      type string
            headers;  {"X-Inject":"a\\r\\nb"};    headers.X-Inject;     header value
            body;     42;                         body;                 type string or JSON
            label;    "";                         label;                label
            checks;   {"status":[99]};            checks.status[0];     integer 100..599
            checks;   {"status":[]};              checks.status;        at least 1 item
            checks;   {"bodyContains":""};        checks.bodyContains;  not empty
            checks;   {"statusCode":[200]};       checks.statusCode;    unknown field
            extract;  {"1token":{"regex":"(a)"}}; extract.1token;       name [A-Za-z_][A-Za-z0-9_]*
            extract;  {"t":{"regex":"a"}};        extract.t.regex;      capture group
            extract;  {"t":{"regex":"(a"}};       extract.t.regex;      regex
            extract;  {"t":{}};                   extract.t;            exactly one of regex|header
            extract;  {"t":{"regex":"(a)","header":"X"}}; extract.t;    exactly one of regex|header
            extract;  {"t":{"header":"Bad Header"}}; extract.t.header;  header name
            timeout;  "5s";                       timeout;              unknown field
            """)
    void parse_brokenRequestField_reportsItsPathAndRule(String key, String value, String field, String rule) {
        ObjectNode scenario = minimal();
        set(scenario, REQUEST + "/" + key, value);

        assertThat(violationsOf(scenario)).extracting(Violation::field, Violation::rule)
                .contains(tuple(REQUEST_PATH + "." + field, rule));
    }

    @Test
    void parse_urlLongerThan2048_isRefused() {
        ObjectNode scenario = minimal();
        set(scenario, REQUEST + "/url", "\"https://example.com/" + "a".repeat(2048) + "\"");

        assertThat(violationsOf(scenario)).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple(REQUEST_PATH + ".url", "length 1..2048"));
    }

    @Test
    void parse_bodyLongerThan65536_isRefused() {
        ObjectNode scenario = minimal();
        set(scenario, REQUEST + "/body", "\"" + "a".repeat(65_537) + "\"");

        assertThat(violationsOf(scenario)).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple(REQUEST_PATH + ".body", "length 0..65536"));
    }

    @Test
    void parse_moreThan100Requests_isRefused() {
        ObjectNode scenario = minimal();
        ArrayNode requests = (ArrayNode) scenario.at("/testScenario/scenarios/Smoke/requests");
        for (int i = 0; i < 100; i++) {
            requests.add(json("{\"url\": \"https://example.com/" + i + "\"}"));
        }

        assertThat(violationsOf(scenario)).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("testScenario.scenarios.Smoke.requests", "1..100 items"));
    }

    @Test
    void parse_sameRegionTwice_isRefused() {
        ObjectNode scenario = minimal();
        ((ArrayNode) scenario.get("testTaskConfigs")).add(json("{\"region\":\"us-east-1\",\"taskCount\":1,\"concurrency\":1}"));

        assertThat(violationsOf(scenario)).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("testTaskConfigs[1].region", "unique"));
    }

    @Test
    void parse_scenarioNameTooShort_isRefusedUnderItsName() {
        ObjectNode scenario = minimal();
        ObjectNode scenarios = (ObjectNode) scenario.at("/testScenario/scenarios");
        scenarios.set("ab", scenarios.remove("Smoke"));
        set(scenario, "/testScenario/execution/0/scenario", "\"ab\"");

        assertThat(violationsOf(scenario)).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("testScenario.scenarios.ab", "length 3..255"));
    }

    @ParameterizedTest(name = "{0} ({1}) {2} -> {3}")
    @CsvSource(delimiter = ';', textBlock = """
            jmeter; script; ../etc/passwd.jmx; file name
            jmeter; script; plans/a.jmx;       file name
            jmeter; script; a\\b.jmx;          file name
            k6;     script; test.py;           script extension
            locust; script; locustfile.js;     script extension
            jmeter; zip;    test.jmx;          script extension
            """)
    void parse_badScriptName_isRefused(String testType, String fileType, String script, String rule) {
        ObjectNode scenario = minimalScript(testType, "placeholder");
        scenario.put("fileType", fileType);
        ((ObjectNode) scenario.at("/testScenario/scenarios/Smoke")).put("script", script);

        assertThat(violationsOf(scenario)).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("testScenario.scenarios.Smoke.script", rule));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = ';', textBlock = """
            jmeter; Ab3dE12345.jmx
            jmeter; Ab3dE12345.zip
            k6;     Ab3dE12345.js
            k6;     Ab3dE12345.ts
            locust; Ab3dE12345.py
            locust; Ab3dE12345.zip
            """)
    void parse_scriptTestWithItsScript_isAccepted(String testType, String script) {
        Scenario scenario = ScenarioJson.parse(minimalScript(testType, script).toString());

        assertThat(scenario.testScenario().scenarios().get("Smoke").script()).isEqualTo(script);
    }

    @Test
    void parse_scriptTestWithRequestsAndNoScript_reportsBoth() {
        ObjectNode scenario = minimal();
        scenario.put("testType", "jmeter");

        assertThat(violationsOf(scenario)).extracting(Violation::field, Violation::rule).containsExactlyInAnyOrder(
                tuple("testScenario.scenarios.Smoke.script", "required"),
                tuple("testScenario.scenarios.Smoke.requests", "requests are for simple tests"));
    }

    @Test
    void parse_executorOtherThanTestType_isRefused() {
        ObjectNode scenario = minimalScript("jmeter", "t.jmx");
        set(scenario, "/testScenario/execution/0/executor", "\"k6\"");

        assertThat(violationsOf(scenario)).extracting(Violation::field, Violation::rule)
                .containsExactly(tuple("testScenario.execution[0].executor", "matches testType"));
    }

    @Test
    void parse_lowerCaseMethodAndDigitStrings_areNormalised() {
        ObjectNode scenario = minimal();
        set(scenario, REQUEST + "/method", "\"patch\"");
        set(scenario, "/testTaskConfigs/0/taskCount", "\"0012\"");
        set(scenario, "/testTaskConfigs/0/concurrency", "3.0");
        set(scenario, "/testScenario/execution/0/hold-for", "\"90\"");

        Scenario parsed = ScenarioJson.parse(scenario.toString());

        assertThat(parsed.testTaskConfigs().getFirst()).isEqualTo(new TaskConfig("us-east-1", 12, 3));
        assertThat(parsed.testScenario().scenarios().get("Smoke").requests().getFirst().method()).isEqualTo("PATCH");
        assertThat(parsed.testScenario().execution().getFirst().holdFor().toSeconds()).isEqualTo(90);
    }

    /** Sets (or, for {@code <absent>}, removes) the value at a JSON pointer. */
    private static void set(ObjectNode root, String pointer, String value) {
        JsonPointer path = JsonPointer.compile(pointer);
        ObjectNode parent = (ObjectNode) root.at(path.head());
        String key = path.last().getMatchingProperty();
        if (value.equals(ABSENT)) {
            parent.remove(key);
        } else {
            parent.set(key, json(value));
        }
    }
}
