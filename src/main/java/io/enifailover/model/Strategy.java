package io.enifailover.model;

/** How a pair moves its service address from one instance to the other. */
public enum Strategy {
  /** The secondary interface itself moves: detach from one instance, attach to the other (one Availability Zone). */
  InterfaceMove,
  /** Routes to an overlay address outside the VPC point at the active side's interface (across Availability Zones). */
  RouteTable,
  /** A secondary private IP is reassigned to the active side's interface (both interfaces in one subnet). */
  SecondaryIp
}
