package io.enifailover.plan;

import java.time.Duration;

/**
 * What the operator knows of the transition in flight that EC2 does not say: how long the interface
 * has been detaching or attaching, whether the operator itself requested the detach, and whether a
 * forced detach was already sent for it (remembered in status, so not even a restart spends the
 * consent twice).
 */
public record TransitionProgress(Duration detachingFor, boolean forceSent, boolean requestedByOperator, Duration attachingFor) {
  public static final TransitionProgress NONE = new TransitionProgress(Duration.ZERO, false, false, Duration.ZERO);

  /** Only an attach in flight, for {@code attachingFor}. */
  public static TransitionProgress attaching(Duration attachingFor) {
    return new TransitionProgress(Duration.ZERO, false, false, attachingFor);
  }
}
