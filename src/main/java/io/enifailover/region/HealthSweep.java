package io.enifailover.region;

import io.enifailover.ec2.Ec2Failure;
import io.enifailover.ec2.Ec2Gateway;
import io.enifailover.model.InstanceCheck;
import io.enifailover.model.InstanceState;
import io.enifailover.model.Reason;
import io.enifailover.region.RegionObserver.Seen;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * EC2's state and status checks of the instances of the pairs in automatic mode, read on the observer's
 * reader thread every {@link RegionObserver#HEALTH_SWEEP} in one DescribeInstanceStatus per 100 instances.
 * An instance whose answer changed wakes the pairs naming it.
 */
final class HealthSweep {
  private static final String DESCRIBE_INSTANCE_STATUS = "DescribeInstanceStatus";
  private static final Logger log = LoggerFactory.getLogger(HealthSweep.class);

  private final String region;
  private final Ec2Gateway ec2;
  private final Clock clock;
  private final DescribeShares shares;
  private final ScheduledExecutorService reader;
  private final Consumer<String> instanceChanged;
  /** The instances of each pair in automatic mode, by pair. */
  private final Map<String, Set<String>> watched = new ConcurrentHashMap<>();
  private final Map<String, Seen<InstanceCheck>> checks = new ConcurrentHashMap<>();
  private volatile Reason checkFailure;

  HealthSweep(String region, Ec2Gateway ec2, Clock clock, DescribeShares shares, ScheduledExecutorService reader,
      Consumer<String> instanceChanged) {
    this.region = region;
    this.ec2 = ec2;
    this.clock = clock;
    this.shares = shares;
    this.reader = reader;
    this.instanceChanged = instanceChanged;
  }

  void start() {
    reader.schedule(this::sweep, RegionObserver.HEALTH_SWEEP.toMillis(), TimeUnit.MILLISECONDS);
  }

  void watch(String pairKey, Set<String> instanceIds) {
    watched.put(pairKey, Set.copyOf(instanceIds));
  }

  void unwatch(String pairKey) {
    watched.remove(pairKey);
  }

  void unwatchAll() {
    watched.clear();
  }

  Optional<Seen<InstanceCheck>> check(String instanceId) {
    return Optional.ofNullable(checks.get(instanceId));
  }

  /**
   * Reads the watched instances' checks and wakes the pairs of each instance whose answer changed. Runs every
   * {@link RegionObserver#HEALTH_SWEEP}, or less often when that would take more than a quarter of the
   * action's describe share, and is skipped while the share runs low.
   */
  private void sweep() {
    long delayMillis = RegionObserver.HEALTH_SWEEP.toMillis();
    try {
      Set<String> ids = new HashSet<>();
      watched.values().forEach(ids::addAll);
      checks.keySet().retainAll(ids);
      if (!ids.isEmpty()) {
        delayMillis = Math.max(delayMillis,
            (long) (4000.0 * DescribeShares.pages(ids) / shares.refillPerSecond(DESCRIBE_INSTANCE_STATUS)));
        if (!shares.low(DESCRIBE_INSTANCE_STATUS)) {
          readChecks(ids);
        }
      }
    } finally {
      if (!reader.isShutdown()) {
        reader.schedule(this::sweep, delayMillis, TimeUnit.MILLISECONDS);
      }
    }
  }

  private void readChecks(Set<String> ids) {
    try {
      Instant at = shares.paced(DESCRIBE_INSTANCE_STATUS, ids);
      Map<String, InstanceCheck> found = ec2.describeInstanceStatus(ids);
      for (String id : ids) {
        Optional<InstanceCheck> check = Optional.ofNullable(found.get(id));
        Seen<InstanceCheck> before = checks.put(id, new Seen<>(check, at));
        boolean changed = before == null ? check.map(c -> c.state() != InstanceState.RUNNING || c.impaired()).orElse(true)
            : !before.value().equals(check);
        if (changed) {
          instanceChanged.accept(id);
        }
      }
      checkFailure = null;
    } catch (Ec2Failure failure) {
      // What is not known now is not kept: an old "impaired" must not outlive the reads that could clear it.
      checks.keySet().removeAll(ids);
      if (failure.reason() != checkFailure) {
        log.atWarn().addKeyValue("region", region).addKeyValue("reason", failure.reason())
            .log("EC2's status checks of automatic pairs' instances could not be read; their probes alone decide: {}", failure.getMessage());
      }
      checkFailure = failure.reason();
    }
  }
}
