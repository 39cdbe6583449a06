package io.enifailover.model;

/** EC2's instance states. */
public enum InstanceState {
  PENDING,
  RUNNING,
  SHUTTING_DOWN,
  TERMINATED,
  STOPPING,
  STOPPED;

  /** Parses EC2's value (for example {@code shutting-down}). */
  public static InstanceState of(String value) {
    return valueOf(value.replace('-', '_').toUpperCase(java.util.Locale.ROOT));
  }

  /** EC2 attaches a network interface only to a running or stopped instance. */
  public boolean canTakeAttachment() {
    return this == RUNNING || this == STOPPED;
  }

  /** A state that will change by itself, so a refusal on it is worth a quicker re-check. */
  public boolean isTransient() {
    return this == PENDING || this == STOPPING;
  }

  public String awsName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
