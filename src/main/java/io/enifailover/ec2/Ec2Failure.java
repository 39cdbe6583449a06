package io.enifailover.ec2;

import io.enifailover.model.Reason;

/** An EC2 request that failed, mapped to a reason a person understands. */
public final class Ec2Failure extends RuntimeException {
  private final Reason reason;
  private final String awsErrorCode;

  public Ec2Failure(Reason reason, String message, String awsErrorCode) {
    super(message, null, false, false);
    this.reason = reason;
    this.awsErrorCode = awsErrorCode;
  }

  public Reason reason() {
    return reason;
  }

  /** EC2's error code, or an empty string when the request never got an answer. */
  public String awsErrorCode() {
    return awsErrorCode;
  }
}
