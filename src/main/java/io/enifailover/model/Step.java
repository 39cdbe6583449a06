package io.enifailover.model;

import java.util.Optional;

/** The one thing to do next for a pair: a single EC2 change, or nothing (with the reason). */
public sealed interface Step {

  /** Detach the interface; {@code force} is AWS's last resort for a detach that does not complete. */
  record Detach(String attachmentId, String fromInstanceId, boolean force) implements Step {}

  /**
   * Attach the interface; {@code insteadOf} is set when this is the other side of the pair because the
   * desired side cannot take an interface attached nowhere (it says why), so the service keeps running.
   */
  record Attach(String instanceId, int deviceIndex, Optional<String> insteadOf) implements Step {
    public Attach(String instanceId, int deviceIndex) {
      this(instanceId, deviceIndex, Optional.empty());
    }
  }

  /** Record the pair's claim in the interface's tags, before the pair changes anything else. */
  record Claim(PairClaim claim) implements Step {}

  /**
   * Stop the failed instance the interface is about to leave (automatic failover's fencing), before the
   * detach; {@code force} is EC2's last resort for an instance stuck stopping.
   */
  record Fence(String instanceId, boolean force) implements Step {}

  record Associate(String allocationId, String privateIp, boolean allowReassociation) implements Step {}

  /** Change nothing now; the reason says whether EC2 is in sync, mid-transition or why it is refused. */
  record Hold(Reason reason, String message) implements Step {}

  default boolean mutates() {
    return !(this instanceof Hold);
  }

  /** True for the steps that change where the interface or its address is: what the tenant guard and the claim govern. */
  default boolean movesNetwork() {
    return this instanceof Detach || this instanceof Attach || this instanceof Associate;
  }
}
