package io.enifailover.it;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.EniFailoverPairSpec;
import io.enifailover.model.Side;
import io.enifailover.plan.TenantGuard;
import io.enifailover.reconcile.Pacing;
import io.enifailover.runtime.EniFailoverOperator;
import io.enifailover.runtime.LocalStack;
import io.enifailover.runtime.OperatorSettings;
import io.enifailover.sim.Ec2Simulator;
import io.enifailover.sim.SimulatorConfig;
import io.enifailover.testing.FastEc2;
import io.enifailover.testing.Pairs;
import io.enifailover.testing.TestCluster;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The real operator (JOSDK, real Fabric8 client) on a real kube-apiserver ({@link TestCluster}), watching
 * a namespace of the test class's own, driving the EC2 simulator over HTTP through the real gateway.
 * Fast transitions and pacing so tests run in seconds; everything else is production code. Register it
 * as a static extension: it starts before the class's tests, deletes every pair and clears EC2 faults
 * after each test, and stops after the class.
 */
final class OperatorHarness implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
  static final Duration DETACH_STUCK_AFTER = Duration.ofMillis(1500);

  private final SimulatorConfig config;
  LocalStack stack;
  Ec2Simulator sim;
  KubernetesClient client;
  String namespace;
  Pairs pairs;

  OperatorHarness() {
    this(FastEc2.config());
  }

  OperatorHarness(SimulatorConfig config) {
    this.config = config;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    TestCluster cluster = TestCluster.get();
    client = cluster.client();
    namespace = cluster.namespace("it");
    stack = new LocalStack(config, client);
    sim = stack.sim;
    // As a platform team assigns a tenant's resources: everything this class creates belongs to its namespace.
    sim.tagNewResources(Map.of(TenantGuard.NAMESPACE_TAG, namespace));
    pairs = new Pairs(client, namespace, Duration.ofSeconds(15));
    startOperator();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    sim.faults().clear();
    pairs.deleteAll();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stack.close();
  }

  /** Test pacing, watching this harness's namespace only. */
  OperatorSettings settings() {
    Pacing pacing =
        Pacing.defaults().withResync(Duration.ofMillis(500)).withStalledRetry(Duration.ofMillis(500));
    return OperatorSettings.defaults()
        .withNamespaces(Set.of(namespace))
        .withPacing(pacing)
        .withDetachStuckAfter(DETACH_STUCK_AFTER);
  }

  void startOperator() {
    stack.startOperator(settings());
  }

  void stopOperator() {
    stack.stopOperator();
  }

  EniFailoverOperator newOperator(OperatorSettings settings) {
    return stack.newOperator(settings);
  }

  EniFailoverPair create(String name, TestWorld w, Consumer<EniFailoverPairSpec> customize) {
    return pairs.create(name, w.eni(), w.primary(), w.standby(), w.allocation(), customize);
  }

  /** A new world whose interface is already on the primary, a pair for it Ready there, and the simulator's counts reset. */
  TestWorld readyOnPrimary(String name, Consumer<EniFailoverPairSpec> customize) {
    TestWorld w = TestWorld.create(sim);
    sim.attachOutOfBand(w.eni(), w.primary(), 1);
    create(name, w, customize);
    awaitReady(name);
    sim.resetCounters();
    return w;
  }

  EniFailoverPair create(String name, TestWorld w) {
    return create(name, w, spec -> {});
  }

  EniFailoverPair get(String name) {
    return pairs.get(name);
  }

  void edit(String name, UnaryOperator<EniFailoverPair> change) {
    pairs.edit(name, change);
  }

  void setActive(String name, Side side) {
    pairs.setActive(name, side);
  }

  Optional<Condition> condition(String name, String type) {
    return pairs.condition(name, type);
  }

  boolean isReady(String name, long generation) {
    return pairs.isReady(name, generation);
  }

  void awaitReady(String name) {
    pairs.awaitReady(name);
  }

  void awaitReason(String name, String reason) {
    pairs.awaitReason(name, reason);
  }

  List<Event> events(String name) {
    return pairs.events(name);
  }

  /** Requests of one action that named {@code id}. */
  long requests(String action, String id) {
    return sim.requestLog().stream()
        .filter(r -> r.action().equals(action) && r.params().containsValue(id))
        .count();
  }


}
