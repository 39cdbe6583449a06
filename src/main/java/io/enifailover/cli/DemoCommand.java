package io.enifailover.cli;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.FencingMode;
import io.enifailover.model.Side;
import io.enifailover.runtime.OperatorHttpServer;
import io.enifailover.runtime.OperatorSettings;
import io.enifailover.sim.SimulatorConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A self-contained failover: an in-process Kubernetes API, the EC2 simulator, the real operator between
 * them. Applies examples/pair.yaml, waits for Ready on the primary, then either flips spec.active to
 * Standby (manual) or, with the pair in automatic mode, kills the primary's health endpoint
 * (primary-dies), and reports what happened and how long each part took.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run a failover on embedded defaults (no cluster, no AWS).")
final class DemoCommand implements Callable<Integer> {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Mixin SimulatedEc2Options ec2;

  @Option(names = "--http-port", defaultValue = "0", description = "Port of /metrics, /healthz and /readyz (default: any free port).")
  int httpPort;

  /** What the demo shows. */
  enum Scenario {
    /** A person flips spec.active to Standby. */
    MANUAL,
    /** The pair is in automatic mode and the primary's service stops answering. */
    PRIMARY_DIES;

    static final class Converter implements CommandLine.ITypeConverter<Scenario> {
      @Override
      public Scenario convert(String value) {
        try {
          return Scenario.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
          throw new CommandLine.TypeConversionException("expected manual or primary-dies, not '" + value + "'");
        }
      }
    }
  }

  @Option(names = "--scenario", defaultValue = "manual", converter = Scenario.Converter.class,
      description = "manual: flip spec.active to Standby; primary-dies: a pair in automatic mode whose primary stops answering its health check (default: ${DEFAULT-VALUE}).")
  Scenario scenario;

  @Option(names = "--fencing", description = "With primary-dies: fencing StopInstance, the failed primary is stopped before the standby takes the interface.")
  boolean fencing;

  @Spec CommandSpec spec;

  private final PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    boolean dies = scenario == Scenario.PRIMARY_DIES;
    if (fencing && !dies) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--fencing needs --scenario primary-dies");
    }
    SimulatorConfig simulator = dies ? ec2.config().withHealthEndpoints(true) : ec2.config();
    EniFailoverPair example = dies
        ? DemoWorld.automatic(simulator.healthPort(), f -> f.setFencing(fencing ? FencingMode.StopInstance : FencingMode.None))
        : DemoWorld.example();
    try (Sandbox sandbox = new Sandbox(simulator, OperatorSettings.defaults());
        OperatorHttpServer http = sandbox.serveHttp(httpPort)) {
      KubernetesClient client = sandbox.kube.client();
      out.printf("EC2 simulator at %s (detach %d ms, attach %d ms); in-process Kubernetes API at %s%n",
          sandbox.sim.endpoint(), ec2.detachTime.toMillis(), ec2.attachTime.toMillis(), client.getMasterUrl());
      out.printf("Operator metrics at %s/metrics, probes at %s/healthz and %s/readyz%n", http.uri(), http.uri(), http.uri());

      Instant created = Instant.now();
      out.printf("%nkubectl apply -f examples/pair.yaml%s%n", dies ? "   # with spec.failover: " + DemoWorld.describeFailover(example) : "");
      Resource<EniFailoverPair> pair = sandbox.apply(example);
      if (!Sandbox.awaitReadyOn(pair, Side.Primary, TIMEOUT)) {
        return fail(out, "the pair did not become Ready on the primary within " + TIMEOUT.toSeconds() + "s", pair);
      }
      out.printf("Ready on the primary after %d ms (first attach)%n", Duration.between(created, Instant.now()).toMillis());
      out.print(PrinterColumns.table(List.of(pair.get()), Instant.now()));
      return dies ? new PrimaryDiesDemo(out, sandbox, TIMEOUT).run(pair) : manual(sandbox, http, pair);
    }
  }

  private int manual(Sandbox sandbox, OperatorHttpServer http, Resource<EniFailoverPair> pair) throws InterruptedException {
    KubernetesClient client = sandbox.kube.client();
    EniFailoverPair example = pair.get();
    String namespace = example.getMetadata().getNamespace();
    out.printf("%nkubectl patch efp %s --type merge -p '{\"spec\":{\"active\":\"Standby\"}}'%n", example.getMetadata().getName());
    Optional<Sandbox.Failover> measured = sandbox.failover(pair, Side.Standby, TIMEOUT);
    if (measured.isEmpty()) {
      return fail(out, "the failover did not complete within " + TIMEOUT.toSeconds() + "s", pair);
    }
    Sandbox.Failover failover = measured.get();

    out.printf("%nTimeline of the failover (from the spec change):%n");
    out.print(new Timeline(failover.flippedAt())
        .add(failover.flippedAt(), "user", "spec.active: Primary -> Standby")
        .events(client.v1().events().inNamespace(namespace).list().getItems())
        .ec2(sandbox.sim.requestLog(), sandbox.sim.transitions())
        .add(failover.readyAt(), "user", "Ready=True on the standby, as kubectl wait sees it")
        .render());

    out.printf("%nkubectl get efp -o wide -n %s%n", namespace);
    out.print(PrinterColumns.table(List.of(pair.get()), Instant.now()));

    out.printf("%nFailover time: %d ms = EC2's own transitions %d ms + operator's added time %d ms%n",
        failover.totalMillis(), failover.ec2Millis(), failover.addedMillis());
    out.printf("EC2 API calls during the failover: %s%n", failover.calls());
    out.printf("%ncurl %s/metrics | grep enifailover_failover%n", http.uri());
    MetricsExcerpt.of(sandbox.metrics.scrape(), "enifailover_failovers_total", "enifailover_failover_duration_seconds_count",
        "enifailover_failover_duration_seconds_sum").forEach(line -> out.println("  " + line));
    out.printf("%nStatus:%n%s", Serialization.asYaml(pair.get().getStatus()).replaceFirst("^---\\n", ""));
    return servedByStandby(out, sandbox, pair);
  }

  /** The demo's verdict: 0 when EC2 shows the interface and its Elastic IP on the standby. */
  static int servedByStandby(PrintStream out, Sandbox sandbox, Resource<EniFailoverPair> pair) {
    EniFailoverPair current = pair.get();
    String eni = current.getSpec().getNetworkInterfaceId();
    String standby = current.getSpec().getStandby().getInstanceId();
    if (!DemoWorld.servedBy(sandbox.sim, current, standby)) {
      return fail(out, "EC2 does not show the interface and its Elastic IP on the standby", pair);
    }
    out.printf("%nFailover completed: %s is attached to the standby %s with its Elastic IP.%n", eni, standby);
    return 0;
  }

  static int fail(PrintStream out, String why, Resource<EniFailoverPair> pair) {
    out.printf("%nDEMO FAILED: %s%n", why);
    EniFailoverPair current = pair.get();
    if (current != null && current.getStatus() != null) {
      out.print(Serialization.asYaml(current.getStatus()));
    }
    return 1;
  }
}
