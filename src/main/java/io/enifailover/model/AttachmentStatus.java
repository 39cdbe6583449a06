package io.enifailover.model;

/** EC2's attachment states of a network interface. */
public enum AttachmentStatus {
  ATTACHING,
  ATTACHED,
  DETACHING,
  DETACHED;

  /** Parses EC2's lower-case value. */
  public static AttachmentStatus of(String value) {
    return valueOf(value.toUpperCase(java.util.Locale.ROOT));
  }
}
