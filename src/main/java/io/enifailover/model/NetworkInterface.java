package io.enifailover.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ENI as EC2 describes it.
 *
 * @param sourceDestCheck whether EC2 drops traffic not addressed to the interface: a route-table next hop needs it off
 * @param privateIps every private IPv4 address of the interface, the primary one first
 * @param publicAddressByPrivateIp the public address associated with each private IP that has one
 * @param tags the interface's EC2 tags: the tenant assignment and the claim of the pair that manages it
 */
public record NetworkInterface(
    String id,
    String availabilityZone,
    String vpcId,
    String subnetId,
    boolean sourceDestCheck,
    String primaryPrivateIp,
    List<String> privateIps,
    Optional<Attachment> attachment,
    Map<String, PublicAddress> publicAddressByPrivateIp,
    Map<String, String> tags) {

  public NetworkInterface {
    privateIps = List.copyOf(privateIps);
    publicAddressByPrivateIp = Map.copyOf(publicAddressByPrivateIp);
    tags = Map.copyOf(tags);
  }

  /** This interface with {@code added} tags set on it. */
  public NetworkInterface withTags(Map<String, String> added) {
    Map<String, String> all = new HashMap<>(tags);
    all.putAll(added);
    return new NetworkInterface(id, availabilityZone, vpcId, subnetId, sourceDestCheck, primaryPrivateIp, privateIps, attachment, publicAddressByPrivateIp, all);
  }

  /** The attachment unless EC2 reports it as already detached. */
  public Optional<Attachment> liveAttachment() {
    return attachment.filter(a -> a.status() != AttachmentStatus.DETACHED);
  }

  /** The attachment while it is attaching or attached: the interface is on that instance, or arriving there. */
  public Optional<Attachment> inPlace() {
    return attachment.filter(a -> a.status() == AttachmentStatus.ATTACHING || a.status() == AttachmentStatus.ATTACHED);
  }

  /** True while EC2 detaches the interface. */
  public boolean isDetaching() {
    return attachment.filter(a -> a.status() == AttachmentStatus.DETACHING).isPresent();
  }

  /** True while EC2 attaches or detaches the interface. */
  public boolean isInTransition() {
    return attachment.filter(a -> a.status() == AttachmentStatus.ATTACHING || a.status() == AttachmentStatus.DETACHING).isPresent();
  }

  /** True when the interface is attached to no instance: the service it carries is down. */
  public boolean isAttachedNowhere() {
    return liveAttachment().isEmpty();
  }

  /** True when the interface is attached, the transition over, to {@code instanceId}. */
  public boolean isAttachedTo(String instanceId) {
    return attachment.filter(a -> a.status() == AttachmentStatus.ATTACHED && a.instanceId().equals(instanceId)).isPresent();
  }

  /** True when the given Elastic IP allocation is associated with the given private IP of this interface. */
  public boolean carries(String allocationId, String privateIp) {
    PublicAddress address = publicAddressByPrivateIp.get(privateIp);
    return address != null && address.allocationId().filter(allocationId::equals).isPresent();
  }
}
