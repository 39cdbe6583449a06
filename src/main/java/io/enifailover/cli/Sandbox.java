package io.enifailover.cli;

import io.enifailover.model.ActiveRole;
import io.enifailover.api.EniFailoverPair;
import io.enifailover.model.Side;
import io.enifailover.metrics.OperatorMetrics;
import io.enifailover.runtime.OperatorHttpServer;
import io.enifailover.runtime.InProcessKubernetes;
import io.enifailover.runtime.LocalStack;
import io.enifailover.runtime.OperatorSettings;
import io.enifailover.sim.Ec2Simulator;
import io.enifailover.sim.SimRequest;
import io.enifailover.sim.SimTransition;
import io.enifailover.sim.SimulatorConfig;
import io.enifailover.status.Conditions;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The real operator between an in-process Kubernetes API and the EC2 simulator, with the example pair's
 * world: what the demo and the benchmark run on.
 */
final class Sandbox implements AutoCloseable {
  private final LocalStack stack;
  final Ec2Simulator sim;
  final SimulatorConfig simulator;
  final InProcessKubernetes kube;
  final OperatorMetrics metrics;

  /** One failover as a user sees it: from the spec change to Ready on the new side. */
  record Failover(Instant flippedAt, Instant readyAt, long ec2Millis, Map<String, Long> calls, List<Long> gaps) {
    long totalMillis() {
      return Duration.between(flippedAt, readyAt).toMillis();
    }

    long addedMillis() {
      return totalMillis() - ec2Millis;
    }
  }

  Sandbox(SimulatorConfig simulator, OperatorSettings settings) {
    this.simulator = simulator;
    kube = new InProcessKubernetes();
    stack = new LocalStack(simulator, kube.client());
    sim = stack.sim;
    metrics = stack.metrics;
    stack.startOperator(settings);
  }

  OperatorHttpServer serveHttp(int port) {
    return stack.operator().serveHttp(port, metrics);
  }

  /** Creates the pair's EC2 world in the simulator, then the pair itself. */
  Resource<EniFailoverPair> apply(EniFailoverPair pair) {
    DemoWorld.seed(sim, pair);
    kube.client().resource(pair).create();
    return kube.client().resources(EniFailoverPair.class)
        .inNamespace(pair.getMetadata().getNamespace())
        .withName(pair.getMetadata().getName());
  }

  /** Waits, polling the API every 5 ms as a watching user would see it, until Ready on {@code side}. */
  static boolean awaitReadyOn(Resource<EniFailoverPair> pair, Side side, Duration timeout) throws InterruptedException {
    return await(pair, p -> p.getStatus().getActiveRole() == ActiveRole.valueOf(side.name())
        && p.getStatus().condition(Conditions.READY)
            .filter(c -> "True".equals(c.getStatus()) && c.getObservedGeneration().equals(p.getMetadata().getGeneration()))
            .isPresent(), timeout);
  }

  /** Waits until the status of a pair in automatic mode shows {@code side} with this health state (Healthy, Unhealthy). */
  static boolean awaitHealth(Resource<EniFailoverPair> pair, Side side, String state, Duration timeout) throws InterruptedException {
    return await(pair, p -> p.getStatus().getHealth() != null
        && Optional.ofNullable(side == Side.Primary ? p.getStatus().getHealth().getPrimary() : p.getStatus().getHealth().getStandby())
            .filter(h -> state.equals(h.getState()))
            .isPresent(), timeout);
  }

  /** Polls the API every 5 ms until the pair, once it has a status, satisfies {@code condition}. */
  private static boolean await(Resource<EniFailoverPair> pair, Predicate<EniFailoverPair> condition, Duration timeout)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      EniFailoverPair p = pair.get();
      if (p != null && p.getStatus() != null && condition.test(p)) {
        return true;
      }
      Thread.sleep(5);
    }
    return false;
  }

  /** Flips spec.active and measures until Ready; empty if it did not complete within {@code timeout}. */
  Optional<Failover> failover(Resource<EniFailoverPair> pair, Side to, Duration timeout) throws InterruptedException {
    int requestsBefore = sim.requestLog().size();
    Instant flipped = Instant.now();
    pair.edit(p -> {
      p.getSpec().setActive(to);
      return p;
    });
    if (!awaitReadyOn(pair, to, timeout)) {
      return Optional.empty();
    }
    Instant ready = Instant.now();
    List<SimTransition> transitions = sim.transitions().stream()
        .filter(t -> !t.requestedAt().isBefore(flipped) && t.completedAt() != null)
        .toList();
    long ec2 = transitions.stream().mapToLong(t -> Duration.between(t.requestedAt(), t.completedAt()).toMillis()).sum();
    // The operator's share, piece by piece: spec change -> first request, each completion -> next request or Ready.
    List<Long> gaps = new ArrayList<>();
    Instant previous = flipped;
    for (SimTransition t : transitions) {
      gaps.add(Duration.between(previous, t.requestedAt()).toMillis());
      previous = t.completedAt();
    }
    gaps.add(Duration.between(previous, ready).toMillis());
    var requests = sim.requestLog();
    Map<String, Long> calls = requests.subList(requestsBefore, requests.size()).stream()
        .collect(Collectors.groupingBy(SimRequest::action, TreeMap::new, Collectors.counting()));
    return Optional.of(new Failover(flipped, ready, ec2, calls, gaps));
  }

  @Override
  public void close() {
    stack.close();
    kube.close();
  }
}
