package io.enifailover.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.enifailover.api.ActiveRole;
import io.enifailover.api.ElasticIpSpec;
import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.EniFailoverPairSpec;
import io.enifailover.api.EniFailoverPairStatus;
import io.enifailover.api.InstanceRef;
import io.enifailover.api.Side;
import io.enifailover.ec2.Ec2Gateways;
import io.enifailover.ec2.Ec2Settings;
import io.enifailover.reconcile.Pacing;
import io.enifailover.metrics.OperatorMetrics;
import io.enifailover.runtime.EniFailoverOperator;
import io.enifailover.runtime.InProcessKubernetes;
import io.enifailover.runtime.OperatorSettings;
import io.enifailover.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The real operator (JOSDK on an in-process Kubernetes API, production gateway and SDK client) pointed at
 * moto exactly as it would be in production: the endpoint comes from {@code AWS_ENDPOINT_URL_EC2}, resolved
 * by the operator's own settings code, and credentials from the SDK's default chain. Only the pacing is
 * shortened so that a stalled pair is looked at again within a second.
 */
final class MotoOperatorHarness implements AutoCloseable {
  static final String NAMESPACE = "conformance";
  static final Duration AWAIT = Duration.ofSeconds(20);
  /** Long enough for several resyncs and stalled retries at the pacing below. */
  static final Duration HOLD = Duration.ofMillis(1500);

  final Ec2Client ec2;
  final InProcessKubernetes kube;
  final KubernetesClient client;
  private final Ec2Gateways gateways;
  private final EniFailoverOperator operator;

  MotoOperatorHarness() {
    Moto.endpoint(); // fail first, with the way to start moto, when it is not configured
    ec2 = Moto.client();
    kube = new InProcessKubernetes();
    client = kube.client();
    gateways =
        new Ec2Gateways(new Ec2Settings(Moto.REGION, Ec2Settings.resolveEndpoint(Optional.empty(), System.getenv()), false));
    Pacing pacing = Pacing.defaults().withResync(Duration.ofMillis(300)).withStalledRetry(Duration.ofMillis(300));
    operator =
        new EniFailoverOperator(
                client,
                gateways,
                OperatorSettings.defaults().withPacing(pacing).withDetachStuckAfter(Duration.ofSeconds(5)),
                OperatorMetrics.prometheus())
            .start();
  }

  EniFailoverPair create(String name, MotoWorld w, Consumer<EniFailoverPairSpec> customize) {
    EniFailoverPairSpec spec = new EniFailoverPairSpec();
    spec.setNetworkInterfaceId(w.eni());
    spec.setPrimary(new InstanceRef(w.primary()));
    spec.setStandby(new InstanceRef(w.standby()));
    spec.setActive(Side.Primary);
    spec.setElasticIp(new ElasticIpSpec(w.allocation(), null));
    customize.accept(spec);
    EniFailoverPair pair = new EniFailoverPair();
    pair.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
    pair.setSpec(spec);
    return client.resource(pair).create();
  }

  EniFailoverPair create(String name, MotoWorld w) {
    return create(name, w, spec -> {});
  }

  EniFailoverPair get(String name) {
    return client.resources(EniFailoverPair.class).inNamespace(NAMESPACE).withName(name).get();
  }

  EniFailoverPairStatus status(String name) {
    return get(name).getStatus();
  }

  void setActive(String name, Side side) {
    client.resources(EniFailoverPair.class).inNamespace(NAMESPACE).withName(name).edit(p -> {
      p.getSpec().setActive(side);
      return p;
    });
  }

  void deleteAllPairs() {
    client.resources(EniFailoverPair.class).inNamespace(NAMESPACE).delete();
    await().atMost(AWAIT).until(() -> client.resources(EniFailoverPair.class).inNamespace(NAMESPACE).list().getItems().isEmpty());
  }

  Optional<Condition> condition(String name, String type) {
    EniFailoverPair pair = get(name);
    return pair == null || pair.getStatus() == null ? Optional.empty() : pair.getStatus().condition(type);
  }

  /** Ready=True for the pair's current generation. */
  void awaitReady(String name) {
    await("pair " + name + " Ready=True")
        .atMost(AWAIT)
        .until(() -> {
          long generation = get(name).getMetadata().getGeneration();
          return condition(name, Conditions.READY)
              .filter(c -> "True".equals(c.getStatus()) && c.getObservedGeneration() == generation)
              .isPresent();
        });
  }

  /** Stalled=True with this reason for the pair's current generation, and Ready=False with the same reason. */
  void awaitStalled(String name, String reason) {
    await("pair " + name + " Stalled=True/" + reason)
        .atMost(AWAIT)
        .until(() -> {
          long generation = get(name).getMetadata().getGeneration();
          return condition(name, Conditions.STALLED)
              .filter(c -> "True".equals(c.getStatus()) && reason.equals(c.getReason()) && c.getObservedGeneration() == generation)
              .isPresent();
        });
    assertThat(condition(name, Conditions.READY)).hasValueSatisfying(c -> {
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getReason()).isEqualTo(reason);
    });
    assertThat(condition(name, Conditions.RECONCILING)).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False"));
  }

  String stalledMessage(String name) {
    return condition(name, Conditions.STALLED).map(Condition::getMessage).orElse("");
  }

  /** The reasons of the Kubernetes events recorded for the pair, oldest first. */
  List<String> eventReasons(String name) {
    return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .map(Event::getReason)
        .toList();
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
    kube.close();
    ec2.close();
  }
}
