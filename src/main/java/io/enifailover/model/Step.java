package io.enifailover.model;

/** The one thing to do next for a pair: a single EC2 change, or nothing (with the reason). */
public sealed interface Step {

  /** Detach the interface; {@code force} is AWS's last resort for a detach that does not complete. */
  record Detach(String attachmentId, String fromInstanceId, boolean force) implements Step {}

  record Attach(String instanceId, int deviceIndex) implements Step {}

  record Associate(String allocationId, String privateIp, boolean allowReassociation) implements Step {}

  /** Change nothing now; the reason says whether EC2 is in sync, mid-transition or why it is refused. */
  record Hold(Reason reason, String message) implements Step {}

  default boolean mutates() {
    return !(this instanceof Hold);
  }
}
