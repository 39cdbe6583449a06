package io.enifailover.ec2;

import io.enifailover.model.Address;
import io.enifailover.model.Instance;
import io.enifailover.model.InstanceCheck;
import io.enifailover.model.NetworkInterface;
import io.enifailover.model.RouteTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The only door to EC2: value types in, value types out. Every method throws {@link Ec2Failure} when
 * EC2 refuses or does not answer; "not found" on a describe is an empty result, not a failure.
 */
public interface Ec2Gateway {

  /** One cheap read that proves the endpoint, the credentials and the describe permission work. */
  void probe();

  /**
   * The interfaces among {@code ids} that exist, read in one paginated, filtered call per 100 ids (EC2's
   * larger token bucket); missing ones are absent from the map.
   */
  Map<String, NetworkInterface> describeNetworkInterfaces(Set<String> ids);

  /** The instances among {@code ids} that exist, one paginated, filtered call per 100 ids. */
  Map<String, Instance> describeInstances(Set<String> ids);

  /**
   * EC2's status checks of the instances among {@code instanceIds} that exist, whatever their state, one
   * call per 100 ids; missing ones are absent from the map.
   */
  Map<String, InstanceCheck> describeInstanceStatus(Set<String> instanceIds);

  /** The Elastic IPs among {@code allocationIds} that exist, one filtered call per 100 ids. */
  Map<String, Address> describeAddresses(Set<String> allocationIds);

  /** The route tables among {@code ids} that exist, with their routes, one paginated, filtered call per 100 ids. */
  Map<String, RouteTable> describeRouteTables(Set<String> ids);

  default Optional<NetworkInterface> describeNetworkInterface(String id) {
    return Optional.ofNullable(describeNetworkInterfaces(Set.of(id)).get(id));
  }

  default Optional<Address> describeAddress(String allocationId) {
    return Optional.ofNullable(describeAddresses(Set.of(allocationId)).get(allocationId));
  }

  /**
   * Asks EC2, with a dry run, whether the operator may attach the interface to the instance; throws
   * {@link Ec2Failure} (AccessDenied) when it may not. Permission only: EC2 checks no state in a dry run.
   */
  void checkAttachPermitted(String networkInterfaceId, String instanceId, int deviceIndex);

  /** Starts attaching; returns the new attachment id. */
  String attach(String networkInterfaceId, String instanceId, int deviceIndex);

  /** Starts detaching; {@code force} is AWS's last resort for an instance that does not let go. */
  void detach(String attachmentId, boolean force);

  /**
   * Stops the instance (fencing a failed one); with {@code dryRun}, only asks EC2 whether the operator
   * may, throwing {@link Ec2Failure} (AccessDenied) when it may not.
   */
  void stopInstance(String instanceId, boolean dryRun);

  /** StopInstances with Force: EC2's last resort for an instance stuck stopping (no clean shutdown). */
  void forceStopInstance(String instanceId);

  void associateAddress(String allocationId, String networkInterfaceId, String privateIp, boolean allowReassociation);

  /**
   * Points the table's existing route for {@code destination} at the interface (ReplaceRoute); with
   * {@code dryRun}, only asks EC2 whether the operator may, throwing {@link Ec2Failure} when it may not.
   */
  void replaceRoute(String routeTableId, String destination, String networkInterfaceId, boolean dryRun);

  /** Adds a route for {@code destination} to the interface (CreateRoute); {@code dryRun} as for {@link #replaceRoute}. */
  void createRoute(String routeTableId, String destination, String networkInterfaceId, boolean dryRun);

  /**
   * Assigns the private IPs to the interface, taking them from another interface of the subnet that holds
   * them (AssignPrivateIpAddresses with AllowReassignment). EC2 has no dry run for it.
   */
  void assignPrivateIps(String networkInterfaceId, List<String> privateIps);

  /** Adds or overwrites the tags on the resource. */
  default void createTags(String resourceId, Map<String, String> tags) {
    createTags(List.of(resourceId), tags);
  }

  /** Adds or overwrites the tags on every resource, in one call (EC2 takes up to 1000 resources). */
  void createTags(List<String> resourceIds, Map<String, String> tags);

  /** Removes each tag only where it still has the given value, as EC2's DeleteTags does when given values. */
  default void deleteTags(String resourceId, Map<String, String> tags) {
    deleteTags(List.of(resourceId), tags);
  }

  /** {@link #deleteTags(String, Map)} on every resource, in one call. */
  void deleteTags(List<String> resourceIds, Map<String, String> tags);
}
