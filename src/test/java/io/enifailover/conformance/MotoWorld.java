package io.enifailover.conformance;

import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;

/**
 * A pair's world, built through the EC2 API itself: a VPC with two subnets in one Availability Zone and
 * one in another, a running primary and standby (in different subnets of the same zone, as EC2 allows),
 * a detached secondary interface, and an Elastic IP associated with the interface's primary private IP.
 */
record MotoWorld(
    String vpc,
    String subnetA,
    String subnetA2,
    String subnetB,
    String image,
    String primary,
    String standby,
    String eni,
    String privateIp,
    String allocation,
    String publicIp) {

  static final String AZ_A = Moto.REGION + "a";
  static final String AZ_B = Moto.REGION + "b";

  static MotoWorld create(Ec2Client ec2) {
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
    String subnetA = subnet(ec2, vpc, "10.0.1.0/24", AZ_A);
    String subnetA2 = subnet(ec2, vpc, "10.0.2.0/24", AZ_A);
    String subnetB = subnet(ec2, vpc, "10.0.3.0/24", AZ_B);
    String image = anyImage(ec2);
    String primary = runInstance(ec2, image, subnetA);
    String standby = runInstance(ec2, image, subnetA2);
    NetworkInterface eni =
        ec2.createNetworkInterface(r -> r.subnetId(subnetA).description("eni-failover conformance")).networkInterface();
    var address = ec2.allocateAddress(r -> r.domain(DomainType.VPC));
    ec2.associateAddress(
        r -> r.allocationId(address.allocationId())
            .networkInterfaceId(eni.networkInterfaceId())
            .privateIpAddress(eni.privateIpAddress()));
    return new MotoWorld(
        vpc,
        subnetA,
        subnetA2,
        subnetB,
        image,
        primary,
        standby,
        eni.networkInterfaceId(),
        eni.privateIpAddress(),
        address.allocationId(),
        address.publicIp());
  }

  /** Another running instance, outside the pair. */
  String runInstance(Ec2Client ec2, String subnet) {
    return runInstance(ec2, image, subnet);
  }

  /** A subnet of a second VPC, in the given zone. */
  static String subnetOfAnotherVpc(Ec2Client ec2, String az) {
    String vpc = ec2.createVpc(r -> r.cidrBlock("10.1.0.0/16")).vpc().vpcId();
    return subnet(ec2, vpc, "10.1.1.0/24", az);
  }

  /** Another secondary interface in the given subnet, detached. */
  String createNetworkInterface(Ec2Client ec2, String subnet) {
    return ec2.createNetworkInterface(r -> r.subnetId(subnet)).networkInterface().networkInterfaceId();
  }

  /** Attaches out of band, as a person in the console would; returns the attachment id. */
  String attach(Ec2Client ec2, String eniId, String instanceId, int deviceIndex) {
    return ec2.attachNetworkInterface(r -> r.networkInterfaceId(eniId).instanceId(instanceId).deviceIndex(deviceIndex))
        .attachmentId();
  }

  private static String subnet(Ec2Client ec2, String vpc, String cidr, String az) {
    return ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock(cidr).availabilityZone(az)).subnet().subnetId();
  }

  private static String runInstance(Ec2Client ec2, String image, String subnet) {
    return ec2.runInstances(
            r -> r.imageId(image).instanceType(InstanceType.T3_MICRO).subnetId(subnet).minCount(1).maxCount(1))
        .instances()
        .get(0)
        .instanceId();
  }

  /**
   * An AMI moto knows (it ships a default catalogue and restores it on reset, so one lookup serves the whole
   * run); which one does not matter to the operator. Filtering by name keeps moto's answer small and fast.
   */
  private static synchronized String anyImage(Ec2Client ec2) {
    if (cachedImage == null) {
      Filter byName = Filter.builder().name("name").values("amzn2-ami-hvm-*").build();
      List<Image> images = ec2.describeImages(r -> r.filters(byName)).images();
      if (images.isEmpty()) {
        images = ec2.describeImages().images();
      }
      if (images.isEmpty()) {
        throw new IllegalStateException("moto lists no AMI to launch instances from");
      }
      cachedImage = images.get(0).imageId();
    }
    return cachedImage;
  }

  private static String cachedImage;
}
