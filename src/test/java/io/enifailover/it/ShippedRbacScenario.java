package io.enifailover.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.enifailover.model.Side;
import io.enifailover.plan.TenantGuard;
import io.enifailover.sim.Ec2Simulator;
import io.enifailover.testing.FastEc2;
import io.enifailover.testing.OperatorProcess;
import io.enifailover.testing.Pairs;
import io.enifailover.testing.ServiceAccountKubeconfig;
import io.enifailover.testing.TestCluster;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Two replicas of the shipped jar's {@code run}, started with a Deployment's container args and the
 * token of its ServiceAccount, on a real API server where exactly the shipped RBAC is applied. Proves
 * those permissions by using them: leading, writing status, recording Events, renewing the Lease past
 * its renew deadline, releasing it at SIGTERM so the standby leads within 2 s, and the standby (started
 * while the Lease was held) failing back.
 */
public final class ShippedRbacScenario {
  private static final Duration LEASE_DURATION = Duration.ofSeconds(15);
  /** The JVM's exit code once its shutdown hooks have run after SIGTERM is 143 (128 + 15); 0 if it ended first. */
  private static final List<Integer> STOPPED_BY_SIGTERM = List.of(0, 143);

  private final TestCluster cluster = TestCluster.get();
  private final KubernetesClient admin = cluster.client();
  private final String operatorNamespace;
  private final String serviceAccount;
  private final List<String> containerArgs;
  private final String leaseName;

  /**
   * @param rbac the ServiceAccount, roles and bindings to apply, as shipped
   * @param containerArgs the operator Deployment's container args, as shipped
   */
  public ShippedRbacScenario(String operatorNamespace, String serviceAccount, List<HasMetadata> rbac, List<String> containerArgs) {
    cluster.assumeReal();
    this.operatorNamespace = operatorNamespace;
    this.serviceAccount = serviceAccount;
    this.containerArgs = containerArgs.stream().map(a -> a.replace("$(POD_NAMESPACE)", operatorNamespace)).toList();
    this.leaseName = this.containerArgs.stream().filter(a -> a.startsWith("--lease-name="))
        .map(a -> a.substring(a.indexOf('=') + 1)).findFirst().orElse("eni-failover-operator");
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(operatorNamespace).endMetadata().build())
        .serverSideApply();
    rbac.forEach(object -> admin.resource(object).forceConflicts().serverSideApply());
    admin.leases().inNamespace(operatorNamespace).withName(leaseName).delete();
  }

  public void run(Path dir) throws Exception {
    try (Ec2Simulator sim = Ec2Simulator.start(FastEc2.config())) {
      String namespace = cluster.namespace("rbac");
      sim.tagNewResources(Map.of(TenantGuard.NAMESPACE_TAG, namespace));
      Pairs pairs = new Pairs(admin, namespace, Duration.ofSeconds(30));
      Path kubeconfig = ServiceAccountKubeconfig.write(cluster, operatorNamespace, serviceAccount, dir.resolve("kubeconfig"));
      List<String> args = new ArrayList<>(containerArgs);
      args.addAll(List.of("--region=us-east-1", "--ec2-endpoint=" + sim.endpoint()));
      Map<String, String> env = Map.of("POD_NAMESPACE", operatorNamespace);

      try (OperatorProcess first = OperatorProcess.start(args, kubeconfig, "replica-a", env, dir).awaitReady()) {
        await("replica-a holds the lease").atMost(Duration.ofSeconds(15)).until(() -> holder().equals("replica-a"));
        assertThat(first.httpStatus("/healthz")).isEqualTo(200);

        TestWorld w = TestWorld.create(sim);
        pairs.create("shipped-rbac", w.eni(), w.primary(), w.standby(), w.allocation(), spec -> {});
        try {
          pairs.awaitReady("shipped-rbac");
        } catch (AssertionError | RuntimeException e) {
          throw new AssertionError("the pair did not become Ready; the operator's log:\n" + first.log(), e);
        }
        assertThat(pairs.events("shipped-rbac")).extracting(Event::getReason).contains("Attaching");

        try (OperatorProcess second = OperatorProcess.start(args, kubeconfig, "replica-b", env, dir).awaitReady()) {
          // Renewals are PATCHes: without that verb the leader loses the lease at its renew deadline (10 s).
          await("replica-a keeps the lease past its duration")
              .during(LEASE_DURATION.plusSeconds(1))
              .atMost(LEASE_DURATION.plusSeconds(10))
              .until(() -> holder().equals("replica-a") && first.alive());

          pairs.setActive("shipped-rbac", Side.Standby);
          pairs.awaitReady("shipped-rbac");
          assertThat(sim.attachmentOf(w.eni())).hasValueSatisfying(a -> assertThat(a.instanceId()).isEqualTo(w.standby()));

          assertThat(first.terminate(Duration.ofSeconds(20))).as("replica-a stopped on SIGTERM").isIn(STOPPED_BY_SIGTERM);
          await("replica-b leads after replica-a released the lease")
              .atMost(Duration.ofSeconds(2))
              .until(() -> holder().equals("replica-b"));

          pairs.setActive("shipped-rbac", Side.Primary);
          pairs.awaitReady("shipped-rbac");
          assertThat(sim.attachmentOf(w.eni())).hasValueSatisfying(a -> assertThat(a.instanceId()).isEqualTo(w.primary()));
          assertThat(second.terminate(Duration.ofSeconds(20))).as("replica-b stopped on SIGTERM").isIn(STOPPED_BY_SIGTERM);
          assertCleanLog(second.log());
        }
        String firstLog = first.log();
        assertCleanLog(firstLog);
        assertThat(firstLog).contains("\"message\":\"operator started\"", "\"message\":\"stopping\"", "released the leader lease");
      }
    }
  }

  private static void assertCleanLog(String log) {
    assertThat(log).doesNotContain("Forbidden", "forbidden", "Exception", "lost the leader lease");
  }

  private String holder() {
    Lease lease = admin.leases().inNamespace(operatorNamespace).withName(leaseName).get();
    String holder = lease == null ? null : lease.getSpec().getHolderIdentity();
    return holder == null ? "" : holder;
  }
}
