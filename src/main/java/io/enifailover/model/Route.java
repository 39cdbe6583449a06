package io.enifailover.model;

import java.util.Optional;

/**
 * One route of a route table, as EC2 describes it.
 *
 * @param destination the destination CIDR block, IPv4 or IPv6
 * @param networkInterfaceId the interface it sends traffic to, when its target is an interface (or an instance,
 *     which EC2 resolves to the instance's primary interface)
 * @param target the id of whatever it points at (an interface, a gateway, a peering connection...), for messages
 * @param blackhole true when EC2 reports the route's target gone: traffic to the destination is dropped
 */
public record Route(String destination, Optional<String> networkInterfaceId, String target, boolean blackhole) {

  /** True when the route delivers to {@code eni}: it points at it and its state is active. */
  public boolean deliversTo(String eni) {
    return !blackhole && networkInterfaceId.filter(eni::equals).isPresent();
  }
}
