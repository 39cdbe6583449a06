package io.enifailover.it;

import static org.awaitility.Awaitility.await;

import io.enifailover.api.ElasticIpSpec;
import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.EniFailoverPairSpec;
import io.enifailover.api.InstanceRef;
import io.enifailover.api.Side;
import io.enifailover.ec2.Ec2Gateways;
import io.enifailover.ec2.Ec2Settings;
import io.enifailover.metrics.OperatorMetrics;
import io.enifailover.reconcile.Pacing;
import io.enifailover.runtime.EniFailoverOperator;
import io.enifailover.runtime.InProcessKubernetes;
import io.enifailover.runtime.OperatorSettings;
import io.enifailover.sim.Ec2Simulator;
import io.enifailover.sim.SimulatorConfig;
import io.enifailover.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The real operator (JOSDK, real Fabric8 client) on an in-process Kubernetes API in CRUD mode, driving
 * the EC2 simulator over HTTP through the real gateway. Fast transitions and pacing so tests run in
 * seconds; everything else is production code.
 */
final class OperatorHarness implements AutoCloseable {
  static final String NAMESPACE = "payments";
  static final Duration DETACH_STUCK_AFTER = Duration.ofMillis(1500);

  final Ec2Simulator sim;
  final InProcessKubernetes kube;
  final KubernetesClient client;
  final OperatorMetrics metrics = OperatorMetrics.prometheus();
  private final Ec2Gateways gateways;
  private EniFailoverOperator operator;

  OperatorHarness() {
    this(SimulatorConfig.defaults().withDetachDuration(Duration.ofMillis(300)).withAttachDuration(Duration.ofMillis(200)));
  }

  OperatorHarness(SimulatorConfig config) {
    sim = Ec2Simulator.start(config);
    kube = new InProcessKubernetes();
    client = kube.client();
    gateways = new Ec2Gateways(new Ec2Settings("us-east-1", Optional.of(sim.endpoint()), true), metrics);
    startOperator();
  }

  static OperatorSettings settings() {
    Pacing pacing =
        Pacing.defaults().withResync(Duration.ofMillis(500)).withStalledRetry(Duration.ofMillis(500));
    return OperatorSettings.defaults().withPacing(pacing).withDetachStuckAfter(DETACH_STUCK_AFTER);
  }

  void startOperator() {
    operator = newOperator(settings()).start();
  }

  /** Another operator on the same Kubernetes API and EC2, not started. */
  EniFailoverOperator newOperator(OperatorSettings settings) {
    return new EniFailoverOperator(client, gateways, settings, metrics);
  }

  EniFailoverOperator operator() {
    return operator;
  }

  void stopOperator() {
    operator.close();
  }

  EniFailoverPair create(String name, TestWorld w, Consumer<EniFailoverPairSpec> customize) {
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

  EniFailoverPair create(String name, TestWorld w) {
    return create(name, w, spec -> {});
  }

  EniFailoverPair get(String name) {
    return client.resources(EniFailoverPair.class).inNamespace(NAMESPACE).withName(name).get();
  }

  void edit(String name, UnaryOperator<EniFailoverPair> change) {
    client.resources(EniFailoverPair.class).inNamespace(NAMESPACE).withName(name).edit(change);
  }

  void setActive(String name, Side side) {
    edit(name, p -> {
      p.getSpec().setActive(side);
      return p;
    });
  }

  Optional<Condition> condition(String name, String type) {
    EniFailoverPair pair = get(name);
    return pair == null || pair.getStatus() == null ? Optional.empty() : pair.getStatus().condition(type);
  }

  boolean isReady(String name, long generation) {
    return condition(name, Conditions.READY)
        .filter(c -> "True".equals(c.getStatus()) && c.getObservedGeneration() == generation)
        .isPresent();
  }

  String readyReason(String name) {
    return condition(name, Conditions.READY).map(Condition::getReason).orElse("");
  }

  void awaitReady(String name) {
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> isReady(name, get(name).getMetadata().getGeneration()));
  }

  void awaitReason(String name, String reason) {
    await().atMost(Duration.ofSeconds(15)).until(() -> readyReason(name).equals(reason));
  }

  List<Event> events(String name) {
    return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  /** Requests of one action that named {@code id}. */
  long requests(String action, String id) {
    return sim.requestLog().stream()
        .filter(r -> r.action().equals(action) && r.params().containsValue(id))
        .count();
  }

  /** Deletes every pair, so that tests sharing this harness never see each other's reconciliation. */
  void deleteAllPairs() {
    client.resources(EniFailoverPair.class).inAnyNamespace().delete();
    await().atMost(Duration.ofSeconds(10)).until(() -> client.resources(EniFailoverPair.class).inAnyNamespace().list().getItems().isEmpty());
  }

  @Override
  public void close() {
    operator.close();
    gateways.close();
    kube.close();
    sim.close();
  }
}
