package dlt.infrastructure;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A SAM template read as CloudFormation reads it: the short intrinsic tags ({@code !Ref}, {@code !Sub},
 * {@code !GetAtt}...) become their long forms ({@code {"Ref": ...}}, {@code {"Fn::Sub": ...}}), as in JSON.
 */
final class SamTemplate {

    static final Path DIR = Path.of(System.getProperty("dlt.infrastructure.dir", "."));
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    final Map<String, Object> root;

    private SamTemplate(Map<String, Object> root) {
        this.root = root;
    }

    static SamTemplate load(String file) throws IOException {
        try (Reader reader = Files.newBufferedReader(DIR.resolve(file))) {
            Map<String, Object> root = new Yaml(new IntrinsicConstructor()).load(reader);
            return new SamTemplate(root);
        }
    }

    Map<String, Object> section(String name) {
        return map(root.getOrDefault(name, Map.of()));
    }

    Map<String, Object> resources() {
        return section("Resources");
    }

    Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        resources().forEach((id, r) -> {
            if (type.equals(map(r).get("Type"))) {
                found.put(id, map(r));
            }
        });
        return found;
    }

    static Map<String, Object> properties(Map<String, Object> resource) {
        return map(resource.getOrDefault("Properties", Map.of()));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        if (value instanceof List<?> l) {
            return (List<Object>) l;
        }
        return value == null ? List.of() : List.of(value);
    }

    /** Every reference in the template: the logical name (or parameter) each Ref, GetAtt and Sub variable names. */
    List<String> references() {
        List<String> names = new ArrayList<>();
        walk(root, node -> {
            if (node.size() != 1) {
                return;
            }
            Map.Entry<String, Object> only = node.entrySet().iterator().next();
            switch (only.getKey()) {
                case "Ref" -> names.add(String.valueOf(only.getValue()));
                case "Fn::GetAtt" -> {
                    Object v = only.getValue();
                    names.add(v instanceof List<?> l ? String.valueOf(l.get(0)) : String.valueOf(v).split("\\.")[0]);
                }
                case "Fn::Sub" -> {
                    List<Object> args = list(only.getValue());
                    String text = String.valueOf(args.get(0));
                    Map<String, Object> locals = args.size() > 1 ? map(args.get(1)) : Map.of();
                    Matcher m = SUB_VARIABLE.matcher(text);
                    while (m.find()) {
                        String variable = m.group(1);
                        if (!locals.containsKey(variable)) {
                            names.add(variable.contains(".") && !variable.startsWith("AWS::")
                                    ? variable.substring(0, variable.indexOf('.')) : variable);
                        }
                    }
                }
                default -> {
                }
            }
        });
        return names;
    }

    static void walk(Object node, Consumer<Map<String, Object>> visit) {
        if (node instanceof Map<?, ?> m) {
            visit.accept(map(m));
            m.values().forEach(v -> walk(v, visit));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> walk(v, visit));
        }
    }

    /** Maps CloudFormation's short tags to the long forms. */
    private static final class IntrinsicConstructor extends SafeConstructor {
        IntrinsicConstructor() {
            super(new LoaderOptions());
            for (String function : List.of("Ref", "Condition")) {
                yamlConstructors.put(new Tag("!" + function), new Intrinsic(function));
            }
            for (String function : List.of("Sub", "GetAtt", "Join", "If", "Select", "GetAZs", "Split", "ImportValue",
                    "FindInMap", "Base64", "Cidr", "Equals", "Not", "And", "Or", "ToJsonString", "Length")) {
                yamlConstructors.put(new Tag("!" + function), new Intrinsic("Fn::" + function));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String key;

            Intrinsic(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = scalar.getValue();
                    value = "Fn::GetAtt".equals(key) ? List.of(text.split("\\.", 2)) : text;
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return Map.of(key, value);
            }
        }
    }
}
