package io.enifailover.model;

/** The side that carries the network interface as observed in EC2. */
public enum ActiveRole {
  Primary,
  Standby,
  /** The interface is attached to no instance. */
  None,
  /** The interface could not be observed, or it is attached to an instance outside the pair. */
  Unknown
}
