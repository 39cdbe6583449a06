package io.enifailover.plan;

import java.time.Duration;

/**
 * What the operator knows of the detach in flight that EC2 does not say: how long it has been
 * detaching, whether the operator itself requested it, and whether a forced detach was already sent
 * for it (remembered in status, so not even a restart spends the consent twice).
 */
public record DetachProgress(Duration detachingFor, boolean forceSent, boolean requestedByOperator) {
  public static final DetachProgress NONE = new DetachProgress(Duration.ZERO, false, false);
}
