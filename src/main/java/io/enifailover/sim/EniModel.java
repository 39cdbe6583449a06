package io.enifailover.sim;

import java.util.ArrayList;
import java.util.List;

/** An elastic network interface; {@code attachment} is null while the ENI is available. */
record EniModel(
    String id,
    String availabilityZone,
    String vpcId,
    String subnetId,
    String description,
    String macAddress,
    String primaryIp,
    List<String> secondaryIps,
    AttachmentModel attachment,
    boolean sourceDestCheck) {

  EniModel {
    secondaryIps = List.copyOf(secondaryIps);
  }

  EniModel withAttachment(AttachmentModel newAttachment) {
    return new EniModel(
        id, availabilityZone, vpcId, subnetId, description, macAddress, primaryIp, secondaryIps, newAttachment, sourceDestCheck);
  }

  EniModel withSecondaryIps(List<String> ips) {
    return new EniModel(id, availabilityZone, vpcId, subnetId, description, macAddress, primaryIp, ips, attachment, sourceDestCheck);
  }

  EniModel withSourceDestCheck(boolean value) {
    return new EniModel(id, availabilityZone, vpcId, subnetId, description, macAddress, primaryIp, secondaryIps, attachment, value);
  }

  List<String> privateIps() {
    List<String> ips = new ArrayList<>(secondaryIps.size() + 1);
    ips.add(primaryIp);
    ips.addAll(secondaryIps);
    return ips;
  }

  boolean attachedTo(String instanceId) {
    return attachment != null && attachment.instanceId().equals(instanceId);
  }

  String status() {
    return attachment == null ? "available" : "in-use";
  }
}
