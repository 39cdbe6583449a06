package io.enifailover.sim;

import java.time.Instant;

/**
 * An ENI's attachment to an instance. {@code phaseStartedAt} is when the current phase began;
 * a hung attach or detach never completes on its own.
 */
record AttachmentModel(
    String id,
    String instanceId,
    int deviceIndex,
    Phase phase,
    Instant phaseStartedAt,
    Instant attachTime,
    boolean hung,
    boolean deleteOnTermination) {

  /** The attachment statuses an attachment passes through while it exists. */
  enum Phase {
    ATTACHING("attaching"),
    ATTACHED("attached"),
    DETACHING("detaching");

    private final String awsName;

    Phase(String awsName) {
      this.awsName = awsName;
    }

    String awsName() {
      return awsName;
    }
  }

  AttachmentModel inPhase(Phase newPhase, Instant startedAt, boolean newHung) {
    return new AttachmentModel(
        id, instanceId, deviceIndex, newPhase, startedAt, attachTime, newHung, deleteOnTermination);
  }
}
