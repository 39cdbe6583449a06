package io.enifailover.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.testing.TestCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed CRD's schema on a real API server: what {@code kubectl apply} of a bad pair answers
 * (with kubectl's default strict field validation), and the defaults a minimal pair comes back with.
 */
class SchemaOnServerIT {
  static final AtomicInteger names = new AtomicInteger();
  static KubernetesClient client;
  static String namespace;

  @BeforeAll
  static void cluster() {
    TestCluster cluster = TestCluster.get();
    cluster.assumeReal();
    client = cluster.client();
    namespace = cluster.namespace("schema");
  }

  static Map<String, Object> validSpec() {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("networkInterfaceId", "eni-0123456789abcdef0");
    spec.put("primary", new LinkedHashMap<>(Map.of("instanceId", "i-0aaaaaaaaaaaaaaaa")));
    spec.put("standby", new LinkedHashMap<>(Map.of("instanceId", "i-0bbbbbbbbbbbbbbbb")));
    spec.put("active", "Primary");
    spec.put("deviceIndex", 1);
    spec.put("elasticIp", new LinkedHashMap<>(Map.of("allocationId", "eipalloc-0123456789abcdef0", "privateIpAddress", "10.0.1.25")));
    spec.put("region", "us-east-1");
    spec.put("paused", false);
    return spec;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> child(Map<String, Object> spec, String key) {
    return (Map<String, Object>) spec.get(key);
  }

  static Arguments bad(String what, Consumer<Map<String, Object>> change, String... messageParts) {
    return Arguments.of(what, change, List.of(messageParts));
  }

  static Stream<Arguments> invalidPairs() {
    return Stream.of(
        bad("no networkInterfaceId", s -> s.remove("networkInterfaceId"), "spec.networkInterfaceId", "Required value"),
        bad("upper-case interface id", s -> s.put("networkInterfaceId", "eni-0123456789ABCDEF0"), "spec.networkInterfaceId", "should match"),
        bad("short interface id", s -> s.put("networkInterfaceId", "eni-0123"), "spec.networkInterfaceId", "should match"),
        bad("interface id too long", s -> s.put("networkInterfaceId", "eni-0123456789abcdef01"), "spec.networkInterfaceId", "should match"),
        bad("instance id as interface id", s -> s.put("networkInterfaceId", "i-0123456789abcdef0"), "spec.networkInterfaceId", "should match"),
        bad("interface id as a number", s -> s.put("networkInterfaceId", 123), "spec.networkInterfaceId", "must be of type string"),
        bad("no primary", s -> s.remove("primary"), "spec.primary", "Required value"),
        bad("no standby", s -> s.remove("standby"), "spec.standby", "Required value"),
        bad("primary without instanceId", s -> child(s, "primary").clear(), "spec.primary.instanceId", "Required value"),
        bad("primary instance id malformed", s -> child(s, "primary").put("instanceId", "i-XYZ"), "spec.primary.instanceId", "should match"),
        bad("standby instance id malformed", s -> child(s, "standby").put("instanceId", "instance-1"), "spec.standby.instanceId", "should match"),
        bad("primary as a string", s -> s.put("primary", "i-0aaaaaaaaaaaaaaaa"), "spec.primary", "must be of type object"),
        bad("primary and standby the same", s -> child(s, "standby").put("instanceId", "i-0aaaaaaaaaaaaaaaa"), "spec", "primary and standby must be different instances"),
        bad("active in lower case", s -> s.put("active", "standby"), "spec.active", "Unsupported value"),
        bad("active neither side", s -> s.put("active", "Both"), "spec.active", "Unsupported value"),
        bad("deviceIndex 0 (the instance's own interface)", s -> s.put("deviceIndex", 0), "spec.deviceIndex", "greater than or equal to 1"),
        bad("deviceIndex above any network card's interfaces", s -> s.put("deviceIndex", 100000), "spec.deviceIndex", "less than or equal to 23"),
        bad("negative deviceIndex", s -> s.put("deviceIndex", -1), "spec.deviceIndex", "greater than or equal to 1"),
        bad("deviceIndex as text", s -> s.put("deviceIndex", "one"), "spec.deviceIndex", "must be of type integer"),
        bad("fractional deviceIndex", s -> s.put("deviceIndex", 1.5), "spec.deviceIndex", "must be of type integer"),
        bad("elasticIp without allocationId", s -> child(s, "elasticIp").remove("allocationId"), "spec.elasticIp.allocationId", "Required value"),
        bad("allocation id malformed", s -> child(s, "elasticIp").put("allocationId", "eip-0123456789abcdef0"), "spec.elasticIp.allocationId", "should match"),
        bad("private IP with three parts", s -> child(s, "elasticIp").put("privateIpAddress", "10.0.1"), "spec.elasticIp.privateIpAddress", "should match"),
        bad("private IP as a host name", s -> child(s, "elasticIp").put("privateIpAddress", "db.internal"), "spec.elasticIp.privateIpAddress", "should match"),
        bad("elasticIp as a string", s -> s.put("elasticIp", "eipalloc-0123456789abcdef0"), "spec.elasticIp", "must be of type object"),
        bad("region in upper case", s -> s.put("region", "US-EAST-1"), "spec.region", "should match"),
        bad("region without dashes", s -> s.put("region", "useast1"), "spec.region", "should match"),
        bad("paused as text", s -> s.put("paused", "yes"), "spec.paused", "must be of type boolean"),
        bad("misspelt field", s -> s.put("activ", "Standby"), "unknown field \"spec.activ\""),
        bad("misspelt nested field", s -> child(s, "primary").put("instanceID", "i-0cccccccccccccccc"), "unknown field \"spec.primary.instanceID\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPairs")
  void theServerRejectsAnInvalidPairNamingTheField(String what, Consumer<Map<String, Object>> change, List<String> messageParts) {
    Map<String, Object> spec = validSpec();
    change.accept(spec);
    String name = "bad-" + names.incrementAndGet();

    KubernetesClientException refused = catchThrowableOfType(KubernetesClientException.class, () -> create(name, spec));

    assertThat(refused).as(what + ": accepted by the server").isNotNull();
    // A value the schema refuses is 422 Invalid; a field it does not know is 400 from the strict decoder.
    int expected = messageParts.get(0).startsWith("unknown field") ? 400 : 422;
    assertThat(refused.getCode()).as(refused.getMessage()).isEqualTo(expected);
    assertThat(refused.getMessage()).contains(messageParts);
    assertThat(client.resources(EniFailoverPair.class).inNamespace(namespace).withName(name).get()).isNull();
  }

  @Test
  void theInterfaceOfAPairCannotBeChanged() {
    create("immutable", validSpec());
    Map<String, Object> changed = validSpec();
    changed.put("networkInterfaceId", "eni-0fedcba9876543210");

    KubernetesClientException refused = catchThrowableOfType(KubernetesClientException.class,
        () -> client.genericKubernetesResources(EniFailoverPair.GROUP + "/" + EniFailoverPair.VERSION, "EniFailoverPair")
            .inNamespace(namespace).withName("immutable")
            .edit(r -> {
              r.setAdditionalProperty("spec", changed);
              return r;
            }));

    assertThat(refused).isNotNull();
    assertThat(refused.getCode()).isEqualTo(422);
    assertThat(refused.getMessage()).contains("spec.networkInterfaceId", "networkInterfaceId is immutable");
    assertThat(client.resources(EniFailoverPair.class).inNamespace(namespace).withName("immutable").get().getSpec().getNetworkInterfaceId())
        .isEqualTo("eni-0123456789abcdef0");
  }

  @Test
  void aMinimalPairComesBackWithItsDefaults() {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("networkInterfaceId", "eni-0123456789abcdef0");
    spec.put("primary", Map.of("instanceId", "i-0aaaaaaaaaaaaaaaa"));
    spec.put("standby", Map.of("instanceId", "i-0bbbbbbbbbbbbbbbb"));

    create("minimal", spec);

    EniFailoverPair pair = client.resources(EniFailoverPair.class).inNamespace(namespace).withName("minimal").get();
    assertThat(pair.getSpec().getActive()).hasToString("Primary");
    assertThat(pair.getSpec().getDeviceIndex()).isEqualTo(1);
    assertThat(pair.getSpec().getPaused()).isFalse();
    assertThat(pair.getSpec().getElasticIp()).isNull();
    assertThat(pair.getSpec().getRegion()).isNull();
  }

  static GenericKubernetesResource create(String name, Map<String, Object> spec) {
    GenericKubernetesResource pair = new GenericKubernetesResourceBuilder()
        .withApiVersion(EniFailoverPair.GROUP + "/" + EniFailoverPair.VERSION)
        .withKind("EniFailoverPair")
        .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .addToAdditionalProperties("spec", spec)
        .build();
    return client.resource(pair).fieldValidation(FieldValidateable.Validation.STRICT).create();
  }
}
