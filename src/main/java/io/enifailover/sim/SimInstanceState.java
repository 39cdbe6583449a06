package io.enifailover.sim;

/** EC2 instance lifecycle states, with the numeric code and name EC2 reports in {@code instanceState}. */
public enum SimInstanceState {
  PENDING(0, "pending"),
  RUNNING(16, "running"),
  SHUTTING_DOWN(32, "shutting-down"),
  TERMINATED(48, "terminated"),
  STOPPING(64, "stopping"),
  STOPPED(80, "stopped");

  private final int code;
  private final String awsName;

  SimInstanceState(int code, String awsName) {
    this.code = code;
    this.awsName = awsName;
  }

  public int code() {
    return code;
  }

  public String awsName() {
    return awsName;
  }
}
