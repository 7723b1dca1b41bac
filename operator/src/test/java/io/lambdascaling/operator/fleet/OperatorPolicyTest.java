package io.lambdascaling.operator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lambdascaling.api.v1alpha1.FunctionSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/aws/operator-policy.json allows exactly the Lambda actions the operator's code calls, on
 * the functions it names, and passes the execution role to Lambda alone.
 */
class OperatorPolicyTest {

  private static final Path ROOT = Path.of("..");
  private static final Path SOURCES = Path.of("src", "main", "java");

  /** SDK operation (as ControlPlane.call names it) → the IAM action that authorizes it. */
  private static final Map<String, String> IAM_ACTION = Map.of("Invoke", "lambda:InvokeFunction");

  private static String iamAction(String operation) {
    return IAM_ACTION.getOrDefault(operation, "lambda:" + operation);
  }

  /** Every Lambda operation the operator's main code makes, found in its sources. */
  static Set<String> operationsInCode() throws IOException {
    Set<String> operations = new TreeSet<>();
    Pattern controlPlane = Pattern.compile("controlPlane\\.call\\(\\s*\"(\\w+)\"");
    // Any call on a LambdaClient field named lambda, whether or not through the ControlPlane.
    Pattern sdk = Pattern.compile("\\blambda\\s*\\.\\s*(\\w+)\\(");
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String code = Files.readString(f);
        Matcher m = controlPlane.matcher(code);
        while (m.find()) {
          operations.add(m.group(1));
        }
        m = sdk.matcher(code);
        while (m.find()) {
          String method = m.group(1);
          operations.add(Character.toUpperCase(method.charAt(0)) + method.substring(1));
        }
      }
    }
    return operations;
  }

  private static JsonNode policy() throws IOException {
    return new ObjectMapper()
        .readTree(Files.readString(ROOT.resolve("deploy/aws/operator-policy.json")));
  }

  private static List<String> list(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n.isArray()) {
      n.forEach(x -> out.add(x.asText()));
    } else {
      out.add(n.asText());
    }
    return out;
  }

  @Test
  void the_policy_allows_exactly_the_lambda_actions_the_code_calls() throws IOException {
    Set<String> operations = operationsInCode();
    assertThat(operations)
        .as("found in the sources (a sanity check of the scan)")
        .contains("CreateFunction", "Invoke", "ListFunctions", "ListTags");
    Set<String> needed = new TreeSet<>();
    operations.forEach(o -> needed.add(iamAction(o)));

    Map<String, Set<String>> resourcesByAction = new TreeMap<>();
    for (JsonNode s : policy().get("Statement")) {
      assertThat(s.get("Effect").asText()).isEqualTo("Allow");
      for (String action : list(s.get("Action"))) {
        assertThat(action).as("no wildcards").doesNotContain("*");
        resourcesByAction
            .computeIfAbsent(action, a -> new TreeSet<>())
            .addAll(list(s.get("Resource")));
      }
    }
    Set<String> allowedLambda = new TreeSet<>(resourcesByAction.keySet());
    allowedLambda.removeIf(a -> !a.startsWith("lambda:"));
    assertThat(allowedLambda).as("lambda actions in the policy").isEqualTo(needed);

    String functions = "arn:aws:lambda:*:*:function:" + FunctionSpec.DEFAULT_NAME_PREFIX + "*";
    resourcesByAction.forEach(
        (action, resources) -> {
          if (action.equals("lambda:ListFunctions")) {
            assertThat(resources).as(action + ": cannot be scoped").containsExactly("*");
          } else if (action.startsWith("lambda:")) {
            assertThat(resources).as(action).containsExactly(functions);
          }
        });
  }

  @Test
  void the_execution_role_is_passed_to_lambda_and_nothing_else() throws IOException {
    List<JsonNode> passRole = new ArrayList<>();
    policy()
        .get("Statement")
        .forEach(
            s -> {
              if (list(s.get("Action")).contains("iam:PassRole")) {
                passRole.add(s);
              }
            });
    assertThat(passRole).hasSize(1);
    JsonNode s = passRole.get(0);
    assertThat(list(s.get("Action"))).containsExactly("iam:PassRole");
    assertThat(list(s.get("Resource")))
        .singleElement()
        .asString()
        .matches("arn:aws:iam::\\d{12}:role/[\\w+=,.@-]+");
    assertThat(s.at("/Condition/StringEquals/iam:PassedToService").asText())
        .isEqualTo("lambda.amazonaws.com");
    Set<String> others = new TreeSet<>();
    policy().get("Statement").forEach(x -> list(x.get("Action")).forEach(others::add));
    others.removeIf(a -> a.startsWith("lambda:"));
    assertThat(others).as("no other service").containsExactly("iam:PassRole");
  }

  @Test
  void the_execution_role_trusts_lambda_and_may_only_write_its_functions_logs() throws IOException {
    ObjectMapper json = new ObjectMapper();
    JsonNode trust =
        json.readTree(Files.readString(ROOT.resolve("deploy/aws/execution-role-trust.json")));
    assertThat(trust.at("/Statement/0/Principal/Service").asText())
        .isEqualTo("lambda.amazonaws.com");
    assertThat(trust.at("/Statement/0/Action").asText()).isEqualTo("sts:AssumeRole");
    JsonNode logs =
        json.readTree(
            Files.readString(ROOT.resolve("deploy/aws/execution-role-logging-policy.json")));
    Set<String> actions = new TreeSet<>();
    for (JsonNode s : logs.get("Statement")) {
      actions.addAll(list(s.get("Action")));
      assertThat(list(s.get("Resource")))
          .allSatisfy(r -> assertThat(r).contains(":log-group:/aws/lambda/lse-*"));
    }
    assertThat(actions)
        .containsExactly("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents");
  }
}
