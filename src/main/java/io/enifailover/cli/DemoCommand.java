package io.enifailover.cli;

import io.enifailover.api.ActiveRole;
import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.Side;
import io.enifailover.ec2.Ec2Gateways;
import io.enifailover.ec2.Ec2Settings;
import io.enifailover.runtime.EniFailoverOperator;
import io.enifailover.runtime.InProcessKubernetes;
import io.enifailover.runtime.OperatorSettings;
import io.enifailover.sim.Ec2Simulator;
import io.enifailover.sim.SimRequest;
import io.enifailover.sim.SimTransition;
import io.enifailover.sim.SimulatorConfig;
import io.enifailover.status.Conditions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A self-contained failover: an in-process Kubernetes API, the EC2 simulator, the real operator between
 * them. Applies examples/pair.yaml, waits for Ready on the primary, flips spec.active to Standby and
 * reports what happened and how long the operator added to EC2's own transition time.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run a failover on embedded defaults (no cluster, no AWS).")
final class DemoCommand implements Callable<Integer> {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Option(names = "--detach-time", converter = DurationConverter.class, defaultValue = "3s", description = "How long the simulated EC2 takes to detach (default: ${DEFAULT-VALUE}).")
  Duration detachTime;

  @Option(names = "--attach-time", converter = DurationConverter.class, defaultValue = "2s", description = "How long the simulated EC2 takes to attach (default: ${DEFAULT-VALUE}).")
  Duration attachTime;

  private final PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    EniFailoverPair example = loadExample();
    String eni = example.getSpec().getNetworkInterfaceId();
    SimulatorConfig simConfig = SimulatorConfig.defaults().withDetachDuration(detachTime).withAttachDuration(attachTime);
    try (Ec2Simulator sim = Ec2Simulator.start(simConfig);
        InProcessKubernetes kube = new InProcessKubernetes();
        Ec2Gateways gateways = new Ec2Gateways(new Ec2Settings("us-east-1", Optional.of(sim.endpoint()), true));
        EniFailoverOperator operator = new EniFailoverOperator(kube.client(), gateways, OperatorSettings.defaults())) {
      DemoWorld.seed(sim, example);
      operator.start();
      KubernetesClient client = kube.client();
      out.printf("EC2 simulator at %s (detach %d ms, attach %d ms); in-process Kubernetes API at %s%n",
          sim.endpoint(), detachTime.toMillis(), attachTime.toMillis(), client.getMasterUrl());

      Instant created = Instant.now();
      client.resource(example).create();
      var pair = client.resources(EniFailoverPair.class).inNamespace(example.getMetadata().getNamespace()).withName(example.getMetadata().getName());
      out.printf("%nkubectl apply -f examples/pair.yaml%n");
      if (!awaitReadyOn(pair, Side.Primary)) {
        return fail("the pair did not become Ready on the primary within " + TIMEOUT.toSeconds() + "s", pair);
      }
      out.printf("Ready on the primary after %d ms (first attach)%n", Duration.between(created, Instant.now()).toMillis());
      out.print(PrinterColumns.table(java.util.List.of(pair.get()), Instant.now()));

      int requestsBefore = sim.requestLog().size();
      Instant flipped = Instant.now();
      out.printf("%nkubectl patch efp %s --type merge -p '{\"spec\":{\"active\":\"Standby\"}}'%n", example.getMetadata().getName());
      pair.edit(p -> {
        p.getSpec().setActive(Side.Standby);
        return p;
      });
      boolean ready = awaitReadyOn(pair, Side.Standby);
      Instant readySeen = Instant.now();
      if (!ready) {
        return fail("the failover did not complete within " + TIMEOUT.toSeconds() + "s", pair);
      }

      out.printf("%nTimeline of the failover (from the spec change):%n");
      out.print(new Timeline(flipped)
          .add(flipped, "user", "spec.active: Primary -> Standby")
          .events(client.v1().events().inNamespace(example.getMetadata().getNamespace()).list().getItems())
          .ec2(sim.requestLog(), sim.transitions())
          .add(readySeen, "user", "Ready=True on the standby, as kubectl wait sees it")
          .render());

      out.printf("%nkubectl get efp -o wide -n %s%n", example.getMetadata().getNamespace());
      out.print(PrinterColumns.table(java.util.List.of(pair.get()), Instant.now()));

      long total = Duration.between(flipped, readySeen).toMillis();
      long ec2 = sim.transitions().stream()
          .filter(t -> !t.requestedAt().isBefore(flipped) && t.completedAt() != null)
          .mapToLong(t -> Duration.between(t.requestedAt(), t.completedAt()).toMillis())
          .sum();
      Map<String, Long> calls = sim.requestLog().subList(requestsBefore, sim.requestLog().size()).stream()
          .collect(Collectors.groupingBy(SimRequest::action, TreeMap::new, Collectors.counting()));
      out.printf("%nFailover time: %d ms = EC2's own transitions %d ms + operator's added time %d ms%n", total, ec2, total - ec2);
      out.printf("EC2 API calls during the failover: %s%n", calls);
      out.printf("%nStatus:%n%s", Serialization.asYaml(pair.get().getStatus()).replaceFirst("^---\\n", ""));

      boolean onStandby = sim.attachmentOf(eni)
          .filter(a -> a.instanceId().equals(example.getSpec().getStandby().getInstanceId()) && a.status().equals("attached"))
          .isPresent();
      boolean eipOnEni = sim.associationOf(example.getSpec().getElasticIp().getAllocationId())
          .filter(a -> a.eniId().equals(eni))
          .isPresent();
      if (!onStandby || !eipOnEni) {
        return fail("EC2 does not show the interface and its Elastic IP on the standby", pair);
      }
      out.printf("%nFailover completed: %s is attached to the standby %s with its Elastic IP.%n", eni, example.getSpec().getStandby().getInstanceId());
      return 0;
    }
  }

  private static EniFailoverPair loadExample() throws java.io.IOException {
    try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream("examples/pair.yaml")) {
      return Serialization.unmarshal(in, EniFailoverPair.class);
    }
  }

  private static boolean awaitReadyOn(Resource<EniFailoverPair> pair, Side side) throws InterruptedException {
    Predicate<EniFailoverPair> done = p -> p != null && p.getStatus() != null
        && p.getStatus().getActiveRole() == ActiveRole.valueOf(side.name())
        && p.getStatus().condition(Conditions.READY)
            .filter(c -> "True".equals(c.getStatus()) && c.getObservedGeneration().equals(p.getMetadata().getGeneration()))
            .isPresent();
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (done.test(pair.get())) {
        return true;
      }
      Thread.sleep(5);
    }
    return false;
  }

  private int fail(String why, Resource<EniFailoverPair> pair) {
    out.printf("%nDEMO FAILED: %s%n", why);
    EniFailoverPair current = pair.get();
    if (current != null && current.getStatus() != null) {
      out.print(Serialization.asYaml(current.getStatus()));
    }
    return 1;
  }
}
