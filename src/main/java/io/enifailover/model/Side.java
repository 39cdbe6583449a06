package io.enifailover.model;

/** The side of a pair that should carry the network interface. */
public enum Side {
  Primary,
  Standby;

  public Side other() {
    return this == Primary ? Standby : Primary;
  }
}
