package io.enifailover.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** An immutable snapshot of the simulated world, with the lookups the Describe actions need. */
final class WorldView {

  static final Set<String> NETWORK_INTERFACE_FILTERS = Set.of(
      "tag-key",
      "network-interface-id", "subnet-id", "vpc-id", "availability-zone", "status", "description",
      "mac-address", "owner-id", "interface-type", "private-ip-address", "addresses.private-ip-address",
      "attachment.attachment-id", "attachment.instance-id", "attachment.device-index", "attachment.status",
      "association.allocation-id", "association.association-id", "association.public-ip");
  static final Set<String> INSTANCE_FILTERS = Set.of(
      "tag-key",
      "instance-id", "instance-state-name", "instance-state-code", "availability-zone", "vpc-id",
      "subnet-id", "private-ip-address", "network-interface.network-interface-id");
  static final Set<String> ROUTE_TABLE_FILTERS = Set.of("route-table-id", "vpc-id");
  static final Set<String> ADDRESS_FILTERS = Set.of(
      "tag-key",
      "allocation-id", "association-id", "public-ip", "domain", "network-interface-id", "instance-id",
      "private-ip-address", "network-interface-owner-id");

  private final Map<String, InstanceModel> instances;
  private final Map<String, EniModel> enis;
  private final Map<String, AddressModel> addresses;
  private final Map<String, RouteTableModel> routeTables;
  private final Map<String, Map<String, String>> tagsByResource;
  private final Map<String, List<EniModel>> enisByInstance;
  private final Set<String> impaired;

  WorldView(
      Map<String, InstanceModel> instances,
      Map<String, EniModel> enis,
      Map<String, AddressModel> addresses,
      Map<String, RouteTableModel> routeTables,
      Map<String, Map<String, String>> tagsByResource,
      Set<String> impaired) {
    this.impaired = Set.copyOf(impaired);
    this.instances = Collections.unmodifiableMap(new LinkedHashMap<>(instances));
    this.enis = Collections.unmodifiableMap(new LinkedHashMap<>(enis));
    this.addresses = Collections.unmodifiableMap(new LinkedHashMap<>(addresses));
    this.routeTables = Collections.unmodifiableMap(new java.util.TreeMap<>(routeTables));
    Map<String, Map<String, String>> tags = new HashMap<>();
    tagsByResource.forEach((id, t) -> tags.put(id, Collections.unmodifiableMap(new LinkedHashMap<>(t))));
    this.tagsByResource = Collections.unmodifiableMap(tags);
    Map<String, List<EniModel>> byInstance = new HashMap<>();
    this.enis.values().stream().filter(eni -> eni.attachment() != null)
        .forEach(eni -> byInstance.computeIfAbsent(eni.attachment().instanceId(), k -> new ArrayList<>()).add(eni));
    byInstance.values().forEach(list -> list.sort(Comparator.comparingInt(eni -> eni.attachment().deviceIndex())));
    this.enisByInstance = byInstance;
  }

  /** The route tables named (all without ids), as DescribeRouteTables answers; an unknown id fails the call. */
  List<RouteTableModel> routeTables(List<String> ids, QueryFilters filters) {
    filters.requireSupported(ROUTE_TABLE_FILTERS);
    return candidates(routeTables, ids, filters.exactValues("route-table-id"), Ec2Error::routeTablesNotFound).stream()
        .filter(table -> filters.matches(Map.of("route-table-id", List.of(table.id()), "vpc-id", List.of(table.vpcId()))))
        .collect(Collectors.toList());
  }

  /** A route to an interface that no longer exists is a blackhole, as EC2 reports it. */
  boolean isBlackhole(String target) {
    return target.startsWith("eni-") && !enis.containsKey(target);
  }

  /** The instance an interface is attached to, for a route's instanceId. */
  Optional<String> instanceOfInterface(String eniId) {
    return Optional.ofNullable(enis.get(eniId)).map(EniModel::attachment).map(AttachmentModel::instanceId);
  }

  Map<String, String> tagsOf(String resourceId) {
    return tagsByResource.getOrDefault(resourceId, Map.of());
  }

  List<EniModel> networkInterfaces(List<String> eniIds, QueryFilters filters) {
    filters.requireSupported(NETWORK_INTERFACE_FILTERS);
    return candidates(enis, eniIds, filters.exactValues("network-interface-id"), Ec2Error::networkInterfacesNotFound).stream()
        .filter(eni -> filters.matches(attributesOf(eni)))
        .collect(Collectors.toList());
  }

  List<InstanceModel> instances(List<String> instanceIds, QueryFilters filters) {
    filters.requireSupported(INSTANCE_FILTERS);
    return candidates(instances, instanceIds, filters.exactValues("instance-id"), Ec2Error::instancesNotFound).stream()
        .filter(instance -> filters.matches(attributesOf(instance)))
        .collect(Collectors.toList());
  }

  /**
   * DescribeInstanceStatus: the named instances (failing on an unknown one) or all; without
   * {@code includeAll}, only the running ones, as EC2 reports status checks only for those.
   */
  List<InstanceModel> instanceStatuses(List<String> instanceIds, boolean includeAll) {
    return select(instances, instanceIds, Ec2Error::instancesNotFound).stream()
        .filter(instance -> includeAll || instance.state() == SimInstanceState.RUNNING)
        .collect(Collectors.toList());
  }

  boolean impaired(String instanceId) {
    return impaired.contains(instanceId);
  }

  List<AddressModel> addresses(List<String> allocationIds, List<String> publicIps, QueryFilters filters) {
    filters.requireSupported(ADDRESS_FILTERS);
    for (String allocationId : allocationIds) {
      if (!addresses.containsKey(allocationId)) {
        throw Ec2Error.allocationNotFound(allocationId);
      }
    }
    Set<String> knownPublicIps =
        addresses.values().stream().map(AddressModel::publicIp).collect(Collectors.toSet());
    for (String publicIp : publicIps) {
      if (!knownPublicIps.contains(publicIp)) {
        throw Ec2Error.addressNotFound(publicIp);
      }
    }
    boolean all = allocationIds.isEmpty() && publicIps.isEmpty();
    Optional<List<String>> byFilter = filters.exactValues("allocation-id");
    return (byFilter.isPresent() ? byFilter.get().stream().map(addresses::get).filter(java.util.Objects::nonNull).toList()
            : List.copyOf(addresses.values())).stream()
        .filter(address -> all
            || allocationIds.contains(address.allocationId())
            || publicIps.contains(address.publicIp()))
        .filter(address -> filters.matches(attributesOf(address)))
        .collect(Collectors.toList());
  }

  /** The ENIs attached to the instance (in any attachment phase), by device index. */
  List<EniModel> enisAttachedTo(String instanceId) {
    return enisByInstance.getOrDefault(instanceId, List.of());
  }

  Optional<AddressModel> addressOn(String eniId, String privateIp) {
    return addresses.values().stream().filter(a -> a.associatedWith(eniId, privateIp)).findFirst();
  }

  /** The instance the address's ENI is attached to, which EC2 reports as the address's instanceId. */
  Optional<String> instanceOf(AddressModel address) {
    return Optional.ofNullable(address.eniId())
        .map(enis::get)
        .map(EniModel::attachment)
        .map(AttachmentModel::instanceId);
  }

  private Map<String, List<String>> attributesOf(EniModel eni) {
    Map<String, List<String>> attributes = new HashMap<>();
    tagAttributes(attributes, eni.id());
    attributes.put("network-interface-id", List.of(eni.id()));
    attributes.put("subnet-id", List.of(eni.subnetId()));
    attributes.put("vpc-id", List.of(eni.vpcId()));
    attributes.put("availability-zone", List.of(eni.availabilityZone()));
    attributes.put("status", List.of(eni.status()));
    attributes.put("description", List.of(eni.description()));
    attributes.put("mac-address", List.of(eni.macAddress()));
    attributes.put("owner-id", List.of(SimWorld.OWNER_ID));
    attributes.put("interface-type", List.of("interface"));
    attributes.put("private-ip-address", List.of(eni.primaryIp()));
    attributes.put("addresses.private-ip-address", eni.privateIps());
    AttachmentModel attachment = eni.attachment();
    if (attachment != null) {
      attributes.put("attachment.attachment-id", List.of(attachment.id()));
      attributes.put("attachment.instance-id", List.of(attachment.instanceId()));
      attributes.put("attachment.device-index", List.of(String.valueOf(attachment.deviceIndex())));
      attributes.put("attachment.status", List.of(attachment.phase().awsName()));
    }
    List<AddressModel> onEni = addresses.values().stream()
        .filter(a -> eni.id().equals(a.eniId()))
        .collect(Collectors.toList());
    attributes.put("association.allocation-id", pluck(onEni, AddressModel::allocationId));
    attributes.put("association.association-id", pluck(onEni, AddressModel::associationId));
    attributes.put("association.public-ip", pluck(onEni, AddressModel::publicIp));
    return attributes;
  }

  private Map<String, List<String>> attributesOf(InstanceModel instance) {
    Map<String, List<String>> attributes = new HashMap<>();
    tagAttributes(attributes, instance.id());
    attributes.put("instance-id", List.of(instance.id()));
    attributes.put("instance-state-name", List.of(instance.state().awsName()));
    attributes.put("instance-state-code", List.of(String.valueOf(instance.state().code())));
    attributes.put("availability-zone", List.of(instance.availabilityZone()));
    attributes.put("vpc-id", List.of(instance.vpcId()));
    attributes.put("subnet-id", List.of(instance.subnetId()));
    attributes.put("private-ip-address", instance.privateIp() == null ? List.of() : List.of(instance.privateIp()));
    attributes.put("network-interface.network-interface-id", pluck(enisAttachedTo(instance.id()), EniModel::id));
    return attributes;
  }

  private Map<String, List<String>> attributesOf(AddressModel address) {
    Map<String, List<String>> attributes = new HashMap<>();
    tagAttributes(attributes, address.allocationId());
    attributes.put("allocation-id", List.of(address.allocationId()));
    attributes.put("public-ip", List.of(address.publicIp()));
    attributes.put("domain", List.of("vpc"));
    if (address.associated()) {
      attributes.put("association-id", List.of(address.associationId()));
      attributes.put("network-interface-id", List.of(address.eniId()));
      attributes.put("network-interface-owner-id", List.of(SimWorld.OWNER_ID));
      attributes.put("private-ip-address", List.of(address.privateIp()));
      instanceOf(address).ifPresent(id -> attributes.put("instance-id", List.of(id)));
    }
    return attributes;
  }

  /** EC2's {@code tag:<key>} and {@code tag-key} filters. */
  private void tagAttributes(Map<String, List<String>> attributes, String resourceId) {
    Map<String, String> tags = tagsOf(resourceId);
    tags.forEach((key, value) -> attributes.put("tag:" + key, List.of(value)));
    attributes.put("tag-key", List.copyOf(tags.keySet()));
  }

  private static <T> List<String> pluck(List<T> items, Function<T, String> field) {
    return items.stream().map(field).collect(Collectors.toList());
  }

  /** The resources an id filter names (unknown ones are simply absent, as with EC2's filters), else {@link #select}. */
  private static <T> List<T> candidates(
      Map<String, T> byId, List<String> ids, Optional<List<String>> filteredIds, Function<List<String>, Ec2Error> notFound) {
    if (ids.isEmpty() && filteredIds.isPresent()) {
      return filteredIds.get().stream().distinct().map(byId::get).filter(java.util.Objects::nonNull).collect(Collectors.toList());
    }
    return select(byId, ids, notFound);
  }

  /** All resources when no ids are given; otherwise the named ones, failing on any unknown id as EC2 does. */
  private static <T> List<T> select(
      Map<String, T> byId, List<String> ids, Function<List<String>, Ec2Error> notFound) {
    if (ids.isEmpty()) {
      return new ArrayList<>(byId.values());
    }
    Set<String> wanted = new LinkedHashSet<>(ids);
    List<String> missing = wanted.stream().filter(id -> !byId.containsKey(id)).collect(Collectors.toList());
    if (!missing.isEmpty()) {
      throw notFound.apply(missing);
    }
    return byId.entrySet().stream()
        .filter(entry -> wanted.contains(entry.getKey()))
        .map(Map.Entry::getValue)
        .collect(Collectors.toList());
  }
}
