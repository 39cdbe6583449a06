package io.enifailover.cli;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.EniFailoverPairSpec;
import io.enifailover.api.FailoverSpec;
import io.enifailover.api.InstanceRef;
import io.enifailover.model.Side;
import io.enifailover.model.PairClaim;
import io.enifailover.plan.TenantGuard;
import io.enifailover.runtime.EniFailoverOperator;
import io.enifailover.runtime.InProcessKubernetes;
import io.enifailover.runtime.LocalStack;
import io.enifailover.runtime.OperatorSettings;
import io.enifailover.sim.SimInstanceState;
import io.enifailover.sim.SimulatorConfig;
import io.enifailover.status.Conditions;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.TreeMap;

/**
 * The benchmark's scale scenarios on the embedded sandbox, with EC2's request buckets on: N pairs in sync
 * (EC2 reads per resync), a mass failover of all of them, idle cost, and start to Ready.
 */
final class ScaleBench {
  static final String NAMESPACE = "scale";
  private final PrintStream out;
  private final int pairs;
  private final OperatorSettings settings;
  private final SimulatorConfig simulator;

  ScaleBench(PrintStream out, int pairs, OperatorSettings settings, SimulatorConfig simulator) {
    this.out = out;
    this.pairs = pairs;
    this.settings = settings;
    this.simulator = simulator;
  }

  int run(boolean massFailover) throws InterruptedException {
    try (InProcessKubernetes kube = new InProcessKubernetes(); LocalStack stack = new LocalStack(simulator, kube.client())) {
      KubernetesClient client = kube.client();
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
      stack.sim.tagNewResources(Map.of(TenantGuard.NAMESPACE_TAG, NAMESPACE));
      for (int i = 0; i < pairs; i++) {
        seed(stack, client, i);
      }
      out.printf("Scale: %d pairs in sync, EC2 buckets on (describes 100/20 per s, mutations 50/5 per s), budget share %.2f, "
              + "at most %d moves in flight, resync %d ms, detach %d ms, attach %d ms%n%n",
          pairs, settings.ec2Budget().share(), settings.ec2Budget().movesInFlight(), settings.pacing().resync().toMillis(),
          simulator.detachDuration().toMillis(), simulator.attachDuration().toMillis());

      Instant start = Instant.now();
      stack.startOperator(settings);
      if (!awaitAllReady(client, 1, Duration.ofMinutes(5))) {
        out.println("BENCH FAILED: not all pairs became Ready after the start");
        return 1;
      }
      out.printf("start to all Ready: %d ms%n", Duration.between(start, Instant.now()).toMillis());
      // Claims come last in the budget: steady state starts once every interface carries its pair's claim.
      while (!allClaimed(stack)) {
        Thread.sleep(100);
      }
      out.printf("start to all claims recorded: %d ms%n", Duration.between(start, Instant.now()).toMillis());
      Thread.sleep(Math.max(3000, settings.pacing().resync().multipliedBy(2).toMillis()));

      stack.sim.resetCounters();
      int resyncs = 5;
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long cpuBefore = os.getProcessCpuTime();
      Instant idleFrom = Instant.now();
      Thread.sleep(settings.pacing().resync().multipliedBy(resyncs).toMillis());
      double idleCpu = (os.getProcessCpuTime() - cpuBefore) / 1e9 / Duration.between(idleFrom, Instant.now()).toNanos() * 1e9;
      Map<String, Double> perResync = new TreeMap<>();
      stack.sim.callCounts().forEach((action, n) -> perResync.put(action, (double) n / resyncs));
      System.gc();
      long heapMiB = memory.getHeapMemoryUsage().getUsed() >> 20;
      out.printf("EC2 reads per resync, all in sync: %s (bound ceil(N/100) + 2 = %d)%n", perResync, (pairs + 99) / 100 + 2);
      out.printf("idle: %.1f %% of a core (operator, in-process API and simulator in one JVM), heap after GC %d MiB%n",
          idleCpu * 100, heapMiB);

      if (!restart(stack, client)) {
        return 1;
      }
      if (!massFailover) {
        return 0;
      }
      stack.sim.resetCounters();
      Instant flipped = Instant.now();
      for (int i = 0; i < pairs; i++) {
        client.resources(EniFailoverPair.class).inNamespace(NAMESPACE).withName(name(i))
            .edit(p -> {
              p.getSpec().setActive(Side.Standby);
              return p;
            });
      }
      if (!awaitAllReady(client, 3, Duration.ofMinutes(10))) {
        out.println("BENCH FAILED: the mass failover did not complete");
        return 1;
      }
      long millis = Duration.between(flipped, Instant.now()).toMillis();
      int requests = stack.sim.requestLog().size();
      int throttled = stack.sim.throttledCounts().values().stream().mapToInt(Integer::intValue).sum();
      double bound = Math.max(0, 2.0 * pairs - 50) / 5;
      out.printf("mass failover of %d pairs: all Ready after %d ms (bucket bound (2N - 50) / 5 s = %.1f s, so %.2f x the bound); "
              + "%d of %d requests throttled (%.1f %%) %s; most services down at once: %d%n",
          pairs, millis, bound, bound == 0 ? 0 : millis / 1000.0 / bound, throttled, requests, 100.0 * throttled / Math.max(1, requests),
          stack.sim.throttledCounts(), stack.sim.mostDetachedAtOnce(flipped));
      Map<String, Integer> calls = new TreeMap<>(stack.sim.callCounts());
      out.printf("EC2 requests of the mass failover: %s%n", calls);
      return 0;
    }
  }

  /**
   * The operator restarts over the pairs in sync, each edited meanwhile (a cooldown: no change to EC2), as a
   * rollout during a GitOps sync does: how long after /readyz every pair is Ready for its new generation, and
   * what the restart cost EC2.
   */
  private boolean restart(LocalStack stack, KubernetesClient client) throws InterruptedException {
    stack.stopOperator();
    for (int i = 0; i < pairs; i++) {
      client.resources(EniFailoverPair.class).inNamespace(NAMESPACE).withName(name(i)).edit(p -> {
        FailoverSpec failover = new FailoverSpec();
        failover.setCooldownSeconds(120);
        p.getSpec().setFailover(failover);
        return p;
      });
    }
    stack.sim.resetCounters();
    EniFailoverOperator operator = stack.startOperator(settings);
    while (!operator.ready()) {
      Thread.sleep(5);
    }
    Instant ready = Instant.now();
    if (!awaitAllReady(client, 2, Duration.ofMinutes(5))) {
      out.println("BENCH FAILED: not all pairs became Ready after the restart");
      return false;
    }
    Map<String, Integer> mutations = new TreeMap<>(stack.sim.callCounts());
    mutations.keySet().removeIf(action -> action.startsWith("Describe"));
    out.printf("restart over %d pairs in sync, each edited meanwhile: /readyz to all Ready for the new generation %d ms; "
        + "EC2 mutations %s; EC2 requests %s%n", pairs, Duration.between(ready, Instant.now()).toMillis(), mutations,
        new TreeMap<>(stack.sim.callCounts()));
    return true;
  }

  private boolean allClaimed(LocalStack stack) {
    for (int i = 0; i < pairs; i++) {
      if (!stack.sim.tagsOf(eni(i)).containsKey(PairClaim.TAG)) {
        return false;
      }
    }
    return true;
  }

  private static String eni(int i) {
    return "eni-0e" + String.format("%012x", i) + "000";
  }

  private static String name(int i) {
    return "pair-" + i;
  }

  /** Two running instances and an interface attached to the first, assigned to the namespace; then the pair. */
  private static void seed(LocalStack stack, KubernetesClient client, int i) {
    String n = String.format("%012x", i);
    String vpc = "vpc-0a1b2c3d4e5f60718";
    String subnet = "subnet-0a1b2c3d4e5f60718";
    String primary = "i-0a" + n + "000";
    String standby = "i-0b" + n + "000";
    String eni = eni(i);
    stack.sim.addInstance(primary, "us-east-1a", vpc, subnet, SimInstanceState.RUNNING);
    stack.sim.addInstance(standby, "us-east-1a", vpc, subnet, SimInstanceState.RUNNING);
    stack.sim.addNetworkInterface(eni, "us-east-1a", vpc, subnet, "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
    stack.sim.attachOutOfBand(eni, primary, 1);
    EniFailoverPairSpec spec = new EniFailoverPairSpec();
    spec.setNetworkInterfaceId(eni);
    spec.setPrimary(new InstanceRef(primary));
    spec.setStandby(new InstanceRef(standby));
    spec.setActive(Side.Primary);
    EniFailoverPair pair = new EniFailoverPair();
    pair.setMetadata(new ObjectMetaBuilder().withName(name(i)).withNamespace(NAMESPACE).build());
    pair.setSpec(spec);
    client.resource(pair).create();
  }

  /** Whether every pair became Ready for {@code generation} within {@code timeout}, as watched (a list of all pairs would cost more than the operator's work). */
  private boolean awaitAllReady(KubernetesClient client, long generation, Duration timeout) throws InterruptedException {
    Set<String> ready = ConcurrentHashMap.newKeySet();
    Consumer<EniFailoverPair> seen = p -> {
      boolean isReady = p.getStatus() != null && p.getMetadata().getGeneration() == generation && p.getStatus().condition(Conditions.READY)
          .filter(c -> "True".equals(c.getStatus()) && c.getObservedGeneration() == generation).isPresent();
      if (isReady) {
        ready.add(p.getMetadata().getName());
      } else {
        ready.remove(p.getMetadata().getName());
      }
    };
    Instant deadline = Instant.now().plus(timeout);
    try (var informer = client.resources(EniFailoverPair.class).inNamespace(NAMESPACE).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(EniFailoverPair pair) {
        seen.accept(pair);
      }

      @Override
      public void onUpdate(EniFailoverPair before, EniFailoverPair pair) {
        seen.accept(pair);
      }

      @Override
      public void onDelete(EniFailoverPair pair, boolean unknownFinalState) {
        ready.remove(pair.getMetadata().getName());
      }
    })) {
      while (ready.size() < pairs) {
        if (Instant.now().isAfter(deadline)) {
          return false;
        }
        Thread.sleep(10);
      }
      return true;
    }
  }

}
