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
      Set.of("ec2:DescribeNetworkInterfaces", "ec2:DescribeInstances", "ec2:DescribeAddresses", "ec2:DescribeInstanceTypes",
          "ec2:DescribeInstanceStatus", "ec2:DescribeRouteTables");
  /** StopInstances only fences a failed instance, for pairs with fencing StopInstance. */
  static final Set<String> MUTATE =
      Set.of("ec2:AttachNetworkInterface", "ec2:DetachNetworkInterface", "ec2:AssociateAddress", "ec2:StopInstances",
          "ec2:ReplaceRoute", "ec2:CreateRoute");
  static final Set<String> TAGS = Set.of("ec2:CreateTags", "ec2:DeleteTags");
  static final String TAG_CONDITION = "aws:ResourceTag/enifailover.io/namespace";

  @ParameterizedTest
  @ValueSource(strings = {"docs/iam-policy.json", "docs/iam-policy-tag-restricted.json"})
  void grantsExactlyTheOperatorsActions(String file) throws IOException {
    JsonNode policy = read(file);
    assertThat(policy.path("Version").asText()).isEqualTo("2012-10-17");
    Set<String> actions = new LinkedHashSet<>();
    for (JsonNode statement : policy.path("Statement")) {
      assertThat(statement.has("NotAction")).as("NotAction in %s", file).isFalse();
      assertThat(statement.has("NotResource")).as("NotResource in %s", file).isFalse();
      if (statement.path("Effect").asText().equals("Allow")) {
        actions.addAll(strings(statement.path("Action")));
      }
    }
    Set<String> expected = new LinkedHashSet<>(DESCRIBE);
    expected.addAll(MUTATE);
    expected.addAll(TAGS);
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
      boolean allows = statement.path("Effect").asText().equals("Allow");
      if (!allows || actions.stream().noneMatch(a -> MUTATE.contains(a) || TAGS.contains(a))) {
        continue;
      }
      covered.addAll(actions);
      List<String> resources = strings(statement.path("Resource"));
      assertThat(resources).as("resources of %s", actions).doesNotContain("*").allMatch(r -> r.startsWith("arn:aws:ec2:"));
      // Assigned to some namespace by a platform team: the same tag the tenant guard reads.
      assertThat(statement.path("Condition").path("StringLike").path(TAG_CONDITION).asText())
          .as("tag condition of %s", actions)
          .isEqualTo("?*");
      // AttachNetworkInterface and DetachNetworkInterface authorize on both the instance and the interface.
      if (actions.contains("ec2:AttachNetworkInterface") || actions.contains("ec2:DetachNetworkInterface")) {
        assertThat(resources).contains("arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:*:*:network-interface/*");
      }
      if (actions.contains("ec2:StopInstances")) {
        assertThat(resources).containsExactly("arn:aws:ec2:*:*:instance/*");
      }
      if (actions.contains("ec2:ReplaceRoute") || actions.contains("ec2:CreateRoute")) {
        assertThat(resources).containsExactly("arn:aws:ec2:*:*:route-table/*");
      }
      if (actions.contains("ec2:AssociateAddress")) {
        assertThat(resources).contains("arn:aws:ec2:*:*:elastic-ip/*", "arn:aws:ec2:*:*:network-interface/*");
      }
    }
    assertThat(covered).containsAll(MUTATE).containsAll(TAGS);
  }

  /**
   * The operator writes only its claim tags (on interfaces, the claim; on route tables, one claim per destination),
   * and never the namespace assignment.
   */
  @ParameterizedTest
  @ValueSource(strings = {"docs/iam-policy.json", "docs/iam-policy-tag-restricted.json"})
  void tagsAreLimitedToClaimKeysOnInterfacesAndTheAssignmentIsDenied(String file) throws IOException {
    boolean allowed = false;
    boolean denied = false;
    for (JsonNode statement : read(file).path("Statement")) {
      List<String> actions = strings(statement.path("Action"));
      if (actions.stream().noneMatch(TAGS::contains)) {
        continue;
      }
      assertThat(actions).as("tag statement in %s", file).containsExactlyInAnyOrderElementsOf(TAGS);
      JsonNode condition = statement.path("Condition");
      if (statement.path("Effect").asText().equals("Allow")) {
        allowed = true;
        List<String> resources = strings(statement.path("Resource"));
        if (resources.equals(List.of("arn:aws:ec2:*:*:route-table/*"))) {
          assertThat(strings(condition.path("ForAllValues:StringLike").path("aws:TagKeys"))).containsExactly("enifailover.io/claim/*");
        } else {
          assertThat(resources).containsExactly("arn:aws:ec2:*:*:network-interface/*");
          assertThat(strings(condition.path("ForAllValues:StringEquals").path("aws:TagKeys"))).containsExactly("enifailover.io/claim");
        }
        // Without keys DeleteTags removes every tag, and ForAllValues of nothing is true: require keys.
        assertThat(condition.path("Null").path("aws:TagKeys").asText()).isEqualTo("false");
      } else {
        denied = true;
        assertThat(statement.path("Effect").asText()).isEqualTo("Deny");
        assertThat(strings(condition.path("ForAnyValue:StringEquals").path("aws:TagKeys"))).containsExactly("enifailover.io/namespace");
      }
    }
    assertThat(allowed).as("claim tags allowed in %s", file).isTrue();
    assertThat(denied).as("namespace tag denied in %s", file).isTrue();
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
