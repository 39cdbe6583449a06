package io.enifailover.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.enifailover.model.Side;
import io.enifailover.sim.SimInstanceState;
import io.enifailover.sim.SimAssociation;
import io.enifailover.sim.SimAttachment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A seeded random walk over three pairs that share instances and a device index: flips, attach
 * denials, throttling and operator restarts, while a watcher checks EC2 every 25 ms for what must
 * never happen. Reproducible: {@code -Dfuzz.seed=N -Dfuzz.steps=M} (the seed is printed).
 *
 * <pre>
 *   a: eni-a  p1 / shared   index 1    (a and b aim at the same slot of the shared standby)
 *   b: eni-b  p2 / shared   index 1
 *   c: eni-c  p2 / p1       index 2
 * </pre>
 */
class RandomizedSafetyIT {
  @RegisterExtension static final OperatorHarness h = new OperatorHarness();

  /**
   * How long an interface may be attached nowhere while an instance of its pair could take it: EC2's
   * transitions (0.5 s here), a few passes (stalled re-check 500 ms here), a throttled request's
   * back-off (1 s) and an operator restart.
   */
  static final Duration LIVENESS_BOUND = Duration.ofMillis(2500);

  record Pair(String name, String eni, String primary, String standby, int deviceIndex, Optional<String> allocation) {
    Set<String> instances() {
      return Set.of(primary, standby);
    }
  }

  final Set<String> denied = ConcurrentHashMap.newKeySet();
  final List<String> violations = new ArrayList<>();
  final AtomicLong checks = new AtomicLong();
  final Map<String, Instant> nowhereSince = new ConcurrentHashMap<>();

  @Test
  void noStepEverStrandsAServiceOrTouchesAnotherPairsResources() throws Exception {
    long seed = Long.getLong("fuzz.seed", 20261125L);
    int steps = Integer.getInteger("fuzz.steps", 30);
    Random random = new Random(seed);
    List<Pair> pairs = world();
    Map<String, Side> desired = new HashMap<>();
    pairs.forEach(p -> desired.put(p.name(), Side.Primary));
    pairs.forEach(p -> h.awaitReady(p.name()));

    ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
    watcher.scheduleWithFixedDelay(() -> check(pairs), 0, 25, TimeUnit.MILLISECONDS);
    List<String> walk = new ArrayList<>();
    try {
      for (int step = 0; step < steps; step++) {
        walk.add(act(random, pairs, desired));
        // Let the operator work for a while between steps; the watcher checks throughout.
        await().pollDelay(Duration.ofMillis(600 + random.nextInt(1200))).atMost(Duration.ofSeconds(3)).until(() -> true);
      }
      h.sim.faults().clear();
      denied.clear();
      pairs.forEach(p -> {
        h.setActive(p.name(), Side.Primary);
        desired.put(p.name(), Side.Primary);
      });
      // With every fault gone and no two pairs aiming at one slot, every pair gets where it was asked to be.
      pairs.forEach(p -> h.awaitReady(p.name()));
    } finally {
      watcher.shutdownNow();
      watcher.awaitTermination(5, TimeUnit.SECONDS);
    }
    System.out.printf("randomized safety: seed %d, %d steps, %d invariant checks, walk %s%n", seed, steps, checks.get(), walk);
    assertThat(checks.get()).as("the watcher ran").isGreaterThan(steps * 10L);
    synchronized (violations) {
      assertThat(violations).as("seed %d, walk %s", seed, walk).isEmpty();
    }
  }

  List<Pair> world() {
    TestWorld w = TestWorld.create(h.sim);
    String p2 = w.addInstance(h.sim, TestWorld.AZ, SimInstanceState.RUNNING);
    String eniB = "eni-" + TestWorld.hex();
    String eniC = "eni-" + TestWorld.hex();
    h.sim.addNetworkInterface(eniB, TestWorld.AZ, w.vpc(), w.subnet(), "10.0.2.7");
    h.sim.addNetworkInterface(eniC, TestWorld.AZ, w.vpc(), w.subnet(), "10.0.2.8");
    Pair a = new Pair("a", w.eni(), w.primary(), w.standby(), 1, Optional.of(w.allocation()));
    Pair b = new Pair("b", eniB, p2, w.standby(), 1, Optional.empty());
    Pair c = new Pair("c", eniC, p2, w.primary(), 2, Optional.empty());
    for (Pair p : List.of(a, b, c)) {
      h.pairs.create(p.name(), p.eni(), p.primary(), p.standby(), w.allocation(), spec -> {
        spec.setDeviceIndex(p.deviceIndex());
        if (p.allocation().isEmpty()) {
          spec.setElasticIp(null);
        }
      });
    }
    return List.of(a, b, c);
  }

  String act(Random random, List<Pair> pairs, Map<String, Side> desired) {
    int roll = random.nextInt(100);
    if (roll < 30) {
      return flip(pairs.get(random.nextInt(pairs.size())), desired);
    }
    if (roll < 45) {
      // Two pairs at once: the race for a shared slot.
      List<Pair> shuffled = new ArrayList<>(pairs);
      Collections.shuffle(shuffled, random);
      return flip(shuffled.get(0), desired) + " and " + flip(shuffled.get(1), desired);
    }
    if (roll < 55) {
      // The target refuses while the move is in flight, after the dry run.
      Pair p = pairs.get(random.nextInt(pairs.size()));
      String flipped = flip(p, desired);
      String target = desired.get(p.name()) == Side.Primary ? p.primary() : p.standby();
      await().pollDelay(Duration.ofMillis(random.nextInt(250))).atMost(Duration.ofSeconds(1)).until(() -> true);
      denied.add(target);
      h.sim.faults().deny("AttachNetworkInterface", target);
      return flipped + ", then deny attach on " + target;
    }
    if (roll < 65) {
      List<String> instances = pairs.stream().flatMap(p -> p.instances().stream()).distinct().sorted().toList();
      String instance = instances.get(random.nextInt(instances.size()));
      denied.add(instance);
      h.sim.faults().deny("AttachNetworkInterface", instance);
      return "deny attach on " + instance;
    }
    if (roll < 75) {
      h.sim.faults().clear();
      denied.clear();
      return "clear faults";
    }
    if (roll < 85) {
      h.sim.faults().throttleNext(1);
      return "throttle 1";
    }
    if (roll < 93) {
      h.stopOperator();
      h.startOperator();
      return "restart";
    }
    return "wait";
  }

  static String flip(Pair p, Map<String, Side> desired) {
    Side to = desired.get(p.name()) == Side.Primary ? Side.Standby : Side.Primary;
    desired.put(p.name(), to);
    h.setActive(p.name(), to);
    return "flip " + p.name() + " to " + to;
  }

  void check(List<Pair> pairs) {
    try {
      Instant now = Instant.now();
      Map<String, SimAttachment> attachments = new HashMap<>();
      pairs.forEach(p -> h.sim.attachmentOf(p.eni()).ifPresent(a -> attachments.put(p.eni(), a)));
      Set<String> slots = new HashSet<>();
      for (Pair p : pairs) {
        SimAttachment a = attachments.get(p.eni());
        if (a != null && !p.instances().contains(a.instanceId())) {
          violation(p.name() + "'s " + p.eni() + " attached to " + a.instanceId() + ", outside its pair");
        }
        if (a != null && !slots.add(a.instanceId() + "/" + a.deviceIndex())) {
          violation("two interfaces at " + a.instanceId() + " index " + a.deviceIndex());
        }
        p.allocation().flatMap(h.sim::associationOf).map(SimAssociation::eniId)
            .filter(eni -> !eni.equals(p.eni()))
            .ifPresent(eni -> violation(p.name() + "'s Elastic IP on " + eni));
        if (a != null) {
          nowhereSince.remove(p.eni());
        } else {
          Instant since = nowhereSince.computeIfAbsent(p.eni(), k -> now);
          if (Duration.between(since, now).compareTo(LIVENESS_BOUND) > 0 && servable(p, pairs, attachments)) {
            violation(p.name() + "'s " + p.eni() + " attached nowhere for " + Duration.between(since, now).toMillis()
                + " ms while an instance of its pair could take it");
            nowhereSince.put(p.eni(), now);
          }
        }
      }
      checks.incrementAndGet();
    } catch (RuntimeException e) {
      violation("watcher failed: " + e);
    }
  }

  /** An instance of the pair that EC2 would let the interface attach to now. */
  boolean servable(Pair p, List<Pair> pairs, Map<String, SimAttachment> attachments) {
    return p.instances().stream().anyMatch(instance -> !denied.contains(instance)
        && pairs.stream().noneMatch(other -> {
          SimAttachment a = attachments.get(other.eni());
          return a != null && a.instanceId().equals(instance) && a.deviceIndex() == p.deviceIndex();
        }));
  }

  void violation(String what) {
    synchronized (violations) {
      violations.add(Instant.now() + " " + what);
    }
  }
}
