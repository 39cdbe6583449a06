package io.enifailover.plan;

import java.time.Duration;

/**
 * What the operator knows of the transition in flight that EC2 does not say: how long the interface
 * has been detaching or attaching, whether the operator itself requested the detach, and whether a
 * forced detach was already sent for it (remembered in status, so not even a restart spends the
 * consent twice), and whether the pair's claim on the interface was written too lately to act on.
 */
public record TransitionProgress(
    Duration detachingFor,
    boolean forceSent,
    boolean requestedByOperator,
    Duration attachingFor,
    boolean claimSettling,
    boolean claimUnavailable) {
  public static final TransitionProgress NONE = new TransitionProgress(Duration.ZERO, false, false, Duration.ZERO);

  public TransitionProgress(Duration detachingFor, boolean forceSent, boolean requestedByOperator, Duration attachingFor) {
    this(detachingFor, forceSent, requestedByOperator, attachingFor, false, false);
  }

  /** This progress, with the pair's claim on the interface written so lately that it may not be the last word yet. */
  public TransitionProgress withClaimSettling(boolean value) {
    return new TransitionProgress(detachingFor, forceSent, requestedByOperator, attachingFor, value, claimUnavailable);
  }

  /** This progress, knowing that EC2 refused to record the pair's claim in this pass (denied, throttled). */
  public TransitionProgress withClaimUnavailable(boolean value) {
    return new TransitionProgress(detachingFor, forceSent, requestedByOperator, attachingFor, claimSettling, value);
  }

  /** Only an attach in flight, for {@code attachingFor}. */
  public static TransitionProgress attaching(Duration attachingFor) {
    return new TransitionProgress(Duration.ZERO, false, false, attachingFor);
  }
}
