package io.enifailover.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    assertThat(spec.getRequired()).containsExactlyInAnyOrder("networkInterfaceId", "primary", "standby");
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
    assertThat(spec.getProperties().get("deviceIndex").getDefault().asInt()).isEqualTo(1);
    assertThat(spec.getXKubernetesValidations())
        .extracting(ValidationRule::getRule)
        .containsExactly("self.primary.instanceId != self.standby.instanceId");
    assertThat(version.getAdditionalPrinterColumns())
        .extracting(CustomResourceColumnDefinition::getName)
        .containsExactly("DESIRED", "ACTIVE", "INSTANCE", "READY", "REASON", "PUBLIC-IP", "AGE");
  }
}
