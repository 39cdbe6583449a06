package io.enifailover.model;

/** How one route of a route table compares with what the pair declares. */
public enum RouteState {
  /** The route delivers to the active side's interface. */
  InSync,
  /** The route points somewhere else: the other side, or an interface outside the pair. */
  Drifted,
  /** EC2 reports the route's target gone: traffic to the destination is dropped. */
  Blackhole,
  /** The table has no route for the destination. */
  Missing
}
