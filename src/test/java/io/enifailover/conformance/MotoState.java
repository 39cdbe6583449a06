package io.enifailover.conformance;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceAttachment;
import software.amazon.awssdk.services.ec2.model.Reservation;

/**
 * Everything the operator could change, read back from moto with a plain SDK client: every interface's
 * attachment, every address's association, every instance's state and interfaces by device index. Two
 * equal snapshots mean nothing was mutated in between.
 */
record MotoState(
    Map<String, EniState> interfaces, Map<String, AddressState> addresses, Map<String, InstanceState> instances) {

  /** An interface's attachment (null fields when detached) and the public IP EC2 shows on it. */
  record EniState(String status, String attachmentId, String instanceId, Integer deviceIndex, String attachmentStatus, String publicIp) {
    boolean attachedTo(String instance) {
      return instance.equals(instanceId) && "attached".equals(attachmentStatus);
    }
  }

  record AddressState(String publicIp, String associationId, String networkInterfaceId, String privateIpAddress) {}

  record InstanceState(String state, Map<Integer, String> interfaceByDeviceIndex) {}

  static MotoState read(Ec2Client ec2) {
    Map<String, EniState> interfaces = new TreeMap<>();
    for (NetworkInterface ni : ec2.describeNetworkInterfaces().networkInterfaces()) {
      NetworkInterfaceAttachment a = ni.attachment();
      boolean attached = a != null && a.attachmentId() != null;
      interfaces.put(
          ni.networkInterfaceId(),
          new EniState(
              ni.statusAsString(),
              attached ? a.attachmentId() : null,
              attached ? a.instanceId() : null,
              attached ? a.deviceIndex() : null,
              attached ? a.statusAsString() : null,
              ni.association() == null ? null : ni.association().publicIp()));
    }
    Map<String, AddressState> addresses = new TreeMap<>();
    for (Address a : ec2.describeAddresses().addresses()) {
      addresses.put(
          a.allocationId(),
          new AddressState(
              a.publicIp(), blankToNull(a.associationId()), blankToNull(a.networkInterfaceId()), blankToNull(a.privateIpAddress())));
    }
    Map<String, InstanceState> instances = new TreeMap<>();
    for (Reservation reservation : ec2.describeInstances().reservations()) {
      for (Instance i : reservation.instances()) {
        Map<Integer, String> byIndex = new TreeMap<>();
        for (InstanceNetworkInterface ni : i.networkInterfaces()) {
          if (ni.attachment() != null && ni.attachment().deviceIndex() != null) {
            byIndex.put(ni.attachment().deviceIndex(), ni.networkInterfaceId());
          }
        }
        instances.put(i.instanceId(), new InstanceState(i.state().nameAsString(), byIndex));
      }
    }
    return new MotoState(Map.copyOf(interfaces), Map.copyOf(addresses), Map.copyOf(instances));
  }

  /**
   * moto answers DescribeAddresses with empty elements ({@code <instanceId/>}, and an empty
   * networkInterfaceId once disassociated) where EC2 leaves the element out; both mean "none" here
   * (docs/ec2-conformance.md lists the difference).
   */
  private static String blankToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  EniState eni(String id) {
    return Optional.ofNullable(interfaces.get(id)).orElseThrow(() -> new AssertionError("moto has no interface " + id));
  }

  AddressState address(String allocationId) {
    return Optional.ofNullable(addresses.get(allocationId))
        .orElseThrow(() -> new AssertionError("moto has no address " + allocationId));
  }
}
