package io.enifailover.sim;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/** The EC2 actions the simulator answers: reads parameters, applies them to the world, renders the reply. */
final class QueryActions {

  /** Actions that change the world, as opposed to Describe calls. */
  static final Set<String> MUTATING = Set.of(
      "AttachNetworkInterface", "DetachNetworkInterface", "AssociateAddress", "DisassociateAddress", "StopInstances",
      "CreateRoute", "ReplaceRoute", "DeleteRoute", "AssignPrivateIpAddresses", "UnassignPrivateIpAddresses",
      "ModifyNetworkInterfaceAttribute");

  private final SimWorld world;
  private final Faults faults;
  private final Map<String, BiFunction<QueryParams, String, String>> handlers;

  QueryActions(SimWorld world, Faults faults) {
    this.world = world;
    this.faults = faults;
    this.handlers = Map.ofEntries(
        Map.entry("CreateTags", this::createTags),
        Map.entry("DeleteTags", this::deleteTags),
        Map.entry("DescribeNetworkInterfaces", this::describeNetworkInterfaces),
        Map.entry("DescribeInstances", this::describeInstances),
        Map.entry("DescribeAddresses", this::describeAddresses),
        Map.entry("DescribeInstanceTypes", this::describeInstanceTypes),
        Map.entry("DescribeInstanceStatus", this::describeInstanceStatus),
        Map.entry("StopInstances", this::stopInstances),
        Map.entry("AttachNetworkInterface", this::attachNetworkInterface),
        Map.entry("DetachNetworkInterface", this::detachNetworkInterface),
        Map.entry("AssociateAddress", this::associateAddress),
        Map.entry("DisassociateAddress", this::disassociateAddress),
        Map.entry("DescribeRouteTables", this::describeRouteTables),
        Map.entry("CreateRoute", this::createRoute),
        Map.entry("ReplaceRoute", this::replaceRoute),
        Map.entry("DeleteRoute", this::deleteRoute),
        Map.entry("AssignPrivateIpAddresses", this::assignPrivateIpAddresses),
        Map.entry("UnassignPrivateIpAddresses", this::unassignPrivateIpAddresses),
        Map.entry("ModifyNetworkInterfaceAttribute", this::modifyNetworkInterfaceAttribute));
  }

  /** Runs the action and returns the response document; failures surface as {@link Ec2Error}. */
  String execute(String action, QueryParams params, String requestId) {
    BiFunction<QueryParams, String, String> handler = handlers.get(action);
    if (handler == null) {
      throw Ec2Error.invalidAction(action);
    }
    return handler.apply(params, requestId);
  }

  private String describeNetworkInterfaces(QueryParams params, String requestId) {
    WorldView view = world.snapshot();
    return QueryResponses.describeNetworkInterfaces(requestId, view,
        view.networkInterfaces(params.list("NetworkInterfaceId"), QueryFilters.from(params)));
  }

  private String describeInstances(QueryParams params, String requestId) {
    WorldView view = world.snapshot();
    return QueryResponses.describeInstances(requestId, view,
        view.instances(params.list("InstanceId"), QueryFilters.from(params)));
  }

  private String describeAddresses(QueryParams params, String requestId) {
    WorldView view = world.snapshot();
    return QueryResponses.describeAddresses(requestId, view,
        view.addresses(params.list("AllocationId"), params.list("PublicIp"), QueryFilters.from(params)));
  }

  private String describeInstanceTypes(QueryParams params, String requestId) {
    List<String> types = params.list("InstanceType");
    types.forEach(InstanceTypes::maxInterfaces);
    return QueryResponses.describeInstanceTypes(requestId, types.isEmpty() ? InstanceTypes.all() : types);
  }

  private String describeInstanceStatus(QueryParams params, String requestId) {
    List<String> instanceIds = params.list("InstanceId");
    // As EC2: named instances come in one answer, only a listing of all is paginated.
    if (!instanceIds.isEmpty() && params.get("MaxResults").isPresent()) {
      throw Ec2Error.client("InvalidParameterCombination",
          "The parameter instancesSet cannot be used with the parameter maxResults");
    }
    WorldView view = world.snapshot();
    QueryPage<InstanceModel> page =
        QueryPage.of(view.instanceStatuses(instanceIds, params.flag("IncludeAllInstances")), params);
    return QueryResponses.describeInstanceStatus(requestId, view, page);
  }

  /** Force matters only to an instance stuck in stopping, which the simulator does not model. */
  private String stopInstances(QueryParams params, String requestId) {
    List<String> instanceIds = params.list("InstanceId");
    if (instanceIds.isEmpty()) {
      throw Ec2Error.missingParameter("InstanceId");
    }
    return QueryResponses.stopInstances(requestId, world.stop(instanceIds));
  }

  private String attachNetworkInterface(QueryParams params, String requestId) {
    String attachmentId = world.attach(
        params.required("NetworkInterfaceId"),
        params.required("InstanceId"),
        params.requiredInt("DeviceIndex"),
        false,
        faults.attachHangs(params.required("NetworkInterfaceId")));
    return QueryResponses.attachNetworkInterface(requestId, attachmentId);
  }

  private String detachNetworkInterface(QueryParams params, String requestId) {
    world.detach(params.required("AttachmentId"), params.flag("Force"), faults::detachHangs);
    return QueryResponses.returnTrue("DetachNetworkInterface", requestId);
  }

  private String associateAddress(QueryParams params, String requestId) {
    // In a VPC an Elastic IP is named by its allocation id; EC2 rejects a bare PublicIp.
    if (params.get("AllocationId").isEmpty() && params.get("PublicIp").isPresent()) {
      throw Ec2Error.client("InvalidParameterCombination",
          "You must specify an allocation id when mapping an address to a VPC instance");
    }
    String allocationId = params.required("AllocationId");
    String privateIp = params.get("PrivateIpAddress").orElse(null);
    // In a VPC, EC2 reassociates an address that is in use unless the caller says AllowReassociation=false.
    boolean allowReassociation = params.get("AllowReassociation").map(Boolean::parseBoolean).orElse(true);
    String associationId;
    if (params.get("NetworkInterfaceId").isPresent()) {
      associationId = world.associate(
          allocationId, params.required("NetworkInterfaceId"), privateIp, allowReassociation);
    } else if (params.get("InstanceId").isPresent()) {
      associationId = world.associateWithInstance(
          allocationId, params.required("InstanceId"), privateIp, allowReassociation);
    } else {
      throw Ec2Error.missingParameter("NetworkInterfaceId or InstanceId");
    }
    return QueryResponses.associateAddress(requestId, associationId);
  }

  private String createTags(QueryParams params, String requestId) {
    Map<String, String> tags = new java.util.LinkedHashMap<>();
    for (int n = 1; params.get("Tag." + n + ".Key").isPresent(); n++) {
      tags.put(params.get("Tag." + n + ".Key").orElseThrow(), params.get("Tag." + n + ".Value").orElse(""));
    }
    world.createTags(resourceIds(params), tags);
    return QueryResponses.returnTrue("CreateTags", requestId);
  }

  private String deleteTags(QueryParams params, String requestId) {
    Map<String, java.util.Optional<String>> tags = new java.util.LinkedHashMap<>();
    for (int n = 1; params.get("Tag." + n + ".Key").isPresent(); n++) {
      tags.put(params.get("Tag." + n + ".Key").orElseThrow(), params.get("Tag." + n + ".Value"));
    }
    world.deleteTags(resourceIds(params), tags);
    return QueryResponses.returnTrue("DeleteTags", requestId);
  }

  private static List<String> resourceIds(QueryParams params) {
    List<String> ids = params.list("ResourceId");
    if (ids.isEmpty()) {
      throw Ec2Error.missingParameter("ResourceId");
    }
    return ids;
  }

  private String describeRouteTables(QueryParams params, String requestId) {
    WorldView view = world.snapshot();
    return QueryResponses.describeRouteTables(requestId, view,
        QueryPage.of(view.routeTables(params.list("RouteTableId"), QueryFilters.from(params)), params));
  }

  private String createRoute(QueryParams params, String requestId) {
    world.createRoute(params.required("RouteTableId"), destination(params), routeTarget(params));
    return QueryResponses.returnTrue("CreateRoute", requestId);
  }

  private String replaceRoute(QueryParams params, String requestId) {
    world.replaceRoute(params.required("RouteTableId"), destination(params), routeTarget(params));
    return QueryResponses.returnTrue("ReplaceRoute", requestId);
  }

  private String deleteRoute(QueryParams params, String requestId) {
    world.deleteRoute(params.required("RouteTableId"), destination(params));
    return QueryResponses.returnTrue("DeleteRoute", requestId);
  }

  private static String destination(QueryParams params) {
    return params.get("DestinationCidrBlock").or(() -> params.get("DestinationIpv6CidrBlock"))
        .orElseThrow(() -> Ec2Error.missingParameter("DestinationCidrBlock or DestinationIpv6CidrBlock"));
  }

  /** The simulator routes to interfaces only: the one target the operator ever sets. */
  private static String routeTarget(QueryParams params) {
    return params.get("NetworkInterfaceId").orElseThrow(() -> Ec2Error.client("InvalidParameterCombination",
        "the simulator routes only to network interfaces: give NetworkInterfaceId"));
  }

  private String assignPrivateIpAddresses(QueryParams params, String requestId) {
    List<String> ips = params.list("PrivateIpAddress");
    if (ips.isEmpty()) {
      throw Ec2Error.missingParameter("PrivateIpAddress");
    }
    world.assignPrivateIps(params.required("NetworkInterfaceId"), ips, params.flag("AllowReassignment"));
    return QueryResponses.returnTrue("AssignPrivateIpAddresses", requestId);
  }

  private String unassignPrivateIpAddresses(QueryParams params, String requestId) {
    world.unassignPrivateIps(params.required("NetworkInterfaceId"), params.list("PrivateIpAddress"));
    return QueryResponses.returnTrue("UnassignPrivateIpAddresses", requestId);
  }

  private String modifyNetworkInterfaceAttribute(QueryParams params, String requestId) {
    String value = params.get("SourceDestCheck.Value").orElseThrow(() -> Ec2Error.missingParameter("SourceDestCheck.Value"));
    world.setSourceDestCheck(params.required("NetworkInterfaceId"), Boolean.parseBoolean(value));
    return QueryResponses.returnTrue("ModifyNetworkInterfaceAttribute", requestId);
  }

  private String disassociateAddress(QueryParams params, String requestId) {
    world.disassociate(params.required("AssociationId"));
    return QueryResponses.returnTrue("DisassociateAddress", requestId);
  }
}
