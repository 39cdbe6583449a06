package io.enifailover.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.model.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SpecValidatorTest {
  static final String UNSUPPORTED = " is not supported by this version of the operator";

  static EniFailoverPairSpec valid() {
    EniFailoverPairSpec spec = new EniFailoverPairSpec();
    spec.setNetworkInterfaceId("eni-0123456789abcdef0");
    spec.setPrimary(new InstanceRef("i-0aaaaaaaaaaaaaaaa"));
    spec.setStandby(new InstanceRef("i-0bbbbbbbbbbbbbbbb"));
    spec.setElasticIp(new ElasticIpSpec("eipalloc-0123456789abcdef0", null));
    return spec;
  }

  /** A RouteTable pair as the schema accepts it: each side's own interface, an Elastic IP that follows the side. */
  static EniFailoverPairSpec routeTable() {
    EniFailoverPairSpec spec = new EniFailoverPairSpec();
    spec.setStrategy(Strategy.RouteTable);
    spec.setPrimary(new InstanceRef("i-0aaaaaaaaaaaaaaaa", "eni-0aaaaaaaaaaaaaaa1"));
    spec.setStandby(new InstanceRef("i-0bbbbbbbbbbbbbbbb", "eni-0bbbbbbbbbbbbbbb1"));
    spec.setRouteTable(new RouteTableSpec(List.of("192.168.100.10/32", "2600:1f18:abcd::10/128"),
        List.of("rtb-0123456789abcdef0", "rtb-0fedcba9876543210")));
    ElasticIpSpec eip = new ElasticIpSpec("eipalloc-0123456789abcdef0", null);
    eip.setPrivateIpAddresses(new SidePrivateIps("10.0.1.25", "10.0.2.25"));
    spec.setElasticIp(eip);
    return spec;
  }

  /** A SecondaryIp pair as the schema accepts it: the sides' primary interfaces by default. */
  static EniFailoverPairSpec secondaryIp() {
    EniFailoverPairSpec spec = new EniFailoverPairSpec();
    spec.setStrategy(Strategy.SecondaryIp);
    spec.setPrimary(new InstanceRef("i-0aaaaaaaaaaaaaaaa"));
    spec.setStandby(new InstanceRef("i-0bbbbbbbbbbbbbbbb"));
    spec.setSecondaryIp(new SecondaryIpSpec(List.of("10.0.1.50", "10.0.1.51")));
    spec.setElasticIp(new ElasticIpSpec("eipalloc-0123456789abcdef0", "10.0.1.50"));
    return spec;
  }

  @Test
  void aValidSpecHasNoProblems() {
    assertThat(SpecValidator.problems(valid())).isEmpty();
  }

  @Test
  void aSpecWithoutStrategyIsAnInterfaceMove() {
    EniFailoverPairSpec spec = valid();
    spec.setStrategy(null);

    assertThat(spec.strategy()).isEqualTo(Strategy.InterfaceMove);
    assertThat(SpecValidator.problems(spec)).isEmpty();
  }

  @Test
  void everyProblemNamesTheFieldAndTheValue() {
    EniFailoverPairSpec spec = valid();
    spec.setNetworkInterfaceId("eni-XYZ");
    spec.setStandby(new InstanceRef("i-0aaaaaaaaaaaaaaaa"));
    spec.setDeviceIndex(0);
    spec.setElasticIp(new ElasticIpSpec("alloc-1", null));

    assertThat(SpecValidator.problems(spec)).containsExactly(
        "spec.networkInterfaceId 'eni-XYZ' does not match ^eni-[0-9a-f]{8,17}$",
        "spec.primary and spec.standby are the same instance i-0aaaaaaaaaaaaaaaa",
        "spec.deviceIndex is 0: 0 is the instance's own interface, use 1 or more",
        "spec.elasticIp.allocationId 'alloc-1' does not match ^eipalloc-[0-9a-f]{8,17}$");
  }

  @Test
  void missingRequiredFieldsAreNamed() {
    assertThat(SpecValidator.problems(new EniFailoverPairSpec())).containsExactly(
        "spec.networkInterfaceId is required", "spec.primary.instanceId is required", "spec.standby.instanceId is required");
  }

  /** The schema accepts SecondaryIp pairs; this version refuses them, so that it never half handles one. */
  @Test
  void aStrategyThisVersionDoesNotImplementIsRefusedAlone() {
    assertThat(SpecValidator.problems(routeTable())).singleElement().asString()
        .startsWith("spec.elasticIp with strategy RouteTable is not supported by this version of the operator yet");
    assertThat(SpecValidator.problems(secondaryIp())).singleElement().asString()
        .startsWith("strategy SecondaryIp" + UNSUPPORTED).contains("InterfaceMove", "RouteTable");
  }

  static Arguments bad(String what, EniFailoverPairSpec base, Consumer<EniFailoverPairSpec> change, String problem) {
    return Arguments.of(what, base, change, problem);
  }

  /** The schema's CEL rules, one row each, as the operator repeats them for a pair that got past an older schema. */
  static Stream<Arguments> celRules() {
    return Stream.of(
        bad("InterfaceMove without networkInterfaceId", valid(), s -> s.setNetworkInterfaceId(null),
            "spec.networkInterfaceId is required"),
        bad("RouteTable with networkInterfaceId", routeTable(), s -> s.setNetworkInterfaceId("eni-0123456789abcdef0"),
            "spec.networkInterfaceId is only for strategy InterfaceMove: with RouteTable no interface moves; name each"
                + " side's own in spec.primary.networkInterfaceId and spec.standby.networkInterfaceId"),
        bad("InterfaceMove with a side's own interface", valid(), s -> s.getStandby().setNetworkInterfaceId("eni-0bbbbbbbbbbbbbbb1"),
            "spec.primary.networkInterfaceId and spec.standby.networkInterfaceId are only for strategies RouteTable and"
                + " SecondaryIp: with InterfaceMove the interface that moves is spec.networkInterfaceId"),
        bad("a side's own interface malformed", secondaryIp(), s -> s.getPrimary().setNetworkInterfaceId("eni-1"),
            "spec.primary.networkInterfaceId 'eni-1' does not match ^eni-[0-9a-f]{8,17}$"),
        bad("RouteTable without routeTable", routeTable(), s -> s.setRouteTable(null),
            "spec.routeTable is required with strategy RouteTable: the destinations to route and the route tables that carry them"),
        bad("routeTable on an InterfaceMove pair", valid(), s -> s.setRouteTable(routeTable().getRouteTable()),
            "spec.routeTable is only for strategy RouteTable"),
        bad("SecondaryIp without secondaryIp", secondaryIp(), s -> s.setSecondaryIp(null),
            "spec.secondaryIp is required with strategy SecondaryIp: the private IPs that move to the active side"),
        bad("secondaryIp on a RouteTable pair", routeTable(), s -> s.setSecondaryIp(secondaryIp().getSecondaryIp()),
            "spec.secondaryIp is only for strategy SecondaryIp"),
        bad("privateIpAddress with privateIpAddresses", routeTable(), s -> s.getElasticIp().setPrivateIpAddress("10.0.1.25"),
            "spec.elasticIp.privateIpAddress and spec.elasticIp.privateIpAddresses are mutually exclusive"),
        bad("privateIpAddresses on a SecondaryIp pair", secondaryIp(), s -> {
              s.getElasticIp().setPrivateIpAddress(null);
              s.getElasticIp().setPrivateIpAddresses(new SidePrivateIps("10.0.1.50", "10.0.1.51"));
            },
            "spec.elasticIp.privateIpAddresses is only for strategy RouteTable: where one address moves with the"
                + " service, name it in spec.elasticIp.privateIpAddress"),
        bad("a side's Elastic IP address missing", routeTable(), s -> s.getElasticIp().getPrivateIpAddresses().setStandby(null),
            "spec.elasticIp.privateIpAddresses.standby is required"),
        bad("a side's Elastic IP address malformed", routeTable(), s -> s.getElasticIp().getPrivateIpAddresses().setPrimary("10.0.1.256"),
            "spec.elasticIp.privateIpAddresses.primary '10.0.1.256' does not match " + IpPatterns.IPV4),
        bad("no destinations", routeTable(), s -> s.getRouteTable().setDestinations(List.of()),
            "spec.routeTable.destinations has 0 items: it takes 1 to 50"),
        bad("51 destinations", routeTable(), s -> s.getRouteTable().setDestinations(
                IntStream.range(0, 51).mapToObj(i -> "192.168.100." + i + "/32").toList()),
            "spec.routeTable.destinations has 51 items: it takes 1 to 50"),
        bad("a destination without its prefix length", routeTable(), s -> s.getRouteTable().setDestinations(List.of("192.168.100.10")),
            "spec.routeTable.destinations[0] '192.168.100.10' does not match " + IpPatterns.CIDR),
        bad("an IPv6 destination in upper case", routeTable(), s -> s.getRouteTable().setDestinations(List.of("2600:1F18::10/128")),
            "spec.routeTable.destinations[0] '2600:1F18::10/128' does not match " + IpPatterns.CIDR),
        bad("a destination twice", routeTable(), s -> s.getRouteTable().setDestinations(List.of("192.168.100.10/32", "192.168.100.10/32")),
            "spec.routeTable.destinations lists '192.168.100.10/32' more than once"),
        bad("no route tables", routeTable(), s -> s.getRouteTable().setRouteTableIds(null),
            "spec.routeTable.routeTableIds is required"),
        bad("101 route tables", routeTable(), s -> s.getRouteTable().setRouteTableIds(
                IntStream.range(0, 101).mapToObj(i -> String.format("rtb-%017x", i)).toList()),
            "spec.routeTable.routeTableIds has 101 items: it takes 1 to 100"),
        bad("a route table id malformed", routeTable(), s -> s.getRouteTable().setRouteTableIds(List.of("rt-0123456789abcdef0")),
            "spec.routeTable.routeTableIds[0] 'rt-0123456789abcdef0' does not match ^rtb-[0-9a-f]{8,17}$"),
        bad("11 secondary IPs", secondaryIp(), s -> s.getSecondaryIp().setPrivateIpAddresses(
                IntStream.range(0, 11).mapToObj(i -> "10.0.1." + (50 + i)).toList()),
            "spec.secondaryIp.privateIpAddresses has 11 items: it takes 1 to 10"),
        bad("a secondary IP with a leading zero", secondaryIp(), s -> s.getSecondaryIp().setPrivateIpAddresses(List.of("10.0.1.050")),
            "spec.secondaryIp.privateIpAddresses[0] '10.0.1.050' does not match " + IpPatterns.IPV4));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("celRules")
  void eachRuleOfTheSchemaIsCheckedAgain(String what, EniFailoverPairSpec spec, Consumer<EniFailoverPairSpec> change, String problem) {
    change.accept(spec);

    List<String> problems = new ArrayList<>(SpecValidator.problems(spec));
    problems.removeIf(p -> p.contains(UNSUPPORTED));

    assertThat(problems).as(what).containsExactly(problem);
  }

  @Test
  void theAddressPatternsAcceptWhatEc2Describes() {
    assertThat(List.of("0.0.0.0/0", "10.0.1.0/24", "192.168.100.10/32", "255.255.255.255/32", "2600:1f18:abcd::10/128",
        "::/0", "2001:db8:0:0:0:0:0:1/128", "fd00::/8")).allMatch(c -> c.matches(IpPatterns.CIDR));
    assertThat(List.of("10.0.1.0", "10.0.1.0/33", "256.0.0.0/8", "01.0.0.0/8", "10.0.1/24", "2600:1F18::/64",
        "2600:1f18::/129", "fe80::1%eth0/64", "2001:db8::1::2::3::4::5/128")).noneMatch(c -> c.matches(IpPatterns.CIDR));
    assertThat(List.of("10.0.1.50", "0.0.0.0", "255.255.255.255")).allMatch(a -> a.matches(IpPatterns.IPV4));
    assertThat(List.of("10.0.1", "10.0.1.256", "10.0.01.5", "10.0.1.5/32")).noneMatch(a -> a.matches(IpPatterns.IPV4));
    assertThat("rtb-0123456789abcdef0").matches(AwsIds.ROUTE_TABLE);
  }
}
