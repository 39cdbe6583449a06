package io.enifailover.cli;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.FailbackMode;
import io.enifailover.model.Side;
import io.enifailover.region.RegionObserver;
import io.enifailover.runtime.OperatorSettings;
import io.enifailover.sim.SimulatorConfig;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.ToLongFunction;

/**
 * The benchmark's recovery time of automatic failover on the embedded sandbox: the example pair in
 * automatic mode, its primary made to fail again and again (each run ends back on the repaired primary by
 * automatic failback), and each failover split into detection, EC2's transitions and the operator's share.
 */
final class RtoBench {
  static final long RTO_TARGET_MILLIS = 8_000;
  static final long DETECTION_TARGET_MILLIS = 3_000;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final PrintStream out;
  private final SimulatorConfig simulator;
  private final Duration apiLatency;
  private final Outage.Cause cause;

  RtoBench(PrintStream out, SimulatorConfig simulator, Duration apiLatency, Outage.Cause cause) {
    this.out = out;
    this.simulator = simulator.withHealthEndpoints(true);
    this.apiLatency = apiLatency;
    this.cause = cause;
  }

  int run(int warmup, int failovers) throws InterruptedException {
    // Each run ends with the interface back on the primary by automatic failback, as soon as the primary is healthy
    // again; without a cooldown, so that the next failover is not held back by that move.
    EniFailoverPair example = DemoWorld.automatic(simulator.healthPort(), f -> {
      f.setCooldownSeconds(0);
      f.setFailback(FailbackMode.Automatic);
      f.setFailbackAfterSeconds(0);
    });
    try (Sandbox sandbox = new Sandbox(simulator, OperatorSettings.defaults())) {
      sandbox.sim.faults().latency(apiLatency);
      Resource<EniFailoverPair> pair = sandbox.apply(example);
      if (!Sandbox.awaitReadyOn(pair, Side.Primary, TIMEOUT) || !bothHealthy(pair)) {
        out.println("BENCH FAILED: the pair never became Ready on the primary with both sides Healthy");
        return 1;
      }
      out.printf("Automatic failover's recovery time (RTO), cause %s: %s%n", cause.name().toLowerCase(), cause.description);
      out.printf("Pair: %s%n", DemoWorld.describeFailover(example));
      out.printf("  failback Automatic after 0 s: each run returns to the primary once it is healthy again; cooldown 0 s: that return does not hold the next failover back%n");
      out.printf("Operator defaults; EC2's view of automatic pairs' instances read every %d s%n", RegionObserver.HEALTH_SWEEP.toSeconds());
      out.printf("EC2 simulator: detach %d ms, attach %d ms (each ±%.0f%%), stop %d ms, API latency %d ms; %d warm-up + %d measured failovers%n%n",
          simulator.detachDuration().toMillis(), simulator.attachDuration().toMillis(), simulator.jitter() * 100,
          simulator.stopDuration().toMillis(), apiLatency.toMillis(), warmup, failovers);
      out.printf("%3s  %8s %10s %10s %16s %10s %10s%n", "#", "RTO", "detection", "(operator)", "EC2 det + att", "operator", "Ready");
      List<Outage> measured = new ArrayList<>();
      for (int i = 1; i <= warmup + failovers; i++) {
        Optional<Outage> result = Outage.of(sandbox, pair, cause, TIMEOUT);
        if (result.isEmpty()) {
          out.printf("BENCH FAILED: run %d: the standby was not Ready within %d s of the primary's failure%n", i, TIMEOUT.toSeconds());
          return 1;
        }
        Outage o = result.get();
        boolean counted = i > warmup;
        if (counted) {
          measured.add(o);
        }
        out.printf("%3s  %5d ms %7d ms %7d ms %6d ms (%d + %d) %7d ms %7d ms%n", counted ? String.valueOf(i - warmup) : "w",
            o.rtoMillis(), o.detectionMillis(), o.pair().getStatus().getLastFailover().getPhases().getDetectionMillis(),
            o.ec2Millis(), o.detachMillis(), o.attachMillis(), o.operatorMillis(), o.readyMillis());
        if (!backOnPrimary(sandbox, pair)) {
          out.printf("BENCH FAILED: run %d: the pair did not return to a healthy primary%n", i);
          return 1;
        }
      }
      out.printf("%n%-58s %8s %8s   %s%n", "", "p50", "worst", "target");
      summary(measured, "RTO: failure -> attached to the standby (EC2)", Outage::rtoMillis, OptionalLong.of(RTO_TARGET_MILLIS));
      long nominal = simulator.detachDuration().plus(simulator.attachDuration()).toMillis();
      summary(measured, "RTO with EC2 at its nominal " + nominal + " ms (jitter left out)", o -> o.rtoMillis() - o.ec2Millis() + nominal,
          OptionalLong.of(RTO_TARGET_MILLIS));
      summary(measured, "detection: failure -> primary seen Unhealthy", Outage::detectionMillis, OptionalLong.of(DETECTION_TARGET_MILLIS));
      summary(measured, "detection as the operator records it (first failed probe)",
          o -> o.pair().getStatus().getLastFailover().getPhases().getDetectionMillis(), OptionalLong.empty());
      summary(measured, "EC2's transitions: detach + attach", Outage::ec2Millis, OptionalLong.empty());
      summary(measured, "operator's share: RTO - detection - EC2", Outage::operatorMillis, OptionalLong.empty());
      summary(measured, "failure -> Ready=True on the standby (kubectl wait)", Outage::readyMillis, OptionalLong.empty());
      return 0;
    }
  }

  private static boolean bothHealthy(Resource<EniFailoverPair> pair) throws InterruptedException {
    return Sandbox.awaitHealth(pair, Side.Primary, "Healthy", TIMEOUT) && Sandbox.awaitHealth(pair, Side.Standby, "Healthy", TIMEOUT);
  }

  /** Repairs the primary and waits until automatic failback has the pair Ready on it, with both sides Healthy. */
  private boolean backOnPrimary(Sandbox sandbox, Resource<EniFailoverPair> pair) throws InterruptedException {
    cause.repair(sandbox.sim, pair.get().getSpec().getPrimary().getInstanceId());
    return Sandbox.awaitReadyOn(pair, Side.Primary, TIMEOUT) && bothHealthy(pair);
  }

  private void summary(List<Outage> runs, String what, ToLongFunction<Outage> metric, OptionalLong target) {
    List<Long> sorted = runs.stream().map(metric::applyAsLong).sorted().toList();
    long median = BenchCommand.percentile(sorted, 50);
    long worst = sorted.get(sorted.size() - 1);
    String verdict = target.isEmpty() ? ""
        : String.format("<= %d ms  %s", target.getAsLong(),
            worst <= target.getAsLong() ? "met" : median <= target.getAsLong() ? "met by the median, not by the worst" : "missed");
    out.printf("%-58s %5d ms %5d ms   %s%n", what, median, worst, verdict);
  }
}
