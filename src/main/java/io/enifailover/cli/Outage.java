package io.enifailover.cli;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.model.Side;
import io.enifailover.sim.Ec2Simulator;
import io.enifailover.sim.SimInstanceState;
import io.enifailover.sim.SimHealth;
import io.enifailover.sim.SimRequest;
import io.enifailover.sim.SimTransition;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One automatic failover as the service's users live it: from the moment the primary fails to the
 * interface attached to the standby (the recovery time, RTO), split into detection (the failure until the
 * operator sees the primary Unhealthy), fencing (EC2 stopping the failed primary, when asked), EC2's detach
 * and attach, and what is left: the operator's share.
 *
 * @param unhealthyAt when the operator saw the primary Unhealthy (status.health.primary.since)
 * @param stopRequestedAt the fencing StopInstances request, if the pair fences
 * @param pair the pair once Ready on the standby
 */
record Outage(
    Instant failedAt,
    Instant unhealthyAt,
    Optional<Instant> stopRequestedAt,
    Duration stopDuration,
    SimTransition detach,
    SimTransition attach,
    Instant readyAt,
    EniFailoverPair pair) {

  /** How the primary fails. */
  enum Cause {
    /** Its health endpoint refuses connections: the operator's probes find out. */
    PROBE("the primary's health endpoint refuses connections"),
    /** EC2 stops the instance: the operator's sweep of EC2's view (every 2 s) or its probes find out, whichever first. */
    STOP("EC2 stops the primary instance");

    final String description;

    Cause(String description) {
      this.description = description;
    }

    void inflict(Ec2Simulator sim, String instanceId) {
      if (this == PROBE) {
        sim.setHealth(instanceId, SimHealth.REFUSING);
      } else {
        sim.setInstanceState(instanceId, SimInstanceState.STOPPED);
      }
    }

    void repair(Ec2Simulator sim, String instanceId) {
      if (this == PROBE) {
        sim.setHealth(instanceId, SimHealth.SERVING);
      } else {
        sim.setInstanceState(instanceId, SimInstanceState.RUNNING);
      }
    }
  }

  /** Makes the primary fail and waits until the pair is Ready on the standby; empty if it was not within {@code timeout}. */
  static Optional<Outage> of(Sandbox sandbox, Resource<EniFailoverPair> pair, Cause cause, Duration timeout) throws InterruptedException {
    var spec = pair.get().getSpec();
    String primary = spec.getPrimary().getInstanceId();
    String standby = spec.getStandby().getInstanceId();
    Instant failed = Instant.now();
    cause.inflict(sandbox.sim, primary);
    if (!Sandbox.awaitReadyOn(pair, Side.Standby, timeout)) {
      return Optional.empty();
    }
    Instant ready = Instant.now();
    EniFailoverPair after = pair.get();
    Instant unhealthy = Instant.parse(after.getStatus().getHealth().getPrimary().getSince());
    Optional<Instant> stop = sandbox.sim.requestLog().stream()
        .filter(r -> r.action().equals("StopInstances") && r.errorCode() == null && !r.at().isBefore(failed))
        .filter(r -> r.params().containsValue(primary))
        .map(SimRequest::at)
        .findFirst();
    return Optional.of(new Outage(failed, unhealthy, stop, sandbox.simulator.stopDuration(),
        transition(sandbox.sim, SimTransition.Kind.DETACH, primary, failed),
        transition(sandbox.sim, SimTransition.Kind.ATTACH, standby, failed),
        ready, after));
  }

  private static SimTransition transition(Ec2Simulator sim, SimTransition.Kind kind, String instanceId, Instant since) {
    return sim.transitions().stream()
        .filter(t -> t.kind() == kind && t.instanceId().equals(instanceId) && !t.requestedAt().isBefore(since) && t.completedAt() != null)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("EC2 shows no completed " + kind.name().toLowerCase() + " of " + instanceId
            + " since the primary failed, yet the pair is Ready on the standby"));
  }

  /** When EC2 had the failed primary stopped: the simulator's stop takes exactly its stop duration. */
  Optional<Instant> stoppedAt() {
    return stopRequestedAt.map(at -> at.plus(stopDuration));
  }

  /** The failure until the interface is attached to the standby, as EC2 shows it. */
  long rtoMillis() {
    return Duration.between(failedAt, attach.completedAt()).toMillis();
  }

  long detectionMillis() {
    return Duration.between(failedAt, unhealthyAt).toMillis();
  }

  long fencingMillis() {
    return stopRequestedAt.isPresent() ? stopDuration.toMillis() : 0;
  }

  long detachMillis() {
    return Duration.between(detach.requestedAt(), detach.completedAt()).toMillis();
  }

  long attachMillis() {
    return Duration.between(attach.requestedAt(), attach.completedAt()).toMillis();
  }

  /** EC2's own transitions: the detach and the attach. */
  long ec2Millis() {
    return detachMillis() + attachMillis();
  }

  /** What the operator adds: everything between detection, fencing and EC2's transitions. */
  long operatorMillis() {
    return rtoMillis() - detectionMillis() - fencingMillis() - ec2Millis();
  }

  /** The failure until Ready=True on the standby, as kubectl wait sees it. */
  long readyMillis() {
    return Duration.between(failedAt, readyAt).toMillis();
  }
}
