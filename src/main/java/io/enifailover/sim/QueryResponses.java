package io.enifailover.sim;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Renders EC2 Query (API version 2016-11-15) XML responses and error documents. */
final class QueryResponses {

  static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";
  private static final String IMAGE_ID = "ami-0abcdef1234567890";

  private QueryResponses() {}

  static String describeNetworkInterfaces(String requestId, WorldView view, List<EniModel> enis) {
    XmlWriter xml = begin("DescribeNetworkInterfaces", requestId).start("networkInterfaceSet");
    for (EniModel eni : enis) {
      xml.start("item")
          .element("networkInterfaceId", eni.id())
          .element("subnetId", eni.subnetId())
          .element("vpcId", eni.vpcId())
          .element("availabilityZone", eni.availabilityZone())
          .element("description", eni.description())
          .element("ownerId", SimWorld.OWNER_ID)
          .element("requesterManaged", false)
          .element("status", eni.status())
          .element("macAddress", eni.macAddress())
          .element("privateIpAddress", eni.primaryIp())
          .element("sourceDestCheck", eni.sourceDestCheck())
          .start("groupSet").end();
      AttachmentModel attachment = eni.attachment();
      if (attachment != null) {
        xml.start("attachment")
            .element("attachmentId", attachment.id())
            .element("instanceId", attachment.instanceId())
            .element("instanceOwnerId", SimWorld.OWNER_ID)
            .element("deviceIndex", attachment.deviceIndex())
            .element("networkCardIndex", 0)
            .element("status", attachment.phase().awsName())
            .element("attachTime", timestamp(attachment.attachTime()))
            .element("deleteOnTermination", attachment.deleteOnTermination())
            .end();
      }
      view.addressOn(eni.id(), eni.primaryIp()).ifPresent(address -> association(xml, address, true));
      tagSet(xml, view.tagsOf(eni.id()));
      privateIpAddresses(xml, view, eni, true);
      xml.start("ipv6AddressesSet").end()
          .element("interfaceType", "interface")
          .end();
    }
    return xml.end().end().finish();
  }

  static String describeInstances(String requestId, WorldView view, List<InstanceModel> instances) {
    XmlWriter xml = begin("DescribeInstances", requestId).start("reservationSet");
    for (InstanceModel instance : instances) {
      List<EniModel> enis = view.enisAttachedTo(instance.id());
      xml.start("item")
          .element("reservationId", instance.reservationId())
          .element("ownerId", SimWorld.OWNER_ID)
          .start("groupSet").end()
          .start("instancesSet").start("item")
          .element("instanceId", instance.id())
          .element("imageId", IMAGE_ID);
      instanceState(xml, "instanceState", instance.state());
      xml.element("instanceType", instance.instanceType())
          .element("launchTime", timestamp(instance.launchTime()))
          .start("placement")
          .element("availabilityZone", instance.availabilityZone())
          .element("tenancy", "default")
          .end()
          .element("subnetId", instance.subnetId())
          .element("vpcId", instance.vpcId())
          .element("privateIpAddress", instance.privateIp());
      tagSet(xml, view.tagsOf(instance.id()));
      if (instance.primaryEniId() != null) {
        view.addressOn(instance.primaryEniId(), instance.privateIp())
            .ifPresent(address -> xml.element("ipAddress", address.publicIp()));
      }
      xml.start("networkInterfaceSet");
      for (EniModel eni : enis) {
        instanceNetworkInterface(xml, view, eni);
      }
      xml.end().end().end().end();
    }
    return xml.end().end().finish();
  }

  static String describeAddresses(String requestId, WorldView view, List<AddressModel> addresses) {
    XmlWriter xml = begin("DescribeAddresses", requestId).start("addressesSet");
    for (AddressModel address : addresses) {
      xml.start("item")
          .element("publicIp", address.publicIp())
          .element("allocationId", address.allocationId())
          .element("domain", "vpc");
      if (address.associated()) {
        xml.element("instanceId", view.instanceOf(address).orElse(null))
            .element("associationId", address.associationId())
            .element("networkInterfaceId", address.eniId())
            .element("networkInterfaceOwnerId", SimWorld.OWNER_ID)
            .element("privateIpAddress", address.privateIp());
      }
      xml.element("publicIpv4Pool", "amazon");
      tagSet(xml, view.tagsOf(address.allocationId()));
      xml.end();
    }
    return xml.end().end().finish();
  }

  static String describeRouteTables(String requestId, WorldView view, QueryPage<RouteTableModel> page) {
    XmlWriter xml = begin("DescribeRouteTables", requestId).start("routeTableSet");
    for (RouteTableModel table : page.items()) {
      xml.start("item")
          .element("routeTableId", table.id())
          .element("vpcId", table.vpcId())
          .element("ownerId", SimWorld.OWNER_ID)
          .start("routeSet");
      table.targetByDestination().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(route -> {
        String destination = route.getKey();
        String target = route.getValue();
        xml.start("item").element(destination.contains(":") ? "destinationIpv6CidrBlock" : "destinationCidrBlock", destination);
        if (RouteTableModel.LOCAL.equals(target)) {
          xml.element("gatewayId", target).element("state", "active").element("origin", "CreateRouteTable");
        } else if (target.startsWith("eni-")) {
          view.instanceOfInterface(target).ifPresent(instance ->
              xml.element("instanceId", instance).element("instanceOwnerId", SimWorld.OWNER_ID));
          xml.element("networkInterfaceId", target)
              .element("state", view.isBlackhole(target) ? "blackhole" : "active")
              .element("origin", "CreateRoute");
        } else {
          xml.element("gatewayId", target).element("state", "active").element("origin", "CreateRoute");
        }
        xml.end();
      });
      xml.end().start("associationSet").end().start("propagatingVgwSet").end();
      tagSet(xml, view.tagsOf(table.id()));
      xml.end();
    }
    return xml.end().element("nextToken", page.nextToken().orElse(null)).end().finish();
  }

  static String stopInstances(String requestId, List<SimWorld.StateChange> changes) {
    XmlWriter xml = begin("StopInstances", requestId).start("instancesSet");
    for (SimWorld.StateChange change : changes) {
      xml.start("item").element("instanceId", change.instanceId());
      instanceState(xml, "currentState", change.current());
      instanceState(xml, "previousState", change.previous());
      xml.end();
    }
    return xml.end().end().finish();
  }

  /** Status checks of running instances pass or fail; EC2 runs none on the others ({@code not-applicable}). */
  static String describeInstanceStatus(String requestId, WorldView view, QueryPage<InstanceModel> page) {
    XmlWriter xml = begin("DescribeInstanceStatus", requestId).start("instanceStatusSet");
    for (InstanceModel instance : page.items()) {
      xml.start("item")
          .element("instanceId", instance.id())
          .element("availabilityZone", instance.availabilityZone());
      instanceState(xml, "instanceState", instance.state());
      String status = instance.state() != SimInstanceState.RUNNING ? "not-applicable"
          : view.impaired(instance.id()) ? "impaired" : "ok";
      statusCheck(xml, "systemStatus", status);
      statusCheck(xml, "instanceStatus", status);
      xml.start("eventsSet").end().end();
    }
    return xml.end().element("nextToken", page.nextToken().orElse(null)).end().finish();
  }

  static String attachNetworkInterface(String requestId, String attachmentId) {
    return begin("AttachNetworkInterface", requestId)
        .element("attachmentId", attachmentId)
        .element("networkCardIndex", 0)
        .end().finish();
  }

  static String associateAddress(String requestId, String associationId) {
    return begin("AssociateAddress", requestId)
        .element("associationId", associationId)
        .end().finish();
  }

  /** The {@code <return>true</return>} response of actions that report only success. */
  static String returnTrue(String action, String requestId) {
    return begin(action, requestId).element("return", true).end().finish();
  }

  /** EC2's error document: unlike most Query services it uses {@code Response/Errors} and {@code RequestID}. */
  static String error(String requestId, Ec2Error error) {
    return new XmlWriter()
        .start("Response")
        .start("Errors").start("Error")
        .element("Code", error.code())
        .element("Message", error.getMessage())
        .end().end()
        .element("RequestID", requestId)
        .end().finish();
  }

  static String describeInstanceTypes(String requestId, List<String> types) {
    XmlWriter xml = begin("DescribeInstanceTypes", requestId).start("instanceTypeSet");
    for (String type : types) {
      xml.start("item")
          .element("instanceType", type)
          .start("networkInfo")
          .element("maximumNetworkInterfaces", InstanceTypes.maxInterfaces(type))
          .end()
          .end();
    }
    return xml.end().end().finish();
  }

  private static void instanceState(XmlWriter xml, String name, SimInstanceState state) {
    xml.start(name).element("code", state.code()).element("name", state.awsName()).end();
  }

  private static void statusCheck(XmlWriter xml, String name, String status) {
    xml.start(name).element("status", status);
    if (!status.equals("not-applicable")) {
      String reachability = status.equals("ok") ? "passed" : "failed";
      xml.start("details").start("item").element("name", "reachability").element("status", reachability).end().end();
    }
    xml.end();
  }

  private static XmlWriter begin(String action, String requestId) {
    return new XmlWriter().startRoot(action + "Response", NAMESPACE).element("requestId", requestId);
  }

  private static void instanceNetworkInterface(XmlWriter xml, WorldView view, EniModel eni) {
    AttachmentModel attachment = eni.attachment();
    xml.start("item")
        .element("networkInterfaceId", eni.id())
        .element("subnetId", eni.subnetId())
        .element("vpcId", eni.vpcId())
        .element("description", eni.description())
        .element("ownerId", SimWorld.OWNER_ID)
        .element("status", eni.status())
        .element("macAddress", eni.macAddress())
        .element("privateIpAddress", eni.primaryIp())
        .element("sourceDestCheck", eni.sourceDestCheck())
        .start("groupSet").end()
        .start("attachment")
        .element("attachmentId", attachment.id())
        .element("deviceIndex", attachment.deviceIndex())
        .element("networkCardIndex", 0)
        .element("status", attachment.phase().awsName())
        .element("attachTime", timestamp(attachment.attachTime()))
        .element("deleteOnTermination", attachment.deleteOnTermination())
        .end();
    view.addressOn(eni.id(), eni.primaryIp()).ifPresent(address -> association(xml, address, false));
    privateIpAddresses(xml, view, eni, false);
    xml.element("interfaceType", "interface").end();
  }

  private static void tagSet(XmlWriter xml, java.util.Map<String, String> tags) {
    xml.start("tagSet");
    tags.forEach((key, value) -> xml.start("item").element("key", key).element("value", value).end());
    xml.end();
  }

  private static void privateIpAddresses(XmlWriter xml, WorldView view, EniModel eni, boolean withIds) {
    xml.start("privateIpAddressesSet");
    for (String ip : eni.privateIps()) {
      xml.start("item")
          .element("privateIpAddress", ip)
          .element("primary", ip.equals(eni.primaryIp()));
      view.addressOn(eni.id(), ip).ifPresent(address -> association(xml, address, withIds));
      xml.end();
    }
    xml.end();
  }

  /** An ENI's view of its Elastic IP; the instance-side shape in DescribeInstances carries no ids. */
  private static void association(XmlWriter xml, AddressModel address, boolean withIds) {
    xml.start("association")
        .element("publicIp", address.publicIp())
        .element("ipOwnerId", SimWorld.OWNER_ID);
    if (withIds) {
      xml.element("allocationId", address.allocationId())
          .element("associationId", address.associationId());
    }
    xml.end();
  }

  private static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
