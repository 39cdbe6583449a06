package io.enifailover.model;

/**
 * The side of the pair a route or a secondary IP points at now. Unlike {@link ActiveRole} it has no Unknown:
 * a route or an address that reaches no interface of the pair is {@code None}, whatever it reaches instead.
 */
public enum TargetSide {
  Primary,
  Standby,
  /** No interface of the pair: missing, a blackhole, or an interface outside the pair. */
  None
}
