package io.enifailover.model;

/** Why a pair is in the state it is in; the reason of its Ready condition and of its events. */
public enum Reason {
  InSync(Category.READY),

  Detaching(Category.IN_FLIGHT),
  Attaching(Category.IN_FLIGHT),
  Associating(Category.IN_FLIGHT),
  DetachStuck(Category.IN_FLIGHT),
  AttachStuck(Category.IN_FLIGHT),
  /** Automatic failover's fencing: the failed instance is being stopped before the interface leaves it. */
  Fencing(Category.IN_FLIGHT),
  /** The pair has just recorded its claim on the interface and lets it settle before its first change. */
  Claiming(Category.IN_FLIGHT),
  /** A route of the pair was just pointed at the side that should serve; the pair's other routes follow. */
  Routing(Category.IN_FLIGHT),

  /** The target instance is pending or stopping: it will settle by itself. */
  InstanceNotReady(Category.WAITING),
  Throttled(Category.WAITING),
  /** The region's EC2 budget (the operator's share of EC2's request buckets, the cap of moves in flight) says wait. */
  Queued(Category.WAITING),
  Ec2Unavailable(Category.WAITING),
  /** EC2 changed under a request (for example the attachment went away); observe again. */
  Conflict(Category.WAITING),
  /** This replica cannot prove it holds the leader lease: another replica may be acting. */
  NotLeading(Category.WAITING),

  Paused(Category.PAUSED),

  InvalidSpec(Category.STALLED),
  /** Fencing would stop an instance another pair uses, or the instance never stopped. */
  FencingRefused(Category.STALLED),
  InvalidRegion(Category.STALLED),
  ClaimedByAnotherPair(Category.STALLED),
  /** A resource the pair names is not assigned to the pair's namespace (tenant guard). */
  NotAssignedToNamespace(Category.STALLED),
  NetworkInterfaceNotFound(Category.STALLED),
  InstanceNotFound(Category.STALLED),
  ElasticIpNotFound(Category.STALLED),
  AvailabilityZoneMismatch(Category.STALLED),
  VpcMismatch(Category.STALLED),
  InstanceNotRunning(Category.STALLED),
  AttachedToForeignInstance(Category.STALLED),
  DeviceIndexInUse(Category.STALLED),
  InterfaceLimitReached(Category.STALLED),
  ElasticIpAssociatedElsewhere(Category.STALLED),
  PrivateIpNotOnInterface(Category.STALLED),
  AccessDenied(Category.STALLED),
  /** A route-table next hop whose interface has EC2's source/destination check on: EC2 would drop the traffic. */
  SourceDestCheckEnabled(Category.STALLED),
  /** A table lacks the route for a destination and the pair may not create it. */
  RouteMissing(Category.STALLED),
  RouteTableNotFound(Category.STALLED),
  /** A route of the pair points at a target outside the pair: the operator never takes it. */
  RoutedElsewhere(Category.STALLED),
  /** An overlay destination inside the VPC's own CIDRs: the VPC's local route would always win. */
  DestinationInsideVpc(Category.STALLED),
  /** EC2 rejected a request as invalid; the message carries EC2's own words. */
  Rejected(Category.STALLED);

  /** How a reason maps onto the Ready / Reconciling / Stalled conditions and the pacing. */
  public enum Category {
    READY,
    IN_FLIGHT,
    WAITING,
    PAUSED,
    STALLED
  }

  private final Category category;

  Reason(Category category) {
    this.category = category;
  }

  public Category category() {
    return category;
  }
}
