package dlt.infrastructure;

import static dlt.infrastructure.SamTemplate.list;
import static dlt.infrastructure.SamTemplate.map;
import static dlt.infrastructure.SamTemplate.properties;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inline IAM statements the template gives one function, with their resources resolved to the ARNs
 * CloudFormation would make in account {@value #ACCOUNT}, region {@value #REGION}, stack {@value #STACK}
 * (a resource's physical name is its logical id), and IAM's matching of an action on a resource:
 * allowed by some Allow statement and denied by no Deny (conditions are taken as met).
 */
final class FunctionPolicies {

    static final String REGION = "us-east-1";
    static final String ACCOUNT = "123456789012";
    static final String STACK = "dlt";
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    record Statement(boolean allow, List<String> actions, List<String> resources) {
        boolean matches(String action, String resource) {
            return actions.stream().anyMatch(a -> glob(a.toLowerCase(), action.toLowerCase()))
                    && resources.stream().anyMatch(r -> glob(r, resource));
        }
    }

    private final SamTemplate template;
    private final List<Statement> statements = new ArrayList<>();

    FunctionPolicies(SamTemplate template, String function) {
        this.template = template;
        for (Object policy : list(properties(map(template.resources().get(function))).get("Policies"))) {
            for (Object s : list(map(policy).get("Statement"))) {
                Map<String, Object> statement = map(s);
                statements.add(new Statement("Allow".equals(statement.get("Effect")),
                        list(statement.get("Action")).stream().map(String::valueOf).toList(),
                        list(statement.get("Resource")).stream().map(this::resolve).toList()));
            }
        }
    }

    boolean allows(String action, String resource) {
        return statements.stream().anyMatch(s -> s.allow() && s.matches(action, resource))
                && statements.stream().noneMatch(s -> !s.allow() && s.matches(action, resource));
    }

    static String tableArn(String logicalId) {
        return "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + logicalId;
    }

    static String bucketArn(String logicalId) {
        return "arn:aws:s3:::" + logicalId;
    }

    private String resolve(Object value) {
        if (value instanceof String text) {
            return text;
        }
        Map<String, Object> intrinsic = map(value);
        if (intrinsic.containsKey("Ref")) {
            return ref(String.valueOf(intrinsic.get("Ref")));
        }
        if (intrinsic.containsKey("Fn::GetAtt")) {
            List<Object> parts = list(intrinsic.get("Fn::GetAtt"));
            return attribute(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)));
        }
        if (intrinsic.containsKey("Fn::Sub")) {
            List<Object> args = list(intrinsic.get("Fn::Sub"));
            Matcher m = SUB_VARIABLE.matcher(String.valueOf(args.get(0)));
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String variable = m.group(1);
                String resolved = switch (variable) {
                    case "AWS::Partition" -> "aws";
                    case "AWS::Region" -> REGION;
                    case "AWS::AccountId" -> ACCOUNT;
                    case "AWS::StackName" -> STACK;
                    case "AWS::URLSuffix" -> "amazonaws.com";
                    default -> variable.contains(".")
                            ? attribute(variable.substring(0, variable.indexOf('.')), variable.substring(variable.indexOf('.') + 1))
                            : ref(variable);
                };
                m.appendReplacement(out, Matcher.quoteReplacement(resolved));
            }
            m.appendTail(out);
            return out.toString();
        }
        throw new IllegalArgumentException("a policy resource this test cannot resolve: " + value);
    }

    private String type(String logicalId) {
        Object type = map(template.resources().get(logicalId)).get("Type");
        if (type == null) {
            throw new IllegalArgumentException("no resource " + logicalId + " in the template");
        }
        return String.valueOf(type);
    }

    private String ref(String logicalId) {
        return switch (type(logicalId)) {
            case "AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine" ->
                    "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:" + logicalId;
            default -> logicalId;
        };
    }

    private String attribute(String logicalId, String attribute) {
        if (!"Arn".equals(attribute)) {
            throw new IllegalArgumentException("a policy resource names " + logicalId + "." + attribute);
        }
        return switch (type(logicalId)) {
            case "AWS::DynamoDB::Table" -> tableArn(logicalId);
            case "AWS::S3::Bucket" -> bucketArn(logicalId);
            case "AWS::Serverless::Function" -> "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + logicalId;
            case "AWS::IAM::Role" -> "arn:aws:iam::" + ACCOUNT + ":role/" + logicalId;
            default -> "arn:aws:unknown:" + REGION + ":" + ACCOUNT + ":" + logicalId;
        };
    }

    /** IAM's wildcards: {@code *} any run of characters, {@code ?} any one. */
    static boolean glob(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(switch (c) {
                case '*' -> ".*";
                case '?' -> ".";
                default -> Pattern.quote(String.valueOf(c));
            });
        }
        return value.matches(regex.toString());
    }
}
