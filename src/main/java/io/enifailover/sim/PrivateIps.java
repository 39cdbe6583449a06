package io.enifailover.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * AssignPrivateIpAddresses and UnassignPrivateIpAddresses on the world's interfaces and addresses. An Elastic
 * IP on a secondary address moves with it to the interface it is reassigned to, as EC2 documents. Not
 * thread-safe: the world calls it under its own lock.
 */
final class PrivateIps {
  private PrivateIps() {}

  static void assign(Map<String, EniModel> enis, Map<String, AddressModel> addresses, EniModel target, List<String> ips,
      boolean allowReassignment) {
    for (String ip : ips) {
      if (target.privateIps().contains(ip)) {
        continue;
      }
      Optional<EniModel> holder = enis.values().stream().filter(e -> e.privateIps().contains(ip)).findFirst();
      if (holder.isPresent()) {
        EniModel from = holder.get();
        if (from.primaryIp().equals(ip) || !from.subnetId().equals(target.subnetId())) {
          throw Ec2Error.invalidParameterValue("Address " + ip + " is in use and cannot be assigned to " + target.id());
        }
        if (!allowReassignment) {
          throw Ec2Error.client("PrivateIpAddressInUse", "Address " + ip + " is in use.");
        }
        enis.put(from.id(), from.withSecondaryIps(without(from.secondaryIps(), ip)));
        String to = target.id();
        addresses.replaceAll((id, a) -> a.associatedWith(from.id(), ip) ? a.associate(a.associationId(), to, ip) : a);
      }
      target = target.withSecondaryIps(with(target.secondaryIps(), ip));
      enis.put(target.id(), target);
    }
  }

  static void unassign(Map<String, EniModel> enis, Map<String, AddressModel> addresses, EniModel eni, List<String> ips) {
    for (String ip : ips) {
      if (!eni.secondaryIps().contains(ip)) {
        throw Ec2Error.invalidParameterValue("Some of the specified addresses are not assigned to interface " + eni.id());
      }
      String id = eni.id();
      addresses.replaceAll((allocation, a) -> a.associatedWith(id, ip) ? a.disassociate() : a);
      eni = eni.withSecondaryIps(without(eni.secondaryIps(), ip));
    }
    enis.put(eni.id(), eni);
  }

  private static List<String> with(List<String> ips, String ip) {
    List<String> all = new ArrayList<>(ips);
    all.add(ip);
    return all;
  }

  private static List<String> without(List<String> ips, String ip) {
    List<String> rest = new ArrayList<>(ips);
    rest.remove(ip);
    return rest;
  }
}
