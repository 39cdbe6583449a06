package io.enifailover.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** docs/iam-policy*.json grant exactly the EC2 actions the operator calls, and nothing broader. */
class IamPolicyTest {
  static final Set<String> DESCRIBE =
      Set.of("ec2:DescribeNetworkInterfaces", "ec2:DescribeInstances", "ec2:DescribeAddresses", "ec2:DescribeInstanceTypes");
  static final Set<String> MUTATE =
      Set.of("ec2:AttachNetworkInterface", "ec2:DetachNetworkInterface", "ec2:AssociateAddress");
  static final String TAG_CONDITION = "aws:ResourceTag/enifailover.io/managed";

  @ParameterizedTest
  @ValueSource(strings = {"docs/iam-policy.json", "docs/iam-policy-tag-restricted.json"})
  void grantsExactlyTheOperatorsActions(String file) throws IOException {
    JsonNode policy = read(file);
    assertThat(policy.path("Version").asText()).isEqualTo("2012-10-17");
    Set<String> actions = new LinkedHashSet<>();
    for (JsonNode statement : policy.path("Statement")) {
      assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
      assertThat(statement.has("NotAction")).as("NotAction in %s", file).isFalse();
      assertThat(statement.has("NotResource")).as("NotResource in %s", file).isFalse();
      actions.addAll(strings(statement.path("Action")));
    }
    Set<String> expected = new LinkedHashSet<>(DESCRIBE);
    expected.addAll(MUTATE);
    assertThat(actions).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void describeActionsAreOnAllResourcesBecauseEc2CannotScopeThem() throws IOException {
    for (String file : List.of("docs/iam-policy.json", "docs/iam-policy-tag-restricted.json")) {
      for (JsonNode statement : read(file).path("Statement")) {
        List<String> actions = strings(statement.path("Action"));
        if (actions.stream().anyMatch(DESCRIBE::contains)) {
          assertThat(actions).as("describe statement in %s", file).allMatch(DESCRIBE::contains);
          assertThat(strings(statement.path("Resource"))).containsExactly("*");
          assertThat(statement.has("Condition")).isFalse();
        }
      }
    }
  }

  @Test
  void tagRestrictedVariantScopesEveryMutationToTaggedResources() throws IOException {
    JsonNode policy = read("docs/iam-policy-tag-restricted.json");
    Set<String> covered = new LinkedHashSet<>();
    for (JsonNode statement : policy.path("Statement")) {
      List<String> actions = strings(statement.path("Action"));
      if (actions.stream().noneMatch(MUTATE::contains)) {
        continue;
      }
      covered.addAll(actions);
      List<String> resources = strings(statement.path("Resource"));
      assertThat(resources).as("resources of %s", actions).doesNotContain("*").allMatch(r -> r.startsWith("arn:aws:ec2:"));
      assertThat(statement.path("Condition").path("StringEquals").path(TAG_CONDITION).asText())
          .as("tag condition of %s", actions)
          .isEqualTo("true");
      // AttachNetworkInterface and DetachNetworkInterface authorize on both the instance and the interface.
      if (actions.contains("ec2:AttachNetworkInterface") || actions.contains("ec2:DetachNetworkInterface")) {
        assertThat(resources).contains("arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:*:*:network-interface/*");
      }
      if (actions.contains("ec2:AssociateAddress")) {
        assertThat(resources).contains("arn:aws:ec2:*:*:elastic-ip/*", "arn:aws:ec2:*:*:network-interface/*");
      }
    }
    assertThat(covered).containsAll(MUTATE);
  }

  private static JsonNode read(String file) throws IOException {
    return new ObjectMapper().readTree(Path.of(file).toFile());
  }

  private static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> values.add(n.asText()));
    } else if (!node.isMissingNode()) {
      values.add(node.asText());
    }
    return values;
  }
}
