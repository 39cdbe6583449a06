package io.enifailover.plan;

import io.enifailover.model.Instance;
import io.enifailover.model.InstanceState;
import io.enifailover.model.Observation;
import io.enifailover.model.PairIntent;
import io.enifailover.model.Reason;
import io.enifailover.model.Step;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Automatic failover's fencing: before the interface leaves an instance that failed its health check, that
 * instance is stopped, so that it cannot keep serving or writing next to the side taking over. A stopped
 * instance then lets its interface go by an ordinary detach. Pure.
 */
public final class Fencing {
  private Fencing() {}

  /**
   * The step to take instead of {@code step}: a stop of the failed instance the detach would leave, a hold
   * while it stops, or {@code step} itself (not a detach, the instance is healthy, or already stopped).
   */
  public static Step before(Step step, PairIntent intent, Observation observation, Predicate<String> failed) {
    if (!(step instanceof Step.Detach detach) || detach.force() || !failed.test(detach.fromInstanceId())) {
      return step;
    }
    Optional<InstanceState> state = Optional.ofNullable(observation.instances().get(detach.fromInstanceId())).map(Instance::state);
    if (state.isEmpty()) {
      return step;
    }
    return switch (state.get()) {
      case RUNNING, PENDING -> new Step.Fence(detach.fromInstanceId());
      case STOPPING, SHUTTING_DOWN -> new Step.Hold(Reason.Fencing, String.format(
          "waiting for %s to stop (fencing) before %s leaves it", intent.describe(detach.fromInstanceId()), intent.networkInterfaceId()));
      default -> step;
    };
  }
}
