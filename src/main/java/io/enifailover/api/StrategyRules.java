package io.enifailover.api;

import io.enifailover.model.Strategy;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The schema's rules on {@code spec.strategy}, checked again in the operator: the fields each strategy needs
 * and the ones it refuses. Also the limit of this version: it acts on InterfaceMove pairs only, so a pair of
 * another strategy is refused rather than half handled.
 */
final class StrategyRules {
  /** The strategies this version of the operator acts on: a strategy joins when its package lands. */
  static final Set<Strategy> SUPPORTED = EnumSet.of(Strategy.InterfaceMove, Strategy.RouteTable);

  private static final Pattern ENI = Pattern.compile(AwsIds.NETWORK_INTERFACE);
  private static final Pattern ROUTE_TABLE = Pattern.compile(AwsIds.ROUTE_TABLE);
  private static final Pattern CIDR = Pattern.compile(IpPatterns.CIDR);
  private static final Pattern IPV4 = Pattern.compile(IpPatterns.IPV4);

  private StrategyRules() {}

  static void check(EniFailoverPairSpec spec, List<String> problems) {
    Strategy strategy = spec.strategy();
    if (!SUPPORTED.contains(strategy)) {
      problems.add("strategy " + strategy + " is not supported by this version of the operator, which moves"
          + " interfaces (InterfaceMove) and routes (RouteTable): upgrade the operator, or create a pair of one of those");
    }
    interfaces(spec, strategy, problems);
    routeTable(spec.getRouteTable(), strategy, problems);
    secondaryIp(spec.getSecondaryIp(), strategy, problems);
    elasticIp(spec.getElasticIp(), strategy, problems);
    notYetWithRoutes(spec, strategy, problems);
  }

  /** What a RouteTable pair may declare but this version does not act on yet: refused rather than ignored. */
  private static void notYetWithRoutes(EniFailoverPairSpec spec, Strategy strategy, List<String> problems) {
    if (strategy != Strategy.RouteTable) {
      return;
    }
    if (spec.getElasticIp() != null) {
      problems.add("spec.elasticIp with strategy RouteTable is not supported by this version of the operator yet:"
          + " remove it, and keep the Elastic IP associated as it is");
    }
    if (spec.getFailover() != null && spec.getFailover().getFencing() == FencingMode.StopInstance) {
      problems.add("spec.failover.fencing StopInstance with strategy RouteTable is not supported by this version of the"
          + " operator yet: set it to None");
    }
  }

  /** InterfaceMove moves spec.networkInterfaceId; the other strategies use each side's own interface instead. */
  private static void interfaces(EniFailoverPairSpec spec, Strategy strategy, List<String> problems) {
    String primary = spec.getPrimary() == null ? null : spec.getPrimary().getNetworkInterfaceId();
    String standby = spec.getStandby() == null ? null : spec.getStandby().getNetworkInterfaceId();
    if (strategy == Strategy.InterfaceMove) {
      FieldChecks.required(problems, "spec.networkInterfaceId", spec.getNetworkInterfaceId(), ENI);
      if (primary != null || standby != null) {
        problems.add("spec.primary.networkInterfaceId and spec.standby.networkInterfaceId are only for strategies"
            + " RouteTable and SecondaryIp: with InterfaceMove the interface that moves is spec.networkInterfaceId");
      }
      return;
    }
    if (spec.getNetworkInterfaceId() != null) {
      problems.add("spec.networkInterfaceId is only for strategy InterfaceMove: with " + strategy + " no interface"
          + " moves; name each side's own in spec.primary.networkInterfaceId and spec.standby.networkInterfaceId");
    }
    FieldChecks.optional(problems, "spec.primary.networkInterfaceId", primary, ENI);
    FieldChecks.optional(problems, "spec.standby.networkInterfaceId", standby, ENI);
  }

  private static void routeTable(RouteTableSpec routeTable, Strategy strategy, List<String> problems) {
    if (strategy != Strategy.RouteTable) {
      if (routeTable != null) {
        problems.add("spec.routeTable is only for strategy RouteTable");
      }
      return;
    }
    if (routeTable == null) {
      problems.add("spec.routeTable is required with strategy RouteTable: the destinations to route and the route"
          + " tables that carry them");
      return;
    }
    FieldChecks.set(problems, "spec.routeTable.destinations", routeTable.getDestinations(), 1,
        RouteTableSpec.MAX_DESTINATIONS, CIDR);
    FieldChecks.set(problems, "spec.routeTable.routeTableIds", routeTable.getRouteTableIds(), 1,
        RouteTableSpec.MAX_ROUTE_TABLES, ROUTE_TABLE);
  }

  private static void secondaryIp(SecondaryIpSpec secondaryIp, Strategy strategy, List<String> problems) {
    if (strategy != Strategy.SecondaryIp) {
      if (secondaryIp != null) {
        problems.add("spec.secondaryIp is only for strategy SecondaryIp");
      }
      return;
    }
    if (secondaryIp == null) {
      problems.add("spec.secondaryIp is required with strategy SecondaryIp: the private IPs that move to the active side");
      return;
    }
    FieldChecks.set(problems, "spec.secondaryIp.privateIpAddresses", secondaryIp.getPrivateIpAddresses(), 1,
        SecondaryIpSpec.MAX_ADDRESSES, IPV4);
  }

  /** One address that moves with the service, or (RouteTable, across zones) one address per side. */
  private static void elasticIp(ElasticIpSpec elasticIp, Strategy strategy, List<String> problems) {
    if (elasticIp == null || elasticIp.getPrivateIpAddresses() == null) {
      return;
    }
    if (elasticIp.getPrivateIpAddress() != null) {
      problems.add("spec.elasticIp.privateIpAddress and spec.elasticIp.privateIpAddresses are mutually exclusive");
    }
    if (strategy != Strategy.RouteTable) {
      problems.add("spec.elasticIp.privateIpAddresses is only for strategy RouteTable: where one address moves with"
          + " the service, name it in spec.elasticIp.privateIpAddress");
    }
    FieldChecks.required(problems, "spec.elasticIp.privateIpAddresses.primary", elasticIp.getPrivateIpAddresses().getPrimary(), IPV4);
    FieldChecks.required(problems, "spec.elasticIp.privateIpAddresses.standby", elasticIp.getPrivateIpAddresses().getStandby(), IPV4);
  }
}
