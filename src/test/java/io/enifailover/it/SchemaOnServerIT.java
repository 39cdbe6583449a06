package io.enifailover.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.enifailover.api.CrdManifest;
import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.EniFailoverPairSpec;
import io.enifailover.model.Strategy;
import io.enifailover.testing.TestCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
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

  /** A RouteTable pair across two zones: each side's own interface, routes in two tables, an Elastic IP per side. */
  static Map<String, Object> routeTableSpec() {
    Map<String, Object> spec = validSpec();
    spec.remove("networkInterfaceId");
    spec.put("strategy", "RouteTable");
    child(spec, "primary").put("networkInterfaceId", "eni-0aaaaaaaaaaaaaaa1");
    child(spec, "standby").put("networkInterfaceId", "eni-0bbbbbbbbbbbbbbb1");
    spec.put("routeTable", new LinkedHashMap<>(Map.of(
        "destinations", List.of("192.168.100.10/32", "2600:1f18:abcd::10/128"),
        "routeTableIds", List.of("rtb-0123456789abcdef0", "rtb-0fedcba9876543210"))));
    child(spec, "elasticIp").remove("privateIpAddress");
    child(spec, "elasticIp").put("privateIpAddresses", new LinkedHashMap<>(Map.of("primary", "10.0.1.25", "standby", "10.0.2.25")));
    return spec;
  }

  /** A SecondaryIp pair: the sides' primary interfaces by default, the Elastic IP on the address that moves. */
  static Map<String, Object> secondaryIpSpec() {
    Map<String, Object> spec = validSpec();
    spec.remove("networkInterfaceId");
    spec.put("strategy", "SecondaryIp");
    spec.put("secondaryIp", new LinkedHashMap<>(Map.of("privateIpAddresses", List.of("10.0.1.50", "10.0.1.51"))));
    child(spec, "elasticIp").put("privateIpAddress", "10.0.1.50");
    return spec;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> child(Map<String, Object> spec, String key) {
    return (Map<String, Object>) spec.get(key);
  }

  static Arguments bad(String what, Consumer<Map<String, Object>> change, String... messageParts) {
    return Arguments.of(what, change, List.of(messageParts));
  }

  /** A change to a valid RouteTable pair. */
  static Arguments badRoutes(String what, Consumer<Map<String, Object>> change, String... messageParts) {
    return bad(what, s -> {
      s.clear();
      s.putAll(routeTableSpec());
      change.accept(s);
    }, messageParts);
  }

  /** A change to a valid SecondaryIp pair. */
  static Arguments badSecondaryIp(String what, Consumer<Map<String, Object>> change, String... messageParts) {
    return bad(what, s -> {
      s.clear();
      s.putAll(secondaryIpSpec());
      change.accept(s);
    }, messageParts);
  }

  static Stream<Arguments> invalidPairs() {
    return Stream.of(
        bad("InterfaceMove without networkInterfaceId", s -> s.remove("networkInterfaceId"),
            "spec: Invalid value", "networkInterfaceId is required with strategy InterfaceMove"),
        bad("InterfaceMove named, without networkInterfaceId", s -> {
              s.put("strategy", "InterfaceMove");
              s.remove("networkInterfaceId");
            }, "spec: Invalid value", "networkInterfaceId is required with strategy InterfaceMove"),
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
        bad("unknown strategy", s -> s.put("strategy", "Routes"), "spec.strategy", "Unsupported value"),
        bad("routeTable on an InterfaceMove pair", s -> s.put("routeTable", routeTableSpec().get("routeTable")),
            "spec: Invalid value", "routeTable is only for strategy RouteTable"),
        bad("secondaryIp on an InterfaceMove pair", s -> s.put("secondaryIp", secondaryIpSpec().get("secondaryIp")),
            "spec: Invalid value", "secondaryIp is only for strategy SecondaryIp"),
        bad("a side's own interface on an InterfaceMove pair", s -> child(s, "standby").put("networkInterfaceId", "eni-0bbbbbbbbbbbbbbb1"),
            "spec: Invalid value", "primary.networkInterfaceId and standby.networkInterfaceId are only for strategies RouteTable and SecondaryIp"),
        bad("an Elastic IP per side on an InterfaceMove pair", s -> {
              child(s, "elasticIp").remove("privateIpAddress");
              child(s, "elasticIp").put("privateIpAddresses", Map.of("primary", "10.0.1.25", "standby", "10.0.2.25"));
            }, "spec: Invalid value", "elasticIp.privateIpAddresses is only for strategy RouteTable"),
        badRoutes("RouteTable without routeTable", s -> s.remove("routeTable"),
            "spec: Invalid value", "strategy RouteTable needs routeTable"),
        badRoutes("RouteTable with networkInterfaceId", s -> s.put("networkInterfaceId", "eni-0123456789abcdef0"),
            "spec: Invalid value", "networkInterfaceId is only for strategy InterfaceMove"),
        badRoutes("privateIpAddress with privateIpAddresses", s -> child(s, "elasticIp").put("privateIpAddress", "10.0.1.25"),
            "spec.elasticIp: Invalid value", "privateIpAddress and privateIpAddresses are mutually exclusive"),
        badRoutes("an Elastic IP per side without the standby's", s -> child(child(s, "elasticIp"), "privateIpAddresses").remove("standby"),
            "spec.elasticIp.privateIpAddresses.standby", "Required value"),
        badRoutes("no destinations", s -> child(s, "routeTable").put("destinations", List.of()),
            "spec.routeTable.destinations", "should have at least 1 items"),
        badRoutes("a destination twice", s -> child(s, "routeTable").put("destinations", List.of("192.168.100.10/32", "192.168.100.10/32")),
            "spec.routeTable.destinations[1]", "Duplicate value"),
        badRoutes("a destination without its prefix length", s -> child(s, "routeTable").put("destinations", List.of("192.168.100.10")),
            "spec.routeTable.destinations[0]", "should match"),
        badRoutes("an IPv6 destination in upper case", s -> child(s, "routeTable").put("destinations", List.of("2600:1F18::10/128")),
            "spec.routeTable.destinations[0]", "should match"),
        badRoutes("51 destinations", s -> child(s, "routeTable").put("destinations",
                IntStream.range(0, 51).mapToObj(i -> "192.168.100." + i + "/32").toList()),
            "spec.routeTable.destinations", "must have at most 50 items"),
        badRoutes("a route table id malformed", s -> child(s, "routeTable").put("routeTableIds", List.of("rt-0123456789abcdef0")),
            "spec.routeTable.routeTableIds[0]", "should match"),
        badRoutes("createMissingRoutes as text", s -> child(s, "routeTable").put("createMissingRoutes", "yes"),
            "spec.routeTable.createMissingRoutes", "must be of type boolean"),
        badSecondaryIp("SecondaryIp without secondaryIp", s -> s.remove("secondaryIp"),
            "spec: Invalid value", "strategy SecondaryIp needs secondaryIp"),
        badSecondaryIp("routeTable on a SecondaryIp pair", s -> s.put("routeTable", routeTableSpec().get("routeTable")),
            "spec: Invalid value", "routeTable is only for strategy RouteTable"),
        badSecondaryIp("a secondary IP with a prefix length", s -> child(s, "secondaryIp").put("privateIpAddresses", List.of("10.0.1.50/32")),
            "spec.secondaryIp.privateIpAddresses[0]", "should match"),
        badSecondaryIp("11 secondary IPs", s -> child(s, "secondaryIp").put("privateIpAddresses",
                IntStream.range(0, 11).mapToObj(i -> "10.0.1." + (50 + i)).toList()),
            "spec.secondaryIp.privateIpAddresses", "must have at most 10 items"),
        bad("misspelt field", s -> s.put("activ", "Standby"), "unknown field \"spec.activ\""),
        badRoutes("misspelt routeTable field", s -> child(s, "routeTable").put("routeTableId", List.of("rtb-0123456789abcdef0")),
            "unknown field \"spec.routeTable.routeTableId\""),
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
  void theStrategyOfAPairCannotBeChanged() {
    create("strategy", validSpec());

    KubernetesClientException refused = catchThrowableOfType(KubernetesClientException.class,
        () -> client.genericKubernetesResources(EniFailoverPair.GROUP + "/" + EniFailoverPair.VERSION, "EniFailoverPair")
            .inNamespace(namespace).withName("strategy")
            .edit(r -> {
              r.setAdditionalProperty("spec", routeTableSpec());
              return r;
            }));

    assertThat(refused).isNotNull();
    assertThat(refused.getCode()).isEqualTo(422);
    assertThat(refused.getMessage()).contains("spec.strategy", "strategy is immutable: create another EniFailoverPair");
    assertThat(client.resources(EniFailoverPair.class).inNamespace(namespace).withName("strategy").get().getSpec().getStrategy())
        .isEqualTo(Strategy.InterfaceMove);
  }

  @Test
  void aRouteTablePairIsAcceptedWithItsDefaults() {
    create("routes", routeTableSpec());

    EniFailoverPairSpec spec = client.resources(EniFailoverPair.class).inNamespace(namespace).withName("routes").get().getSpec();
    assertThat(spec.getStrategy()).isEqualTo(Strategy.RouteTable);
    assertThat(spec.getNetworkInterfaceId()).isNull();
    assertThat(spec.getPrimary().getNetworkInterfaceId()).isEqualTo("eni-0aaaaaaaaaaaaaaa1");
    assertThat(spec.getRouteTable().getDestinations()).containsExactly("192.168.100.10/32", "2600:1f18:abcd::10/128");
    assertThat(spec.getRouteTable().getRouteTableIds()).containsExactly("rtb-0123456789abcdef0", "rtb-0fedcba9876543210");
    assertThat(spec.getRouteTable().getCreateMissingRoutes()).isFalse();
    assertThat(spec.getElasticIp().getPrivateIpAddresses().getStandby()).isEqualTo("10.0.2.25");
  }

  @Test
  void aSecondaryIpPairIsAccepted() {
    create("secondary", secondaryIpSpec());

    EniFailoverPairSpec spec = client.resources(EniFailoverPair.class).inNamespace(namespace).withName("secondary").get().getSpec();
    assertThat(spec.getStrategy()).isEqualTo(Strategy.SecondaryIp);
    assertThat(spec.getPrimary().getNetworkInterfaceId()).as("default: the instance's primary interface").isNull();
    assertThat(spec.getSecondaryIp().getPrivateIpAddresses()).containsExactly("10.0.1.50", "10.0.1.51");
  }

  /** A manifest written before strategies existed still means an interface move, with the same defaults as before. */
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
    assertThat(pair.getSpec().getStrategy()).isEqualTo(Strategy.InterfaceMove);
    Object stored = client.genericKubernetesResources(EniFailoverPair.GROUP + "/" + EniFailoverPair.VERSION, "EniFailoverPair")
        .inNamespace(namespace).withName("minimal").get().getAdditionalProperties().get("spec");
    assertThat(stored).as("the defaults of before, and the strategy's").isEqualTo(Map.of(
        "networkInterfaceId", "eni-0123456789abcdef0",
        "primary", Map.of("instanceId", "i-0aaaaaaaaaaaaaaaa"),
        "standby", Map.of("instanceId", "i-0bbbbbbbbbbbbbbbb"),
        "active", "Primary", "deviceIndex", 1, "paused", false, "strategy", "InterfaceMove"));
  }

  /**
   * A pair stored under the CRD of before strategies, read and edited under the new one: it is an interface
   * move, and the rules that compare with the stored object (oldSelf) let its other fields change. The two
   * CRDs are renamed to a group of their own, so the shared CRD is not touched.
   */
  @Test
  void aPairStoredBeforeStrategiesIsAnInterfaceMoveAfterTheUpgrade() throws Exception {
    String group = "upgrade." + EniFailoverPair.GROUP;
    var crds = client.apiextensions().v1().customResourceDefinitions();
    CustomResourceDefinition before;
    try (InputStream in = SchemaOnServerIT.class.getResourceAsStream("/crd-history/before-strategies.yaml")) {
      before = inGroup(Serialization.unmarshal(in, CustomResourceDefinition.class), group);
    }
    CustomResourceDefinition after = inGroup(CrdManifest.load(), group);
    try {
      established(crds.resource(before).serverSideApply());
      var pairs = client.genericKubernetesResources(group + "/" + EniFailoverPair.VERSION, "EniFailoverPair").inNamespace(namespace);
      Map<String, Object> spec = validSpec();
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> pairs.resource(new GenericKubernetesResourceBuilder()
          .withApiVersion(group + "/" + EniFailoverPair.VERSION).withKind("EniFailoverPair")
          .withNewMetadata().withName("stored").endMetadata()
          .addToAdditionalProperties("spec", spec).build()).create() != null);
      assertThat(child(pairs.withName("stored").get().getAdditionalProperties(), "spec")).doesNotContainKey("strategy");

      established(crds.resource(after).serverSideApply());

      await("the stored pair read under the new schema").atMost(Duration.ofSeconds(30))
          .until(() -> "InterfaceMove".equals(child(pairs.withName("stored").get().getAdditionalProperties(), "spec").get("strategy")));
      GenericKubernetesResource edited = pairs.withName("stored").edit(r -> {
        child(r.getAdditionalProperties(), "spec").put("active", "Standby");
        return r;
      });
      assertThat(child(edited.getAdditionalProperties(), "spec"))
          .containsEntry("active", "Standby").containsEntry("strategy", "InterfaceMove")
          .containsEntry("networkInterfaceId", "eni-0123456789abcdef0");
    } finally {
      crds.withName(after.getMetadata().getName()).withTimeout(60, TimeUnit.SECONDS).delete();
    }
  }

  private static CustomResourceDefinition inGroup(CustomResourceDefinition crd, String group) {
    crd.getMetadata().setName(crd.getSpec().getNames().getPlural() + "." + group);
    crd.getSpec().setGroup(group);
    return crd;
  }

  private static void established(CustomResourceDefinition crd) {
    client.apiextensions().v1().customResourceDefinitions().resource(crd).waitUntilCondition(
        c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
            && c.getStatus().getConditions().stream().anyMatch(s -> "Established".equals(s.getType()) && "True".equals(s.getStatus())),
        60, TimeUnit.SECONDS);
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
