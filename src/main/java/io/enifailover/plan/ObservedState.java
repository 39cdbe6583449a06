package io.enifailover.plan;

import io.enifailover.model.ActiveRole;
import io.enifailover.model.PairIntent;
import io.enifailover.model.Side;
import java.util.Optional;

/**
 * Where the service is right now, as the strategy reads it from EC2: the observed half of status.
 *
 * @param attachmentId the interface move's attachment, where the strategy has one
 * @param inPlaceOn the instance the service is on or arriving on (not leaving): its move, if any, has ended
 */
public record ObservedState(
    ActiveRole activeRole,
    Optional<String> activeInstanceId,
    Optional<String> attachmentId,
    Optional<String> publicIp,
    Optional<String> inPlaceOn) {

  public static final ObservedState UNKNOWN =
      new ObservedState(ActiveRole.Unknown, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /** The side of the pair the service is on or arriving on; empty while it leaves one, or is on none. */
  public Optional<Side> sideInPlace(PairIntent intent) {
    return inPlaceOn.flatMap(intent::sideOf);
  }

  /** True when the service is on no instance: it is down. */
  public boolean nowhere() {
    return activeRole == ActiveRole.None;
  }
}
