package io.enifailover.model;

import io.enifailover.model.Side;
import java.util.Optional;

/**
 * What one pair declares, reduced to what the planner needs.
 *
 * @param self the pair's own claim on its interface: its namespace, name and UID
 * @param claimedBy the older pair that owns the same interface, if any, as this replica's cache shows it
 * @param forceDetachFor the attachment the user consented to one forced detach of (AWS's last resort for a stuck detach)
 * @param tenantNamespace with the tenant guard on, the namespace whose assigned resources the pair may use
 * @param staleClaimUid the UID of a claim found on the interface whose pair no longer exists
 * @param routes what a RouteTable pair routes; empty for the interface move, whose interface is {@code networkInterfaceId}
 */
public record PairIntent(
    PairClaim self,
    String networkInterfaceId,
    String primaryInstanceId,
    String standbyInstanceId,
    Side desired,
    int deviceIndex,
    Optional<ElasticIp> elasticIp,
    boolean paused,
    Optional<String> forceDetachFor,
    Optional<String> claimedBy,
    Optional<String> tenantNamespace,
    Optional<String> staleClaimUid,
    Optional<RouteIntent> routes) {

  /** An interface move's intent. */
  public PairIntent(PairClaim self, String networkInterfaceId, String primaryInstanceId, String standbyInstanceId, Side desired,
      int deviceIndex, Optional<ElasticIp> elasticIp, boolean paused, Optional<String> forceDetachFor, Optional<String> claimedBy,
      Optional<String> tenantNamespace, Optional<String> staleClaimUid) {
    this(self, networkInterfaceId, primaryInstanceId, standbyInstanceId, desired, deviceIndex, elasticIp, paused, forceDetachFor,
        claimedBy, tenantNamespace, staleClaimUid, Optional.empty());
  }

  /** What the pair moves, for messages: its interface's id, or its routes. */
  public String service() {
    return routes.map(r -> "the routes for " + String.join(", ", r.destinations())).orElse(networkInterfaceId);
  }

  /** namespace/name, for messages. */
  public String pairName() {
    return self.pair();
  }

  /** This intent, knowing that the claim {@code uid} on the interface belongs to a pair that no longer exists. */
  public PairIntent withStaleClaim(String uid) {
    return new PairIntent(self, networkInterfaceId, primaryInstanceId, standbyInstanceId, desired, deviceIndex, elasticIp,
        paused, forceDetachFor, claimedBy, tenantNamespace, Optional.of(uid), routes);
  }

  /** This intent, with the side automatic failover chose in place of spec.active's. */
  public PairIntent withDesired(Side side) {
    return new PairIntent(self, networkInterfaceId, primaryInstanceId, standbyInstanceId, side, deviceIndex, elasticIp,
        paused, forceDetachFor, claimedBy, tenantNamespace, staleClaimUid, routes);
  }

  /** The claim on the interface that counts: any but a stale one. */
  public Optional<PairClaim> liveClaimIn(NetworkInterface eni) {
    return PairClaim.in(eni.tags()).filter(c -> staleClaimUid.filter(c.uid()::equals).isEmpty());
  }

  /** True when the interface carries this pair's own claim, as this pair writes it. */
  public boolean claimed(NetworkInterface eni) {
    return self.value().equals(eni.tags().get(PairClaim.TAG));
  }

  /**
   * The pair that manages the interface instead of this one, if any: the one whose claim its tags carry,
   * else (while it carries none) the older pair naming it.
   */
  public Optional<String> managedByAnother(NetworkInterface eni) {
    Optional<PairClaim> claim = liveClaimIn(eni);
    if (claim.isPresent()) {
      return claim.filter(c -> !c.uid().equals(self.uid())).map(PairClaim::pair);
    }
    return claimedBy;
  }

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
