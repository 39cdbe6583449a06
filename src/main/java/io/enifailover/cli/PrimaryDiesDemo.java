package io.enifailover.cli;

import io.enifailover.api.AutomaticFailoverStatus;
import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.EniFailoverPairStatus;
import io.enifailover.api.PhaseDurations;
import io.enifailover.model.Side;
import io.enifailover.api.SideHealthStatus;
import io.enifailover.status.AutomaticReport;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The demo's primary-dies scenario: the example pair in automatic mode, both sides healthy, then the
 * primary's health endpoint stops answering; the operator sees it, (with fencing) stops the primary, and
 * moves the interface to the standby by itself. Prints the timeline and where the recovery time went.
 */
final class PrimaryDiesDemo {
  private final PrintStream out;
  private final Sandbox sandbox;
  private final Duration timeout;

  PrimaryDiesDemo(PrintStream out, Sandbox sandbox, Duration timeout) {
    this.out = out;
    this.sandbox = sandbox;
    this.timeout = timeout;
  }

  /** From a pair Ready on the primary: waits for both sides Healthy, kills the primary's endpoint, reports the failover. */
  int run(Resource<EniFailoverPair> pair) throws InterruptedException {
    if (!Sandbox.awaitHealth(pair, Side.Primary, "Healthy", timeout) || !Sandbox.awaitHealth(pair, Side.Standby, "Healthy", timeout)) {
      return DemoCommand.fail(out, "the probes did not find both sides Healthy within " + timeout.toSeconds() + "s", pair);
    }
    out.printf("Both sides Healthy: %s%n", health(pair.get().getStatus()));
    String primary = pair.get().getSpec().getPrimary().getInstanceId();
    String endpoint = sandbox.sim.privateIpOf(primary) + ":" + sandbox.simulator.healthPort();
    out.printf("%n# the primary's service dies: its health endpoint at %s refuses connections from now on%n", endpoint);
    Optional<Outage> measured = Outage.of(sandbox, pair, Outage.Cause.PROBE, timeout);
    if (measured.isEmpty()) {
      return DemoCommand.fail(out, "the standby was not Ready within " + timeout.toSeconds() + "s of the primary's failure", pair);
    }
    Outage outage = measured.get();

    out.printf("%nTimeline of the automatic failover (from the primary's failure):%n");
    Timeline timeline = new Timeline(outage.failedAt())
        .add(outage.failedAt(), "primary", "health endpoint " + endpoint + " killed")
        .add(outage.unhealthyAt(), "operator", "primary seen Unhealthy (status.health.primary.since)")
        .events(sandbox.kube.client().v1().events().inNamespace(pair.get().getMetadata().getNamespace()).list().getItems())
        .ec2(sandbox.sim.requestLog(), sandbox.sim.transitions())
        .add(outage.readyAt(), "user", "Ready=True on the standby, as kubectl wait sees it");
    outage.stoppedAt().ifPresent(at -> timeline.add(at, "EC2", primary + " stopped (" + outage.fencingMillis() + " ms after the request)"));
    out.print(timeline.render());

    out.printf("%nkubectl get efp -o wide -n %s%n", pair.get().getMetadata().getNamespace());
    out.print(PrinterColumns.table(List.of(pair.get()), Instant.now()));

    out.printf("%nRecovery time: %d ms from the failure to the interface attached to the standby (as EC2 shows it); Ready=True seen after %d ms%n",
        outage.rtoMillis(), outage.readyMillis());
    out.printf("  detection  %5d ms  failure -> primary seen Unhealthy%n", outage.detectionMillis());
    if (outage.stopRequestedAt().isPresent()) {
      out.printf("  fencing    %5d ms  EC2 stopping the primary (StopInstances -> stopped)%n", outage.fencingMillis());
    }
    out.printf("  EC2        %5d ms  detach %d ms + attach %d ms%n", outage.ec2Millis(), outage.detachMillis(), outage.attachMillis());
    out.printf("  operator   %5d ms  the rest: deciding, requesting, and noticing each EC2 change%n", outage.operatorMillis());
    PhaseDurations phases = outage.pair().getStatus().getLastFailover().getPhases();
    out.printf("The operator's own record (status.lastFailover, trigger %s): detection %d ms (from the first failed probe), fencing %s ms, "
            + "detach %d ms, attach %d ms%n", outage.pair().getStatus().getLastFailover().getTrigger(), phases.getDetectionMillis(),
        phases.getFencingMillis() == null ? "-" : phases.getFencingMillis(), phases.getDetachMillis(), phases.getAttachMillis());

    EniFailoverPairStatus status = pair.get().getStatus();
    AutomaticFailoverStatus automatic = status.getAutomatic();
    out.printf("%nFinal status:%n");
    out.printf("  spec.active: %s (the operator never writes spec); automatic.target: %s, automatic.state: %s%n",
        pair.get().getSpec().getActive(), automatic.getTarget(), automatic.getState());
    out.printf("  automatic.reason: %s%n", automatic.getReason());
    status.condition(AutomaticReport.DEGRADED).ifPresent(c ->
        out.printf("  Degraded=%s (%s): %s%n", c.getStatus(), c.getReason(), c.getMessage()));
    out.printf("  health: %s%n", health(status));
    return DemoCommand.servedByStandby(out, sandbox, pair);
  }

  private static String health(EniFailoverPairStatus status) {
    return side("primary", status.getHealth().getPrimary()) + "; " + side("standby", status.getHealth().getStandby());
  }

  private static String side(String name, SideHealthStatus health) {
    return String.format("%s %s %s (last probe: %s)", name, health.getTarget(), health.getState(), health.getLastProbe());
  }
}
