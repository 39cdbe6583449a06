package io.enifailover.model;

import io.enifailover.api.Side;
import java.util.Optional;

/**
 * What one pair declares, reduced to what the planner needs.
 *
 * @param pairName namespace/name, for messages
 * @param claimedBy the older pair that owns the same interface, if any
 * @param forceDetachFor the attachment the user consented to one forced detach of (AWS's last resort for a stuck detach)
 */
public record PairIntent(
    String pairName,
    String networkInterfaceId,
    String primaryInstanceId,
    String standbyInstanceId,
    Side desired,
    int deviceIndex,
    Optional<ElasticIp> elasticIp,
    boolean paused,
    Optional<String> forceDetachFor,
    Optional<String> claimedBy) {

  /** The declared Elastic IP; an empty privateIp means the interface's primary private IP. */
  public record ElasticIp(String allocationId, Optional<String> privateIp) {}

  public String desiredInstanceId() {
    return instanceIdOf(desired);
  }

  public String instanceIdOf(Side side) {
    return side == Side.Primary ? primaryInstanceId : standbyInstanceId;
  }

  /** The instance of the pair that is not {@code instanceId}. */
  public String otherInstanceId(String instanceId) {
    return instanceId.equals(primaryInstanceId) ? standbyInstanceId : primaryInstanceId;
  }

  public Optional<Side> sideOf(String instanceId) {
    if (instanceId.equals(primaryInstanceId)) {
      return Optional.of(Side.Primary);
    }
    return instanceId.equals(standbyInstanceId) ? Optional.of(Side.Standby) : Optional.empty();
  }

  /** "i-0abc (standby)", the form every message uses for an instance of the pair. */
  public String describe(String instanceId) {
    return sideOf(instanceId).map(s -> instanceId + " (" + s.name().toLowerCase() + ")").orElse(instanceId);
  }
}
