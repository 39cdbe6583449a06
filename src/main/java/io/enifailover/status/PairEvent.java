package io.enifailover.status;

/** A Kubernetes Event to record on the pair. */
public record PairEvent(Type type, String reason, String message) {
  /** Kubernetes' two event types. */
  public enum Type {
    Normal,
    Warning
  }
}
