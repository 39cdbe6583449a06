package io.enifailover.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.enifailover.model.ActiveRole;
import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.EniFailoverPairSpec;
import io.enifailover.api.EniFailoverPairStatus;
import io.enifailover.model.Side;
import io.enifailover.ec2.Ec2Gateways;
import io.enifailover.ec2.Ec2Settings;
import io.enifailover.plan.TenantGuard;
import io.enifailover.reconcile.Pacing;
import io.enifailover.metrics.OperatorMetrics;
import io.enifailover.runtime.EniFailoverOperator;
import io.enifailover.runtime.OperatorSettings;
import io.enifailover.status.Conditions;
import io.enifailover.testing.Pairs;
import io.enifailover.testing.TestCluster;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The real operator (JOSDK on a real kube-apiserver, production gateway and SDK client) pointed at
 * moto exactly as it would be in production: the endpoint comes from {@code AWS_ENDPOINT_URL_EC2}, resolved
 * by the operator's own settings code, and credentials from the SDK's default chain. Only the pacing is
 * shortened so that a stalled pair is looked at again within a second.
 */
final class MotoOperatorHarness implements AutoCloseable {
  static final Duration AWAIT = Duration.ofSeconds(20);
  /** Long enough for several resyncs and stalled retries at the pacing below. */
  static final Duration HOLD = Duration.ofMillis(1500);

  final Ec2Client ec2;
  final KubernetesClient client;
  final Pairs pairs;
  final String namespace;
  private final Ec2Gateways gateways;
  private final EniFailoverOperator operator;

  MotoOperatorHarness() {
    Moto.endpoint(); // fail first, with the way to start moto, when it is not configured
    ec2 = Moto.client();
    TestCluster cluster = TestCluster.get();
    client = cluster.client();
    namespace = cluster.namespace("conformance");
    pairs = new Pairs(client, namespace, AWAIT);
    gateways =
        new Ec2Gateways(new Ec2Settings(Moto.REGION, Ec2Settings.resolveEndpoint(Optional.empty(), System.getenv()), false));
    Pacing pacing = Pacing.defaults().withResync(Duration.ofMillis(300)).withStalledRetry(Duration.ofMillis(300));
    operator =
        new EniFailoverOperator(
                client,
                gateways,
                OperatorSettings.defaults()
                    .withNamespaces(Set.of(namespace))
                    .withPacing(pacing)
                    .withDetachStuckAfter(Duration.ofSeconds(5)),
                OperatorMetrics.prometheus())
            .start();
  }

  /** Tags the world's interface, instances and Elastic IP for the pairs' namespace, as a platform team would. */
  void assign(MotoWorld w) {
    assign(w.eni(), w.primary(), w.standby(), w.allocation());
  }

  void assign(String... resourceIds) {
    Tag tag = Tag.builder().key(TenantGuard.NAMESPACE_TAG).value(namespace).build();
    ec2.createTags(r -> r.resources(resourceIds).tags(tag));
  }

  EniFailoverPair create(String name, MotoWorld w, Consumer<EniFailoverPairSpec> customize) {
    return pairs.create(name, w.eni(), w.primary(), w.standby(), w.allocation(), customize);
  }

  EniFailoverPair create(String name, MotoWorld w) {
    return create(name, w, spec -> {});
  }

  EniFailoverPairStatus status(String name) {
    return pairs.status(name);
  }

  void setActive(String name, Side side) {
    pairs.setActive(name, side);
  }

  /**
   * As {@code kubectl patch efp NAME --type merge -p '{"spec":{"paused":true}}'}: a paused pair is observed and
   * reported on, and the operator changes nothing in EC2 for it.
   */
  void setPaused(String name, boolean paused) {
    pairs.edit(name, pair -> {
      pair.getSpec().setPaused(paused);
      return pair;
    });
  }

  /**
   * The operator has written the status of the pair's current generation. Passes run one at a time per pair and
   * start from the informer's copy, which never goes back: every later pass acts on this spec (or a newer one).
   */
  void awaitObserved(String name) {
    await("pair " + name + " observed at its current generation").atMost(AWAIT).until(() -> {
      EniFailoverPair pair = pairs.get(name);
      Long observed = pair.getStatus() == null ? null : pair.getStatus().getObservedGeneration();
      return observed != null && observed.equals(pair.getMetadata().getGeneration());
    });
  }

  void deleteAllPairs() {
    pairs.deleteAll();
  }

  void awaitReady(String name) {
    pairs.awaitReady(name);
  }

  /** Stalled=True with this reason for the pair's current generation, Ready=False with the same reason, not Reconciling. */
  void awaitStalled(String name, String reason) {
    pairs.awaitStalled(name, reason);
    assertThat(pairs.condition(name, Conditions.RECONCILING)).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False"));
  }

  String stalledMessage(String name) {
    return pairs.condition(name, Conditions.STALLED).map(Condition::getMessage).orElse("");
  }

  /** The reasons of the Kubernetes events recorded for the pair, oldest first. */
  List<String> eventReasons(String name) {
    return pairs.events(name).stream().map(Event::getReason).toList();
  }

  MotoState moto() {
    return MotoState.read(ec2);
  }

  /** moto's state stays exactly {@code before} for a while: the operator sent nothing that changed EC2. */
  void assertMotoUnchangedFor(MotoState before) {
    await("moto unchanged for " + HOLD.toMillis() + " ms")
        .during(HOLD)
        .atMost(HOLD.plus(AWAIT))
        .until(() -> moto().equals(before));
  }

  /**
   * The pair's status tells what moto shows: the side and instance that carry the interface, the
   * attachment id, and the public IP on the interface's private IP (read from DescribeAddresses as well).
   */
  void assertStatusAgreesWithMoto(String name, MotoWorld w, ActiveRole role, String instanceId) {
    MotoState state = moto();
    MotoState.EniState eni = state.eni(w.eni());
    EniFailoverPairStatus status = status(name);
    assertThat(eni.attachedTo(instanceId)).as("moto shows %s attached to %s: %s", w.eni(), instanceId, eni).isTrue();
    assertThat(eni.deviceIndex()).isEqualTo(1);
    assertThat(status.getActiveRole()).isEqualTo(role);
    assertThat(status.getActiveInstanceId()).isEqualTo(eni.instanceId());
    assertThat(status.getAttachmentId()).isEqualTo(eni.attachmentId());
    assertThat(status.getPublicIp()).isEqualTo(eni.publicIp()).isEqualTo(w.publicIp());
    MotoState.AddressState address = state.address(w.allocation());
    assertThat(address.networkInterfaceId()).isEqualTo(w.eni());
    assertThat(address.privateIpAddress()).isEqualTo(w.privateIp());
    assertThat(address.publicIp()).isEqualTo(status.getPublicIp());
    assertThat(state.instances().get(instanceId).interfaceByDeviceIndex()).containsEntry(1, w.eni());
  }

  @Override
  public void close() {
    operator.close();
    gateways.close();
    ec2.close();
  }
}
