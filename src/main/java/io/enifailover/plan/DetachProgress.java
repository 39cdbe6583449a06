package io.enifailover.plan;

import java.time.Duration;

/**
 * How long the interface has been detaching, as the reconciler has seen it, and whether a forced detach
 * was already sent (EC2 keeps no record of when a detach started).
 */
public record DetachProgress(Duration detachingFor, boolean forceSent) {
  public static final DetachProgress NONE = new DetachProgress(Duration.ZERO, false);
}
