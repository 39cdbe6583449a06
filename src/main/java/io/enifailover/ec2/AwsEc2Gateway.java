package io.enifailover.ec2;

import io.enifailover.model.Address;
import io.enifailover.model.Attachment;
import io.enifailover.model.AttachmentStatus;
import io.enifailover.model.Instance;
import io.enifailover.model.InstanceCheck;
import io.enifailover.model.InstanceState;
import io.enifailover.model.NetworkInterface;
import io.enifailover.model.RouteTable;
import io.enifailover.model.PublicAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.InstanceStatusSummary;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceAssociation;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceAttachment;
import software.amazon.awssdk.services.ec2.model.NetworkInterfacePrivateIpAddress;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SummaryStatus;
import software.amazon.awssdk.services.ec2.model.Tag;

/** {@link Ec2Gateway} on the AWS SDK v2 synchronous EC2 client. */
public final class AwsEc2Gateway implements Ec2Gateway {
  /** EC2's answer to a permitted dry run (HTTP 412). */
  private static final String DRY_RUN_PERMITTED = "DryRunOperation";
  private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]+");
  private final Ec2Client ec2;

  /**
   * Mutations are sent once, without the SDK's retries: a throttled one is requeued by the region's budget
   * with jitter, rather than slept on in back-off on a reconcile thread; the next pass re-plans from EC2.
   */
  private static final Consumer<AwsRequestOverrideConfiguration.Builder> ONCE =
      o -> o.addPlugin(config -> config.overrideConfiguration(
          config.overrideConfiguration().toBuilder().retryStrategy(AwsRetryStrategy.doNotRetry()).build()));
  /** An instance type's interface limit never changes: ask EC2 once per type. */
  private final Map<String, OptionalInt> maxInterfacesByType = new ConcurrentHashMap<>();

  public AwsEc2Gateway(Ec2Client ec2) {
    this.ec2 = ec2;
  }

  @Override
  public void probe() {
    call("DescribeNetworkInterfaces", "a probe of 5 interfaces", () -> ec2.describeNetworkInterfaces(r -> r.maxResults(5)));
  }

  /** Ids per describe call: one page each (MaxResults 100), so that every call is filtered and paginated. */
  static final int PAGE = 100;

  @Override
  public Map<String, NetworkInterface> describeNetworkInterfaces(Set<String> ids) {
    Map<String, NetworkInterface> found = new LinkedHashMap<>();
    inChunks("DescribeNetworkInterfaces", ids, "network-interface-id", byId ->
        ec2.describeNetworkInterfacesPaginator(r -> r.filters(byId).maxResults(PAGE))
            .networkInterfaces()
            .forEach(ni -> found.put(ni.networkInterfaceId(), toModel(ni))));
    return found;
  }

  @Override
  public Map<String, Instance> describeInstances(Set<String> ids) {
    List<software.amazon.awssdk.services.ec2.model.Instance> instances = new ArrayList<>();
    inChunks("DescribeInstances", ids, "instance-id", byId ->
        ec2.describeInstancesPaginator(r -> r.filters(byId).maxResults(PAGE)).reservations()
            .forEach(reservation -> instances.addAll(reservation.instances())));
    learnInterfaceLimits(instances.stream().map(i -> i.instanceTypeAsString()).filter(t -> t != null).collect(Collectors.toSet()));
    Map<String, Instance> found = new LinkedHashMap<>();
    for (software.amazon.awssdk.services.ec2.model.Instance i : instances) {
      found.put(i.instanceId(), toModel(i, maxInterfacesByType.getOrDefault(i.instanceTypeAsString(), OptionalInt.empty())));
    }
    return found;
  }

  @Override
  public Map<String, InstanceCheck> describeInstanceStatus(Set<String> instanceIds) {
    Map<String, InstanceCheck> found = new LinkedHashMap<>();
    for (List<String> chunk : chunks(instanceIds)) {
      describeStatusOf(chunk).forEach(status -> found.put(status.instanceId(), new InstanceCheck(
          status.instanceId(), InstanceState.of(status.instanceState().nameAsString()),
          impaired(status.instanceStatus()) || impaired(status.systemStatus()))));
    }
    return found;
  }

  /**
   * DescribeInstanceStatus has no instance-id filter, and EC2 refuses the whole call when one named
   * instance does not exist: drop the ids EC2 names as missing and ask again for the others.
   */
  private List<InstanceStatus> describeStatusOf(List<String> chunk) {
    List<String> remaining = new ArrayList<>(chunk);
    while (!remaining.isEmpty()) {
      List<String> ids = List.copyOf(remaining);
      try {
        return ec2.describeInstanceStatus(r -> r.instanceIds(ids).includeAllInstances(true)).instanceStatuses();
      } catch (SdkException e) {
        Set<String> missing = missingInstanceIds(e);
        if (!remaining.removeAll(missing)) {
          throw Ec2ErrorMapper.map(e, "DescribeInstanceStatus", subject(ids));
        }
      }
    }
    return List.of();
  }

  private static Set<String> missingInstanceIds(SdkException e) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
        && "InvalidInstanceID.NotFound".equals(service.awsErrorDetails().errorCode())) {
      return INSTANCE_ID.matcher(String.valueOf(service.awsErrorDetails().errorMessage())).results()
          .map(MatchResult::group).collect(Collectors.toSet());
    }
    return Set.of();
  }

  private static boolean impaired(InstanceStatusSummary summary) {
    return summary != null && summary.status() == SummaryStatus.IMPAIRED;
  }

  @Override
  public Map<String, Address> describeAddresses(Set<String> allocationIds) {
    Map<String, Address> found = new LinkedHashMap<>();
    inChunks("DescribeAddresses", allocationIds, "allocation-id", byId ->
        ec2.describeAddresses(r -> r.filters(byId)).addresses().forEach(a -> found.put(a.allocationId(), new Address(
            a.allocationId(),
            a.publicIp(),
            present(a.associationId()),
            present(a.networkInterfaceId()),
            present(a.privateIpAddress()),
            present(a.instanceId()),
            tags(a.tags())))));
    return found;
  }

  @Override
  public Map<String, RouteTable> describeRouteTables(Set<String> ids) {
    Map<String, RouteTable> found = new LinkedHashMap<>();
    inChunks("DescribeRouteTables", ids, "route-table-id", byId ->
        ec2.describeRouteTablesPaginator(r -> r.filters(byId).maxResults(PAGE)).routeTables()
            .forEach(t -> found.put(t.routeTableId(), Ec2Routes.toModel(t))));
    return found;
  }

  /** One {@code action} call per 100 ids, each filtered by {@code filterName} on its ids. */
  private static void inChunks(String action, Set<String> ids, String filterName, java.util.function.Consumer<Filter> describe) {
    for (List<String> chunk : chunks(ids)) {
      call(action, subject(chunk), () -> {
        describe.accept(Filter.builder().name(filterName).values(chunk).build());
        return null;
      });
    }
  }

  private static List<List<String>> chunks(Set<String> ids) {
    List<String> sorted = ids.stream().sorted().toList();
    List<List<String>> chunks = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i += PAGE) {
      chunks.add(sorted.subList(i, Math.min(sorted.size(), i + PAGE)));
    }
    return chunks;
  }

  private static String subject(List<String> ids) {
    return ids.size() <= 3 ? String.join(", ", ids) : ids.size() + " ids from " + ids.get(0);
  }

  private void learnInterfaceLimits(Set<String> types) {
    Set<String> unknown = types.stream().filter(t -> !maxInterfacesByType.containsKey(t)).collect(Collectors.toSet());
    if (unknown.isEmpty()) {
      return;
    }
    call("DescribeInstanceTypes", String.join(", ", unknown), () -> {
      for (InstanceTypeInfo info : ec2.describeInstanceTypes(r -> r.instanceTypesWithStrings(unknown)).instanceTypes()) {
        OptionalInt max = info.networkInfo() == null || info.networkInfo().maximumNetworkInterfaces() == null
            ? OptionalInt.empty()
            : OptionalInt.of(info.networkInfo().maximumNetworkInterfaces());
        maxInterfacesByType.put(info.instanceTypeAsString(), max);
      }
      return null;
    });
  }

  @Override
  public void checkAttachPermitted(String networkInterfaceId, String instanceId, int deviceIndex) {
    dryRun(
        "AttachNetworkInterface",
        networkInterfaceId + " on " + instanceId + " (dry run)",
        () -> ec2.attachNetworkInterface(
            r -> r.networkInterfaceId(networkInterfaceId).instanceId(instanceId).deviceIndex(deviceIndex).dryRun(true)
                .overrideConfiguration(ONCE)));
  }

  @Override
  public void stopInstance(String instanceId, boolean dryRun) {
    if (dryRun) {
      dryRun("StopInstances", instanceId + " (dry run)", () -> ec2.stopInstances(r -> r.instanceIds(instanceId).dryRun(true).overrideConfiguration(ONCE)));
    } else {
      call("StopInstances", instanceId, () -> ec2.stopInstances(r -> r.instanceIds(instanceId).overrideConfiguration(ONCE)));
    }
  }

  @Override
  public void forceStopInstance(String instanceId) {
    call("StopInstances", instanceId + " (force)", () -> ec2.stopInstances(r -> r.instanceIds(instanceId).force(true).overrideConfiguration(ONCE)));
  }

  /** A dry run EC2 permits answers DryRunOperation, which is no failure. */
  private static void dryRun(String action, String subject, Supplier<?> request) {
    try {
      call(action, subject, request);
    } catch (Ec2Failure failure) {
      if (!DRY_RUN_PERMITTED.equals(failure.awsErrorCode())) {
        throw failure;
      }
    }
  }

  @Override
  public String attach(String networkInterfaceId, String instanceId, int deviceIndex) {
    return call(
        "AttachNetworkInterface",
        networkInterfaceId + " on " + instanceId,
        () ->
            ec2.attachNetworkInterface(
                    r -> r.networkInterfaceId(networkInterfaceId).instanceId(instanceId).deviceIndex(deviceIndex)
                        .overrideConfiguration(ONCE))
                .attachmentId());
  }

  @Override
  public void detach(String attachmentId, boolean force) {
    call(
        "DetachNetworkInterface",
        attachmentId,
        () -> ec2.detachNetworkInterface(r -> r.attachmentId(attachmentId).force(force).overrideConfiguration(ONCE)));
  }

  @Override
  public void associateAddress(
      String allocationId, String networkInterfaceId, String privateIp, boolean allowReassociation) {
    call(
        "AssociateAddress",
        allocationId + " to " + networkInterfaceId + " (" + privateIp + ")",
        () ->
            ec2.associateAddress(
                r ->
                    r.allocationId(allocationId)
                        .networkInterfaceId(networkInterfaceId)
                        .privateIpAddress(privateIp)
                        .allowReassociation(allowReassociation)
                        .overrideConfiguration(ONCE)));
  }

  @Override
  public void replaceRoute(String routeTableId, String destination, String networkInterfaceId, boolean dryRun) {
    String subject = destination + " in " + routeTableId + " to " + networkInterfaceId + (dryRun ? " (dry run)" : "");
    Supplier<?> request = () -> ec2.replaceRoute(r -> Ec2Routes.destination(r, destination)
        .routeTableId(routeTableId).networkInterfaceId(networkInterfaceId).dryRun(dryRun).overrideConfiguration(ONCE));
    if (dryRun) {
      dryRun("ReplaceRoute", subject, request);
    } else {
      call("ReplaceRoute", subject, request);
    }
  }

  @Override
  public void createRoute(String routeTableId, String destination, String networkInterfaceId, boolean dryRun) {
    String subject = destination + " in " + routeTableId + " to " + networkInterfaceId + (dryRun ? " (dry run)" : "");
    Supplier<?> request = () -> ec2.createRoute(r -> Ec2Routes.destination(r, destination)
        .routeTableId(routeTableId).networkInterfaceId(networkInterfaceId).dryRun(dryRun).overrideConfiguration(ONCE));
    if (dryRun) {
      dryRun("CreateRoute", subject, request);
    } else {
      call("CreateRoute", subject, request);
    }
  }

  @Override
  public void assignPrivateIps(String networkInterfaceId, List<String> privateIps) {
    call("AssignPrivateIpAddresses", String.join(", ", privateIps) + " to " + networkInterfaceId,
        () -> ec2.assignPrivateIpAddresses(r -> r.networkInterfaceId(networkInterfaceId).privateIpAddresses(privateIps)
            .allowReassignment(true).overrideConfiguration(ONCE)));
  }

  @Override
  public void createTags(List<String> resourceIds, Map<String, String> tags) {
    call("CreateTags", subject(resourceIds), () -> ec2.createTags(r -> r.resources(resourceIds).tags(toTags(tags)).overrideConfiguration(ONCE)));
  }

  @Override
  public void deleteTags(List<String> resourceIds, Map<String, String> tags) {
    call("DeleteTags", subject(resourceIds), () -> ec2.deleteTags(r -> r.resources(resourceIds).tags(toTags(tags)).overrideConfiguration(ONCE)));
  }

  private static <T> T call(String action, String subject, Supplier<T> request) {
    try {
      return request.get();
    } catch (SdkException e) {
      throw Ec2ErrorMapper.map(e, action, subject);
    }
  }

  /** Some EC2 implementations send an empty element for an absent value. */
  private static Optional<String> present(String value) {
    return Optional.ofNullable(value).filter(v -> !v.isBlank());
  }

  static NetworkInterface toModel(software.amazon.awssdk.services.ec2.model.NetworkInterface ni) {
    List<String> privateIps = new ArrayList<>();
    Map<String, PublicAddress> publicAddresses = new HashMap<>();
    for (NetworkInterfacePrivateIpAddress ip : ni.privateIpAddresses()) {
      privateIps.add(ip.privateIpAddress());
      publicAddress(ip.association()).ifPresent(p -> publicAddresses.put(ip.privateIpAddress(), p));
    }
    if (!privateIps.contains(ni.privateIpAddress())) {
      privateIps.add(0, ni.privateIpAddress());
    }
    publicAddress(ni.association()).ifPresent(p -> publicAddresses.putIfAbsent(ni.privateIpAddress(), p));
    return new NetworkInterface(
        ni.networkInterfaceId(),
        ni.availabilityZone(),
        ni.vpcId(),
        ni.subnetId() == null ? "" : ni.subnetId(),
        // EC2 describes every interface with the flag; an implementation that leaves it out means the default, on.
        !Boolean.FALSE.equals(ni.sourceDestCheck()),
        ni.privateIpAddress(),
        privateIps,
        Optional.ofNullable(ni.attachment()).filter(a -> a.attachmentId() != null).map(AwsEc2Gateway::toModel),
        publicAddresses,
        tags(ni.tagSet()));
  }

  private static Optional<PublicAddress> publicAddress(NetworkInterfaceAssociation association) {
    if (association == null || association.publicIp() == null) {
      return Optional.empty();
    }
    return Optional.of(new PublicAddress(association.publicIp(), Optional.ofNullable(association.allocationId())));
  }

  static Attachment toModel(NetworkInterfaceAttachment a) {
    // Interfaces of load balancers, NAT gateways and endpoints are attached to no instance: name their
    // owner instead, so the planner refuses them as foreign.
    String holder = a.instanceId() != null ? a.instanceId() : "a resource of " + a.instanceOwnerId() + " that is not an instance";
    int deviceIndex = a.deviceIndex() == null ? -1 : a.deviceIndex();
    return new Attachment(a.attachmentId(), holder, deviceIndex, AttachmentStatus.of(a.statusAsString()));
  }

  private static Instance toModel(software.amazon.awssdk.services.ec2.model.Instance i, OptionalInt maxInterfaces) {
    Map<Integer, String> byIndex = new HashMap<>();
    for (InstanceNetworkInterface ni : i.networkInterfaces()) {
      if (ni.attachment() != null && ni.attachment().deviceIndex() != null) {
        byIndex.put(ni.attachment().deviceIndex(), ni.networkInterfaceId());
      }
    }
    return new Instance(
        i.instanceId(),
        i.placement() == null ? "" : i.placement().availabilityZone(),
        i.vpcId() == null ? "" : i.vpcId(),
        i.privateIpAddress() == null ? "" : i.privateIpAddress(),
        InstanceState.of(i.state().nameAsString()),
        byIndex,
        i.instanceTypeAsString() == null ? "" : i.instanceTypeAsString(),
        maxInterfaces,
        tags(i.tags()));
  }

  static Map<String, String> tags(List<Tag> tags) {
    Map<String, String> byKey = new HashMap<>();
    for (Tag tag : tags) {
      if (tag.key() != null) {
        byKey.put(tag.key(), tag.value() == null ? "" : tag.value());
      }
    }
    return byKey;
  }

  private static List<Tag> toTags(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }
}
