package io.enifailover.cli;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.model.Side;
import io.enifailover.reconcile.Pacing;
import io.enifailover.runtime.OperatorSettings;
import io.enifailover.sim.SimulatorConfig;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Measures what the operator adds to a failover on top of EC2's own transition time, and the EC2 API
 * calls it spends, over repeated failovers on the embedded sandbox.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure the operator's added failover time and EC2 API calls.")
final class BenchCommand implements Callable<Integer> {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Option(names = "--failovers", defaultValue = "10", description = "Measured failovers (default: ${DEFAULT-VALUE}).")
  int failovers;

  @Option(names = "--warmup", defaultValue = "2", description = "Failovers run first and not measured (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Mixin SimulatedEc2Options ec2;

  @Option(names = "--jitter", defaultValue = "0.3", description = "Each transition takes its time ±this fraction, as EC2's vary (default: ${DEFAULT-VALUE}).")
  double jitter;

  @Option(names = "--api-latency", converter = DurationConverter.class, defaultValue = "0ms", description = "Latency added to every EC2 API response (default: ${DEFAULT-VALUE}).")
  Duration apiLatency;

  @Option(names = "--resync", converter = DurationConverter.class, defaultValue = "1s", description = "Resync interval for the in-sync cost measurement (default: ${DEFAULT-VALUE}).")
  Duration resync;

  @Option(names = "--pairs", defaultValue = "0", description = "Scale scenarios with this many pairs instead of the single-pair failovers: EC2 reads per resync, a mass failover of all of them, idle cost, start to Ready (default: ${DEFAULT-VALUE}).")
  int pairs;

  @Mixin Ec2BudgetOptions budget;

  @Option(names = "--rto", description = "Automatic failover's recovery time instead: the primary of a pair in automatic mode fails, over and over (--warmup, --failovers).")
  boolean rto;

  @Option(names = "--rto-cause", defaultValue = "probe", description = "For --rto: probe (the primary's health endpoint refuses connections) or stop (EC2 stops the primary instance) (default: ${DEFAULT-VALUE}).")
  Outage.Cause rtoCause;

  @Option(names = "--mass-failover", arity = "1", defaultValue = "true", description = "For --pairs: also fail all pairs over at once (default: ${DEFAULT-VALUE}).")
  boolean massFailover;

  @Spec CommandSpec spec;

  private final PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    if (!rto && spec.commandLine().getParseResult().hasMatchedOption("--rto-cause")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--rto-cause needs --rto");
    }
    if (pairs > 0) {
      OperatorSettings scale = OperatorSettings.defaults()
          .withPacing(Pacing.defaults().withResync(resync))
          .withEc2Budget(budget.budget());
      return new ScaleBench(out, pairs, scale, ec2.config().withJitter(jitter).withEc2Buckets(true)).run(massFailover);
    }
    SimulatorConfig simulator = ec2.config().withJitter(jitter);
    if (rto) {
      return new RtoBench(out, simulator, apiLatency, rtoCause).run(warmup, failovers);
    }
    OperatorSettings settings = OperatorSettings.defaults().withPacing(Pacing.defaults().withResync(resync));
    try (Sandbox sandbox = new Sandbox(simulator, settings)) {
      sandbox.sim.faults().latency(apiLatency);
      EniFailoverPair example = DemoWorld.example();
      Resource<EniFailoverPair> pair = sandbox.apply(example);
      if (!Sandbox.awaitReadyOn(pair, Side.Primary, TIMEOUT)) {
        out.println("BENCH FAILED: the pair never became Ready");
        return 1;
      }
      out.printf("EC2 simulator: detach %d ms, attach %d ms (each ±%.0f%%), API latency %d ms; %d warm-up + %d measured failovers%n%n",
          ec2.detachTime.toMillis(), ec2.attachTime.toMillis(), jitter * 100, apiLatency.toMillis(), warmup, failovers);
      out.printf("%3s  %-18s %8s %8s %8s  %-22s %s%n", "#", "move", "total", "EC2", "added", "added by step", "EC2 API calls");
      List<Sandbox.Failover> measured = new ArrayList<>();
      Side side = Side.Primary;
      for (int i = 1; i <= warmup + failovers; i++) {
        Side to = side == Side.Primary ? Side.Standby : Side.Primary;
        Optional<Sandbox.Failover> result = sandbox.failover(pair, to, TIMEOUT);
        if (result.isEmpty()) {
          out.printf("BENCH FAILED: failover %d to %s did not complete%n", i, to);
          return 1;
        }
        Sandbox.Failover f = result.get();
        boolean counted = i > warmup;
        if (counted) {
          measured.add(f);
        }
        out.printf("%3s  %-18s %6d ms %5d ms %5d ms  %-22s %s%n", counted ? String.valueOf(i - warmup) : "w",
            side + " -> " + to, f.totalMillis(), f.ec2Millis(), f.addedMillis(), f.gaps(), f.calls());
        side = to;
      }
      List<Long> added = measured.stream().map(Sandbox.Failover::addedMillis).sorted().toList();
      out.printf("%nOperator's added time: p50 %d ms, p90 %d ms, max %d ms (min %d ms)%n",
          percentile(added, 50), percentile(added, 90), added.get(added.size() - 1), added.get(0));
      Map<String, Double> perFailover = new TreeMap<>();
      measured.forEach(f -> f.calls().forEach((action, n) -> perFailover.merge(action, (double) n / measured.size(), Double::sum)));
      out.printf("EC2 API calls per failover (mean): %s, total %.1f%n",
          format(perFailover), perFailover.values().stream().mapToDouble(Double::doubleValue).sum());

      int before = sandbox.sim.requestLog().size();
      Thread.sleep(resync.multipliedBy(5).toMillis());
      Map<String, Long> idle = new TreeMap<>();
      sandbox.sim.requestLog().subList(before, sandbox.sim.requestLog().size())
          .forEach(r -> idle.merge(r.action(), 1L, Long::sum));
      out.printf("EC2 API calls of a pair in sync over 5 resyncs: %s%n", idle);
      return 0;
    }
  }

  static long percentile(List<Long> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }

  private static String format(Map<String, Double> values) {
    StringBuilder s = new StringBuilder("{");
    values.forEach((k, v) -> s.append(s.length() > 1 ? ", " : "").append(k).append('=').append(String.format("%.1f", v)));
    return s.append('}').toString();
  }
}
