package io.enifailover.plan;

import io.enifailover.model.Instance;
import io.enifailover.model.InstanceState;
import io.enifailover.model.Observation;
import io.enifailover.model.PairIntent;
import io.enifailover.model.Reason;
import io.enifailover.model.Step;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Automatic failover's fencing: before the interface leaves an instance not known healthy, that instance
 * is stopped, so that it cannot keep serving or writing next to the side taking over. A stopped instance
 * then lets its interface go by an ordinary detach. Pure.
 */
public final class Fencing {
  /** An instance still stopping after this long is force-stopped, EC2's last resort. */
  public static final Duration FORCE_AFTER = Duration.ofSeconds(30);
  /** An instance still stopping after this long (a force-stop sent) needs a person. */
  public static final Duration GIVE_UP_AFTER = Duration.ofSeconds(120);

  private Fencing() {}

  /**
   * What the fencing so far is: since when the stop was sent (empty: not sent), and whether a force-stop was.
   */
  public record Progress(Optional<Duration> stoppingFor, boolean forceSent) {
    public static final Progress NONE = new Progress(Optional.empty(), false);
  }

  /**
   * The step to take instead of {@code step}: a stop of the instance the change would take the service off, a
   * hold while it stops, a refusal, or {@code step} itself (it leaves no instance, or the instance is verified
   * healthy, or stopped).
   *
   * @param unverified true for an instance of the pair whose side is not verified healthy
   * @param otherPairs the other pairs that name the instance: stopping it would take their services down
   */
  public static Step before(
      Step step, PairIntent intent, Observation observation, Predicate<String> unverified, List<String> otherPairs, Progress progress) {
    Optional<String> leaves = step instanceof Step.Change change && change.startsMove() ? change.leaves() : Optional.empty();
    if (leaves.isEmpty() || !unverified.test(leaves.get())) {
      return step;
    }
    String instance = leaves.get();
    Optional<InstanceState> state = Optional.ofNullable(observation.instances().get(instance)).map(Instance::state);
    if (state.isEmpty() || state.get() == InstanceState.STOPPED || state.get() == InstanceState.TERMINATED) {
      return step;
    }
    if (!otherPairs.isEmpty()) {
      return new Step.Hold(Reason.FencingRefused, String.format(
          "fencing would stop %s, which EniFailoverPair %s also names; %s stays where it is. Stop the instance yourself, or set spec.failover.fencing to None",
          intent.describe(instance), String.join(", ", otherPairs), intent.service()));
    }
    return switch (state.get()) {
      case RUNNING -> progress.stoppingFor().isEmpty()
          ? new Step.Fence(instance, false)
          // Running again after the fencing stop: someone's recovery, which the operator does not undo.
          : new Step.Hold(Reason.FencingRefused, String.format(
              "%s was started again after the fencing stop; the operator does not stop it twice, and %s stays on it. Stop it, or fail back",
              intent.describe(instance), intent.service()));
      case STOPPING, SHUTTING_DOWN -> stopping(intent, instance, progress);
      // A starting instance is someone's recovery, not a failure to fence: look again once it runs.
      case PENDING -> new Step.Hold(Reason.Fencing, String.format(
          "%s is starting; fencing waits until it runs to stop it before %s leaves it", intent.describe(instance), intent.service()));
      default -> step;
    };
  }

  private static Step stopping(PairIntent intent, String instance, Progress progress) {
    Duration stopping = progress.stoppingFor().orElse(Duration.ZERO);
    if (stopping.compareTo(FORCE_AFTER) >= 0 && !progress.forceSent()) {
      return new Step.Fence(instance, true);
    }
    if (progress.forceSent() && stopping.compareTo(GIVE_UP_AFTER) >= 0) {
      return new Step.Hold(Reason.FencingRefused, String.format(
          "%s has not stopped %ds after the fencing stop (a force-stop was sent); %s stays on it. Stop or terminate the instance yourself",
          intent.describe(instance), stopping.toSeconds(), intent.service()));
    }
    return new Step.Hold(Reason.Fencing, String.format(
        "waiting for %s to stop (fencing) before %s leaves it", intent.describe(instance), intent.service()));
  }
}
