package dlt.infrastructure;

import static dlt.infrastructure.SamTemplate.list;
import static dlt.infrastructure.SamTemplate.map;
import static dlt.infrastructure.SamTemplate.properties;
import static org.assertj.core.api.Assertions.assertThat;

import dlt.livedata.LiveDataSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** infrastructure/regional-template.yaml: one more region's testing resources, usable by the main stack. */
class RegionalTemplateTest {

    static SamTemplate regional;
    static SamTemplate main;

    @BeforeAll
    static void load() throws IOException {
        regional = SamTemplate.load("regional-template.yaml");
        main = SamTemplate.load("template.yaml");
    }

    @Test
    void everyReference_namesAResourceOrParameter() {
        Set<String> known = new TreeSet<>(regional.resources().keySet());
        known.addAll(regional.section("Parameters").keySet());
        known.addAll(TemplateTest.PSEUDO_PARAMETERS);
        List<String> unknown = new ArrayList<>();
        for (String name : regional.references()) {
            String base = name.endsWith(".Alias") ? name.substring(0, name.lastIndexOf('.')) : name;
            if (!known.contains(base)) {
                unknown.add(name);
            }
        }
        assertThat(unknown).isEmpty();
    }

    @Test
    void functions_areSnapStartJava21_fromTheSameJarsAsTheMainStack() throws IOException {
        Map<String, Object> globals = map(regional.section("Globals").get("Function"));
        assertThat(globals.get("Runtime")).isEqualTo("java21");
        assertThat(map(globals.get("SnapStart")).get("ApplyOn")).isEqualTo("PublishedVersions");
        assertThat(globals.get("AutoPublishAlias")).isEqualTo("live");
        Map<String, Map<String, Object>> functions = regional.resourcesOfType(TemplateTest.FUNCTION);
        assertThat(functions).containsOnlyKeys("RealTimeDataPublisherFunction", "CustomResourceFunction");
        for (Map.Entry<String, Map<String, Object>> f : functions.entrySet()) {
            Map<String, Object> p = properties(f.getValue());
            Map<String, Object> same = properties(main.resourcesOfType(TemplateTest.FUNCTION).get(f.getKey()));
            assertThat(p.get("CodeUri")).isEqualTo(same.get("CodeUri"));
            assertThat(p.get("Handler")).isEqualTo(same.get("Handler"));
            Path jar = SamTemplate.DIR.resolve(String.valueOf(p.get("CodeUri"))).normalize();
            String handler = String.valueOf(p.get("Handler")).split("::")[0];
            try (JarFile file = new JarFile(jar.toFile())) {
                assertThat(file.getEntry(handler.replace('.', '/') + ".class")).isNotNull();
            }
        }
    }

    @Test
    void thePublisher_publishesToTheMainRegionsEndpoint_andTheSubscriptionTargetsItInThisRegion() {
        Map<String, Object> publisher = properties(regional.resourcesOfType(TemplateTest.FUNCTION)
                .get("RealTimeDataPublisherFunction"));
        Map<String, Object> variables = map(map(publisher.get("Environment")).get("Variables"));
        assertThat(variables.get(LiveDataSettings.IOT_ENDPOINT)).isEqualTo(Map.of("Ref", "IotEndpoint"));
        Map<String, String> env = new HashMap<>();
        env.put(LiveDataSettings.IOT_ENDPOINT, "a1b2-ats.iot.us-east-1.amazonaws.com");
        assertThat(LiveDataSettings.fromEnvironment(env).iotRegion()).contains("us-east-1");
        Map<String, Object> filter = properties(map(regional.resources().get("LiveDataSubscription")));
        assertThat(filter.get("DestinationArn")).isEqualTo(Map.of("Ref", "RealTimeDataPublisherFunction.Alias"));
        assertThat(filter.get("LogGroupName")).isEqualTo(Map.of("Ref", "TaskLogGroup"));
    }

    @Test
    void resources_useTheNamesTheMainStacksPoliciesAllow() {
        // the main task runner may run only {stack}-load-tester tasks in {stack} clusters and pass /dlt/{stack}/ roles
        assertThat(properties(map(regional.resources().get("TaskCluster"))).get("ClusterName"))
                .isEqualTo(Map.of("Ref", "MainStackName"));
        assertThat(properties(map(regional.resources().get("TaskDefinition"))).get("Family"))
                .isEqualTo(Map.of("Fn::Sub", "${MainStackName}-load-tester"));
        for (String role : List.of("TaskRole", "TaskExecutionRole")) {
            assertThat(properties(map(regional.resources().get(role))).get("Path"))
                    .isEqualTo(Map.of("Fn::Sub", "/dlt/${MainStackName}/"));
        }
        assertThat(properties(map(main.resources().get("TaskCluster"))).get("ClusterName"))
                .isEqualTo(Map.of("Ref", "AWS::StackName"));
    }

    @Test
    void theRegionRegistersItselfInTheMainTable() {
        Map<String, Object> registration = properties(map(regional.resources().get("RegionRegistration")));
        assertThat(registration).containsKeys("ScenariosTable", "TableRegion", "Region", "TaskCluster",
                "TaskDefinition", "TaskImage", "Subnets", "TaskSecurityGroup", "LogGroup");
        assertThat(list(registration.get("Subnets"))).hasSize(2);
        assertThat(registration.get("TableRegion")).isEqualTo(Map.of("Ref", "MainRegion"));
    }

    @Test
    void whoReadsRunFiles_mayListTheBucket_soAMissingKeyIs404Not403() {
        assertThat(TemplateTest.readersWithoutListing(regional)).isEmpty();
    }

    @Test
    void policies_haveNoWildcardActions_andNameTheirDataResources() {
        assertThat(TemplateTest.policyProblems(TemplateTest.allowStatements(regional))).isEmpty();
    }
}
