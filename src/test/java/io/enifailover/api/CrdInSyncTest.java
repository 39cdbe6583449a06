package io.enifailover.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CRD users apply is the one the Java model generates, with the validation users rely on. */
class CrdInSyncTest {
  private static final Path COMMITTED = Path.of("crds", CrdManifest.FILE_NAME);

  @Test
  void committedCrdIsTheGeneratedOne() throws IOException {
    String generated = CrdManifest.yaml();
    Path fresh = Path.of("target", CrdManifest.FILE_NAME);
    Files.writeString(fresh, generated);
    assertThat(Files.readString(COMMITTED))
        .as("crds/%s differs from the CRD generated from the Java model; update it with: cp %s %s",
            CrdManifest.FILE_NAME, fresh, COMMITTED)
        .isEqualTo(generated);
  }

  @Test
  void schemaRejectsWhatTheApiForbids() {
    CustomResourceDefinition crd = CrdManifest.load();
    var version = crd.getSpec().getVersions().get(0);
    JSONSchemaProps spec = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec");

    assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("efp");
    assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
    assertThat(version.getSubresources().getStatus()).isNotNull();
    // networkInterfaceId is required by a rule, with strategy InterfaceMove only.
    assertThat(spec.getRequired()).containsExactlyInAnyOrder("primary", "standby");
    assertThat(spec.getProperties().get("strategy").getDefault().asText()).isEqualTo("InterfaceMove");
    assertThat(spec.getProperties().get("strategy").getEnum()).extracting(n -> n.asText())
        .containsExactly("InterfaceMove", "RouteTable", "SecondaryIp");
    assertThat(spec.getProperties().get("strategy").getXKubernetesValidations())
        .extracting(ValidationRule::getRule)
        .containsExactly("self == oldSelf");
    assertThat(spec.getProperties().get("networkInterfaceId").getPattern()).isEqualTo("^eni-[0-9a-f]{8,17}$");
    assertThat(spec.getProperties().get("networkInterfaceId").getXKubernetesValidations())
        .extracting(ValidationRule::getRule)
        .containsExactly("self == oldSelf");
    assertThat(spec.getProperties().get("primary").getProperties().get("instanceId").getPattern())
        .isEqualTo("^i-[0-9a-f]{8,17}$");
    assertThat(spec.getProperties().get("elasticIp").getProperties().get("allocationId").getPattern())
        .isEqualTo("^eipalloc-[0-9a-f]{8,17}$");
    assertThat(spec.getProperties().get("active").getEnum()).extracting(n -> n.asText()).containsExactlyInAnyOrder("Primary", "Standby");
    assertThat(spec.getProperties().get("active").getDefault().asText()).isEqualTo("Primary");
    assertThat(spec.getProperties().get("deviceIndex").getMinimum()).isEqualTo(1.0);
    assertThat(spec.getProperties().get("deviceIndex").getMaximum()).isEqualTo(23.0);
    assertThat(spec.getProperties().get("deviceIndex").getDefault().asInt()).isEqualTo(1);
    assertThat(spec.getXKubernetesValidations())
        .extracting(ValidationRule::getRule)
        .startsWith("self.primary.instanceId != self.standby.instanceId")
        .hasSize(9);
    assertThat(version.getAdditionalPrinterColumns())
        .extracting(CustomResourceColumnDefinition::getName)
        .containsExactly("STRATEGY", "DESIRED", "ACTIVE", "INSTANCE", "READY", "REASON", "PUBLIC-IP", "AGE");
    assertThat(version.getAdditionalPrinterColumns())
        .as("only -o wide shows the strategy: the default kubectl get keeps its columns")
        .filteredOn(c -> c.getPriority() != 0)
        .extracting(CustomResourceColumnDefinition::getName)
        .containsExactly("STRATEGY");
  }

  /** The lists of a strategy are sets of bounded size, each item of a checked shape. */
  @Test
  void strategyListsAreBoundedSets() {
    JSONSchemaProps spec = CrdManifest.load().getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema()
        .getProperties().get("spec");
    Map<String, JSONSchemaProps> routeTable = spec.getProperties().get("routeTable").getProperties();
    assertSet(routeTable.get("destinations"), 50, IpPatterns.CIDR);
    assertSet(routeTable.get("routeTableIds"), 100, AwsIds.ROUTE_TABLE);
    assertThat(routeTable.get("createMissingRoutes").getDefault().asBoolean()).isFalse();
    assertSet(spec.getProperties().get("secondaryIp").getProperties().get("privateIpAddresses"), 10, IpPatterns.IPV4);
    assertThat(spec.getProperties().get("primary").getProperties().get("networkInterfaceId").getPattern())
        .isEqualTo(AwsIds.NETWORK_INTERFACE);
  }

  private static void assertSet(JSONSchemaProps list, long maxItems, String pattern) {
    assertThat(list.getType()).isEqualTo("array");
    assertThat(list.getXKubernetesListType()).isEqualTo("set");
    assertThat(list.getMinItems()).isEqualTo(1L);
    assertThat(list.getMaxItems()).isEqualTo(maxItems);
    assertThat(list.getItems().getSchema().getPattern()).isEqualTo(pattern);
  }

  /** kubectl explain shows each field's description: every field of the schema has one. */
  @Test
  void everyFieldIsDescribed() {
    JSONSchemaProps root = CrdManifest.load().getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
    List<String> undescribed = new ArrayList<>();
    collectUndescribed(root, "", undescribed);
    assertThat(undescribed)
        .as("fields without a description (add @JsonPropertyDescription on the Java model)")
        .isEmpty();
  }

  /** The schema of status.conditions[] comes from ConditionSchema; it must keep the shape of the Condition we write. */
  @Test
  void conditionSchemaHasTheShapeOfTheConditionsWeWrite() {
    JSONSchemaProps items = CrdManifest.load().getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema()
        .getProperties().get("status").getProperties().get("conditions").getItems().getSchema();
    Map<String, Object> written = Serialization.unmarshal(Serialization.asJson(new ConditionBuilder()
        .withType("Ready").withStatus("True").withReason("InSync").withMessage("m").withObservedGeneration(3L)
        .withLastTransitionTime("2026-01-01T00:00:00Z").build()), Map.class);
    assertThat(items.getProperties().keySet()).containsExactlyInAnyOrderElementsOf(written.keySet());
    assertThat(items.getProperties().get("observedGeneration").getType()).isEqualTo("integer");
    assertThat(items.getProperties().get("lastTransitionTime").getType()).isEqualTo("string");
    assertThat(items.getProperties().get("type").getDescription())
        .isEqualTo("type of condition in CamelCase or in foo.example.com/CamelCase.");
  }

  private static void collectUndescribed(JSONSchemaProps schema, String path, List<String> undescribed) {
    if (schema.getProperties() != null) {
      schema.getProperties().forEach((name, property) -> {
        String at = path + "." + name;
        if (property.getDescription() == null || property.getDescription().isBlank()) {
          undescribed.add(at);
        }
        collectUndescribed(property, at, undescribed);
      });
    }
    if (schema.getItems() != null && schema.getItems().getSchema() != null) {
      collectUndescribed(schema.getItems().getSchema(), path + "[]", undescribed);
    }
    if (schema.getAdditionalProperties() != null && schema.getAdditionalProperties().getSchema() != null) {
      collectUndescribed(schema.getAdditionalProperties().getSchema(), path + "{}", undescribed);
    }
  }
}
