package io.enifailover.reconcile;

import io.enifailover.api.ElasticIpSpec;
import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.EniFailoverPairSpec;
import io.enifailover.api.RouteTableSpec;
import io.enifailover.model.Cidr;
import io.enifailover.model.PairClaim;
import io.enifailover.model.PairIntent;
import io.enifailover.model.RouteIntent;
import io.enifailover.model.Strategy;
import io.enifailover.model.PairAnnotations;
import java.util.Optional;

/** Reduces a pair resource to the planner's {@link PairIntent}, applying the API's defaults. */
final class IntentMapper {
  private IntentMapper() {}

  static PairIntent of(EniFailoverPair pair, Optional<String> claimedBy, boolean tenantGuard, String cluster) {
    EniFailoverPairSpec spec = pair.getSpec();
    Optional<String> force = PairAnnotations.value(pair.getMetadata().getAnnotations(), PairAnnotations.FORCE_DETACH);
    ElasticIpSpec eip = spec.getElasticIp();
    var metadata = pair.getMetadata();
    return new PairIntent(
        new PairClaim(metadata.getNamespace(), metadata.getName(), metadata.getUid(), cluster),
        spec.getNetworkInterfaceId(),
        spec.getPrimary().getInstanceId(),
        spec.getStandby().getInstanceId(),
        spec.active(),
        spec.deviceIndex(),
        Optional.ofNullable(eip)
            .map(e -> new PairIntent.ElasticIp(e.getAllocationId(), Optional.ofNullable(e.getPrivateIpAddress()))),
        Boolean.TRUE.equals(spec.getPaused()),
        force,
        claimedBy,
        tenantGuard ? Optional.of(metadata.getNamespace()) : Optional.empty(),
        Optional.empty(),
        routes(spec));
  }

  /** A RouteTable pair's routes; empty for the interface move. */
  private static Optional<RouteIntent> routes(EniFailoverPairSpec spec) {
    if (spec.strategy() != Strategy.RouteTable || spec.getRouteTable() == null) {
      return Optional.empty();
    }
    RouteTableSpec routes = spec.getRouteTable();
    // As EC2 writes them back, so that a destination typed another way still matches its route and its claim.
    return Optional.of(new RouteIntent(routes.getDestinations().stream().map(Cidr::canonical).toList(), routes.getRouteTableIds(),
        Boolean.TRUE.equals(routes.getCreateMissingRoutes()),
        Optional.ofNullable(spec.getPrimary().getNetworkInterfaceId()), Optional.ofNullable(spec.getStandby().getNetworkInterfaceId())));
  }
}
