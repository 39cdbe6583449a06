package io.enifailover.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.cli.DemoWorld;
import io.enifailover.reconcile.Pacing;
import io.enifailover.runtime.LocalStack;
import io.enifailover.runtime.OperatorSettings;
import io.enifailover.testing.FastEc2;
import io.enifailover.testing.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's tour, command by command, with the real kubectl against a real API server and the
 * operator running (EC2 from the simulator, seeded with the example's ids); and the other examples/
 * pairs as the API server takes them. Needs .ci/install-tools.sh.
 */
class KubectlTourIT {
  static final Path EXAMPLE = Path.of("examples", "pair.yaml");
  static TestCluster cluster;
  static LocalStack stack;
  static Path kubectl;

  @BeforeAll
  static void operator() {
    cluster = TestCluster.get();
    cluster.assumeReal();
    kubectl = Tools.kubectl();
    EniFailoverPair example = DemoWorld.example();
    // As on a fresh cluster, also when the suite runs again on the same server.
    cluster.client().resource(example).withTimeout(30, TimeUnit.SECONDS).delete();
    stack = new LocalStack(FastEc2.config(), cluster.client());
    DemoWorld.seed(stack.sim, example);
    stack.startOperator(OperatorSettings.defaults()
        .withNamespaces(Set.of(example.getMetadata().getNamespace()))
        .withPacing(Pacing.defaults().withResync(Duration.ofMillis(500))));
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  static String kubectl(String... args) {
    return Tools.runWithKubeconfig(cluster.kubeconfig(), kubectl, args).assertSuccess().stdout();
  }

  @Test
  void theReadmeTourWorksAsWritten() {
    kubectl("apply", "-f", "crds/");
    assertThat(kubectl("apply", "-f", EXAMPLE.toString()))
        .contains("namespace/payments", "enifailoverpair.enifailover.io/payments-db created");
    kubectl("-n", "payments", "wait", "--for=condition=Ready", "efp/payments-db", "--timeout=60s");

    List<String> table = kubectl("-n", "payments", "get", "efp").lines().toList();
    assertThat(columns(table.get(0))).containsExactly("NAME", "DESIRED", "ACTIVE", "INSTANCE", "READY", "REASON", "PUBLIC-IP", "AGE");
    assertThat(columns(table.get(1))).startsWith(
        "payments-db", "Primary", "Primary", "i-0aaaaaaaaaaaaaaaa", "True", "InSync", "203.0.113.10");

    kubectl("-n", "payments", "patch", "efp", "payments-db", "--type", "merge", "-p", "{\"spec\":{\"active\":\"Standby\"}}");
    kubectl("-n", "payments", "wait", "--for=condition=Ready", "efp/payments-db", "--timeout=60s");
    // wait must not have answered for the previous side: the conditions carry the generation they describe.
    assertThat(kubectl("-n", "payments", "get", "efp", "payments-db", "-o", "jsonpath={.status.activeRole}")).isEqualTo("Standby");
    assertThat(kubectl("-n", "payments", "get", "efp", "payments-db", "-o", "jsonpath={.status.lastFailover}"))
        .contains("\"from\":\"Primary\"", "\"to\":\"Standby\"", "\"trigger\":\"SpecChange\"", "\"completedAt\"");
    assertThat(kubectl("-n", "payments", "describe", "efp", "payments-db"))
        .contains("Detaching", "Attaching", "FailoverCompleted");

    List<String> wide = kubectl("-n", "payments", "get", "efp", "-o", "wide").lines().toList();
    // Wide output adds the strategy, defaulted for a manifest that names none.
    assertThat(columns(wide.get(0))).startsWith("NAME", "STRATEGY", "DESIRED");
    assertThat(columns(wide.get(1))).hasSize(9).doesNotContain("<none>")
        .startsWith("payments-db", "InterfaceMove", "Standby", "Standby", "i-0bbbbbbbbbbbbbbbb", "True", "InSync", "203.0.113.10");

    kubectl("-n", "payments", "patch", "efp", "payments-db", "--type", "merge", "-p", "{\"spec\":{\"active\":\"Primary\"}}");
    kubectl("-n", "payments", "wait", "--for=condition=Ready", "efp/payments-db", "--timeout=60s");
    assertThat(kubectl("-n", "payments", "get", "efp", "payments-db", "-o", "jsonpath={.status.activeInstanceId}"))
        .isEqualTo("i-0aaaaaaaaaaaaaaaa");
  }

  @Test
  void explainDescribesEveryField() {
    String spec = kubectl("explain", "efp.spec");
    assertThat(spec).contains("networkInterfaceId", "primary", "standby", "active", "deviceIndex", "elasticIp", "region", "paused");
    String status = kubectl("explain", "efp.status");
    assertThat(status).contains("observedGeneration", "activeRole", "activeInstanceId", "attachmentId", "publicIp",
        "lastFailover", "failoverCount", "conditions");
    for (String path : List.of("efp.spec", "efp.spec.primary", "efp.spec.elasticIp", "efp.status", "efp.status.lastFailover",
        "efp.status.lastFailover.phases", "efp.status.conditions")) {
      assertThat(kubectl("explain", path)).as(path).doesNotContain("<empty>");
    }
  }

  @Test
  void theAutomaticExampleIsAcceptedAsWritten() {
    assertThat(kubectl("apply", "-f", "examples/automatic-pair.yaml")).contains("enifailoverpair.enifailover.io/orders-db");
    String failover = kubectl("-n", "orders", "get", "efp", "orders-db", "-o", "jsonpath={.spec.failover}");
    // Every field of the example survived the schema (none pruned), and what it leaves out got its default.
    assertThat(failover).contains("\"mode\":\"Automatic\"", "\"tcp\":{\"port\":5432}", "\"failureThreshold\":3",
        "\"failback\":\"Manual\"", "\"cooldownSeconds\":60", "\"fencing\":\"None\"", "\"failbackAfterSeconds\":300");
  }

  @Test
  void theMultiTenantExampleIsAcceptedAsWritten() {
    assertThat(kubectl("apply", "-f", "examples/multi-tenant-pair.yaml"))
        .contains("namespace/billing", "rolebinding.rbac.authorization.k8s.io/billing-team-edit", "enifailoverpair.enifailover.io/billing-db");
    assertThat(kubectl("-n", "billing", "get", "efp", "billing-db", "-o", "jsonpath={.spec.standby.instanceId} {.spec.deviceIndex}"))
        .as("the standby payments-db (examples/pair.yaml) uses too, at another device index")
        .isEqualTo(DemoWorld.example().getSpec().getStandby().getInstanceId() + " 2");
  }

  @Test
  void theRouteTableExampleIsAcceptedAsWritten() {
    assertThat(kubectl("apply", "-f", "examples/route-table-pair.yaml")).contains("enifailoverpair.enifailover.io/payments-vip");
    assertThat(kubectl("-n", "payments", "get", "efp", "payments-vip", "-o",
        "jsonpath={.spec.strategy} {.spec.standby.networkInterfaceId} {.spec.routeTable.createMissingRoutes}"))
        .as("every field of the example survived the schema, and createMissingRoutes got its default")
        .isEqualTo("RouteTable eni-0bbbbbbbbbbbbbbb1 false");
  }

  static List<String> columns(String line) {
    return Arrays.asList(line.trim().split("\\s{2,}"));
  }
}
