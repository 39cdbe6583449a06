package io.enifailover.ec2;

import io.enifailover.model.Cidr;
import io.enifailover.model.Route;
import io.enifailover.model.RouteTable;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ec2.model.CreateRouteRequest;
import software.amazon.awssdk.services.ec2.model.ReplaceRouteRequest;
import software.amazon.awssdk.services.ec2.model.RouteState;

/** Route tables between the AWS SDK's types and the model; a destination is IPv4 or IPv6 by its address. */
final class Ec2Routes {
  private Ec2Routes() {}

  static RouteTable toModel(software.amazon.awssdk.services.ec2.model.RouteTable table) {
    List<Route> routes = table.routes().stream()
        .filter(r -> destinationOf(r) != null)
        .map(Ec2Routes::toModel)
        .toList();
    return new RouteTable(table.routeTableId(), table.vpcId(), routes, AwsEc2Gateway.tags(table.tags()));
  }

  private static Route toModel(software.amazon.awssdk.services.ec2.model.Route r) {
    String target = Stream.of(r.networkInterfaceId(), r.instanceId(), r.gatewayId(), r.natGatewayId(),
            r.transitGatewayId(), r.vpcPeeringConnectionId(), r.egressOnlyInternetGatewayId(), r.localGatewayId(),
            r.carrierGatewayId(), r.coreNetworkArn())
        .filter(id -> id != null && !id.isBlank())
        .findFirst().orElse("nothing");
    return new Route(Cidr.canonical(destinationOf(r)), Optional.ofNullable(r.networkInterfaceId()).filter(id -> !id.isBlank()),
        target, r.state() == RouteState.BLACKHOLE);
  }

  /** The route's CIDR destination; null for a prefix-list route, which no pair names. */
  private static String destinationOf(software.amazon.awssdk.services.ec2.model.Route r) {
    return r.destinationCidrBlock() != null ? r.destinationCidrBlock() : r.destinationIpv6CidrBlock();
  }

  static boolean isIpv6(String destination) {
    return destination.contains(":");
  }

  static ReplaceRouteRequest.Builder destination(ReplaceRouteRequest.Builder r, String destination) {
    return isIpv6(destination) ? r.destinationIpv6CidrBlock(destination) : r.destinationCidrBlock(destination);
  }

  static CreateRouteRequest.Builder destination(CreateRouteRequest.Builder r, String destination) {
    return isIpv6(destination) ? r.destinationIpv6CidrBlock(destination) : r.destinationCidrBlock(destination);
  }
}
