package io.enifailover.sim;

import io.enifailover.sim.AttachmentModel.Phase;
import io.enifailover.sim.SimTransition.Kind;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The simulated EC2 world (instances, ENIs, attachments, Elastic IPs) and the rules EC2 enforces
 * when they change. Attach, detach and stop take time: each is evaluated lazily against the clock, so
 * every access first settles the transitions that are due. One lock guards everything.
 */
final class SimWorld {

  /** Told of every instance added and of every change of an instance's state. */
  interface InstanceObserver {
    InstanceObserver NONE = (instanceId, privateIp, state) -> { };

    void instanceChanged(String instanceId, String privateIp, SimInstanceState state);
  }

  /** One instance's answer to StopInstances. */
  record StateChange(String instanceId, SimInstanceState previous, SimInstanceState current) {}

  static final String OWNER_ID = "123456789012";
  private static final Set<SimInstanceState> ATTACHABLE_STATES = Set.of(SimInstanceState.RUNNING, SimInstanceState.STOPPED);

  private final SimulatorConfig config;
  private final Clock clock;
  private final Map<String, InstanceModel> instances = new LinkedHashMap<>();
  private final Map<String, EniModel> enis = new LinkedHashMap<>();
  private final Map<String, AddressModel> addresses = new LinkedHashMap<>();
  private final RouteTables routeTables = new RouteTables();
  private final Map<String, SimTransition> inFlightByEni = new HashMap<>();
  private final List<SimTransition> completedTransitions = new ArrayList<>();
  private final Map<String, Map<String, String>> tagsByResource = new HashMap<>();
  /** Tags every resource added from now on carries, as a platform team's provisioning would set them. */
  private Map<String, String> newResourceTags = Map.of();
  /** Instances stopping since when; each becomes stopped once the stop duration has passed. */
  private final Map<String, Instant> stoppingSince = new HashMap<>();
  /** Instances failing EC2's status checks. */
  private final Set<String> impaired = new HashSet<>();
  private final InstanceObserver observer;
  private int generatedHosts;

  SimWorld(SimulatorConfig config, InstanceObserver observer) {
    this.config = config;
    this.clock = config.clock();
    this.observer = observer;
  }

  synchronized void setInstanceType(String instanceId, String instanceType) {
    InstanceTypes.maxInterfaces(instanceType);
    instances.put(instanceId, requireInstance(instanceId).withType(instanceType));
  }

  synchronized WorldView snapshot() {
    settle();
    return new WorldView(instances, enis, addresses, routeTables.all(), tagsByResource, impaired);
  }

  // ---- tags ----

  synchronized void tagNewResources(Map<String, String> tags) {
    newResourceTags = Map.copyOf(tags);
  }

  /** CreateTags: adds or overwrites each tag on each resource; unknown ids fail the whole call. */
  synchronized void createTags(List<String> resourceIds, Map<String, String> tags) {
    resourceIds.forEach(this::requireTaggable);
    resourceIds.forEach(id -> tagsByResource.computeIfAbsent(id, k -> new LinkedHashMap<>()).putAll(tags));
  }

  /** DeleteTags: a tag given with a value is removed only while it has that value; without, always. */
  synchronized void deleteTags(List<String> resourceIds, Map<String, Optional<String>> tags) {
    resourceIds.forEach(this::requireTaggable);
    for (String id : resourceIds) {
      Map<String, String> current = tagsByResource.getOrDefault(id, new HashMap<>());
      tags.forEach((key, value) -> {
        if (value.isEmpty() || value.get().equals(current.get(key))) {
          current.remove(key);
        }
      });
    }
  }

  synchronized Map<String, String> tagsOf(String resourceId) {
    requireTaggable(resourceId);
    return Map.copyOf(tagsByResource.getOrDefault(resourceId, Map.of()));
  }

  private void requireTaggable(String resourceId) {
    if (!instances.containsKey(resourceId) && !enis.containsKey(resourceId) && !addresses.containsKey(resourceId)
        && !routeTables.all().containsKey(resourceId)) {
      if (resourceId.startsWith("eni-")) {
        throw Ec2Error.networkInterfacesNotFound(List.of(resourceId));
      }
      if (resourceId.startsWith("i-")) {
        throw Ec2Error.instancesNotFound(List.of(resourceId));
      }
      if (resourceId.startsWith("eipalloc-")) {
        throw Ec2Error.allocationNotFound(resourceId);
      }
      throw Ec2Error.client("InvalidID", "The ID '" + resourceId + "' is not valid");
    }
  }

  private void tagNew(String resourceId) {
    if (!newResourceTags.isEmpty()) {
      tagsByResource.put(resourceId, new LinkedHashMap<>(newResourceTags));
    }
  }

  // ---- world setup ----

  /** Adds an instance with its own primary ENI attached at device index 0. */
  synchronized void addInstance(String instanceId, String az, String vpcId, String subnetId, SimInstanceState state) {
    requireAbsent(instances, instanceId);
    Objects.requireNonNull(state, "state");
    String privateIp = config.healthEndpoints() ? LoopbackAddresses.next() : nextGeneratedIp();
    String primaryEniId = Ids.next("eni");
    Instant now = clock.instant();
    AttachmentModel primaryAttachment = new AttachmentModel(
        Ids.next("eni-attach"), instanceId, 0, Phase.ATTACHED, now, now, false, true);
    enis.put(primaryEniId, new EniModel(primaryEniId, az, vpcId, subnetId, "Primary network interface",
        Ids.macAddress(), privateIp, List.of(), primaryAttachment, true));
    InstanceModel instance =
        new InstanceModel(instanceId, az, vpcId, subnetId, state, privateIp, primaryEniId, Ids.next("r"), now,
            InstanceTypes.DEFAULT);
    instances.put(instanceId, instance);
    tagNew(instanceId);
    observer.instanceChanged(instanceId, privateIp, state);
    if (state == SimInstanceState.TERMINATED) {
      terminate(instance);
    }
  }

  /**
   * Changes an instance's state. Terminating it mirrors EC2: its primary ENI is deleted (taking
   * any Elastic IP association with it) and other ENIs are detached and become available.
   */
  synchronized void setInstanceState(String instanceId, SimInstanceState state) {
    settle();
    InstanceModel instance = requireInstance(instanceId);
    if (instance.state() == SimInstanceState.TERMINATED) {
      if (state == SimInstanceState.TERMINATED) {
        return;
      }
      throw new IllegalStateException("instance " + instanceId + " is terminated and cannot become " + state);
    }
    stoppingSince.remove(instanceId);
    if (state == SimInstanceState.TERMINATED) {
      terminate(instance);
    } else {
      putInstance(instance.withState(state));
    }
  }

  /**
   * StopInstances: a running instance is {@code stopping} for the stop duration, then {@code stopped};
   * one already stopping or stopped stays as it is. The whole call fails on an unknown id, or on an
   * instance that cannot be stopped, before any instance changes.
   */
  synchronized List<StateChange> stop(List<String> instanceIds) {
    settle();
    List<String> missing = instanceIds.stream().filter(id -> !instances.containsKey(id)).distinct().toList();
    if (!missing.isEmpty()) {
      throw Ec2Error.instancesNotFound(missing);
    }
    for (String id : instanceIds) {
      SimInstanceState state = instances.get(id).state();
      if (state != SimInstanceState.RUNNING && state != SimInstanceState.STOPPING && state != SimInstanceState.STOPPED) {
        throw Ec2Error.client("IncorrectInstanceState",
            "The instance '" + id + "' is not in a state from which it can be stopped.");
      }
    }
    List<StateChange> changes = new ArrayList<>();
    for (String id : new LinkedHashSet<>(instanceIds)) {
      InstanceModel instance = instances.get(id);
      if (instance.state() == SimInstanceState.RUNNING) {
        putInstance(instance.withState(SimInstanceState.STOPPING));
        stoppingSince.put(id, clock.instant());
      }
      changes.add(new StateChange(id, instance.state(), instances.get(id).state()));
    }
    return changes;
  }

  /** Marks the instance as failing (or passing again) EC2's instance and system status checks. */
  synchronized void setImpaired(String instanceId, boolean value) {
    requireInstance(instanceId);
    if (value) {
      impaired.add(instanceId);
    } else {
      impaired.remove(instanceId);
    }
  }

  synchronized String privateIpOf(String instanceId) {
    String privateIp = requireInstance(instanceId).privateIp();
    if (privateIp == null) {
      throw new IllegalStateException("instance " + instanceId + " is terminated and has no private IP");
    }
    return privateIp;
  }

  synchronized void removeInstance(String instanceId) {
    setInstanceState(instanceId, SimInstanceState.TERMINATED);
    instances.remove(instanceId);
  }

  synchronized void addNetworkInterface(
      String eniId, String az, String vpcId, String subnetId, String primaryIp, List<String> secondaryIps) {
    requireAbsent(enis, eniId);
    Objects.requireNonNull(primaryIp, "primaryPrivateIp");
    enis.put(eniId, new EniModel(eniId, az, vpcId, subnetId, "", Ids.macAddress(), primaryIp, secondaryIps, null, true));
    tagNew(eniId);
  }

  synchronized void addRouteTable(String routeTableId, String vpcId, String vpcCidr) {
    routeTables.add(routeTableId, vpcId, vpcCidr);
    tagNew(routeTableId);
  }

  /** Removes an interface that is attached nowhere; routes to it become blackholes. */
  synchronized void deleteNetworkInterface(String eniId) {
    settle();
    if (requireEni(eniId).attachment() != null) {
      throw Ec2Error.client("InvalidNetworkInterface.InUse", "Interface: [" + eniId + "] in use.");
    }
    addresses.replaceAll((id, a) -> a.associated() && a.eniId().equals(eniId) ? a.disassociate() : a);
    enis.remove(eniId);
  }

  synchronized void addAddress(String allocationId, String publicIp) {
    requireAbsent(addresses, allocationId);
    addresses.put(allocationId, AddressModel.unassociated(allocationId, Objects.requireNonNull(publicIp)));
    tagNew(allocationId);
  }

  // ---- changes, through the API or out of band ----

  /**
   * Attaches an ENI, returning the attachment id. Through the API the attachment is
   * {@code attaching} for the attach duration; {@code immediate} (a console change) skips that.
   */
  synchronized String attach(String eniId, String instanceId, int deviceIndex, boolean immediate, boolean hangs) {
    settle();
    EniModel eni = requireEni(eniId);
    InstanceModel instance = requireInstance(instanceId);
    if (!ATTACHABLE_STATES.contains(instance.state())) {
      throw Ec2Error.client("IncorrectInstanceState",
          "The instance '" + instanceId + "' is not in a valid state for this operation.");
    }
    if (eni.attachment() != null) {
      throw Ec2Error.client("InvalidNetworkInterface.InUse", "Interface: [" + eniId + "] in use.");
    }
    // EC2 only attaches an ENI to an instance in the ENI's own availability zone and VPC.
    if (!eni.availabilityZone().equals(instance.availabilityZone())) {
      throw Ec2Error.client("InvalidParameterCombination",
          "You may not attach a network interface to an instance if they are not in the same availability zone");
    }
    if (!eni.vpcId().equals(instance.vpcId())) {
      throw Ec2Error.client("InvalidParameterCombination",
          "You may not attach a network interface to an instance if they are not in the same VPC");
    }
    if (deviceIndex < 0) {
      throw Ec2Error.invalidParameterValue("Invalid value '" + deviceIndex + "' for deviceIndex");
    }
    // A device index stays taken while the ENI holding it is still detaching.
    boolean indexTaken = enis.values().stream()
        .anyMatch(other -> other.attachedTo(instanceId) && other.attachment().deviceIndex() == deviceIndex);
    if (indexTaken) {
      throw Ec2Error.invalidParameterValue(
          "Instance '" + instanceId + "' already has an interface attached at device index '" + deviceIndex + "'.");
    }
    long attached = enis.values().stream().filter(other -> other.attachedTo(instanceId)).count();
    int limit = InstanceTypes.maxInterfaces(instance.instanceType());
    if (attached >= limit) {
      throw Ec2Error.client("AttachmentLimitExceeded",
          "Interface count " + (attached + 1) + " exceeds the limit for " + instance.instanceType());
    }
    Instant now = clock.instant();
    AttachmentModel attachment = new AttachmentModel(Ids.next("eni-attach"), instanceId, deviceIndex,
        immediate ? Phase.ATTACHED : Phase.ATTACHING, now, now, hangs && !immediate, false);
    enis.put(eniId, eni.withAttachment(attachment));
    if (!immediate) {
      inFlightByEni.put(eniId, new SimTransition(eniId, Kind.ATTACH, instanceId, now, null));
    }
    return attachment.id();
  }

  /**
   * Starts detaching the attachment. A detach EC2 is already working on may only be repeated with
   * force; forcing a hung detach restarts it so it completes after the normal detach duration.
   */
  synchronized void detach(String attachmentId, boolean force, Predicate<String> detachHangs) {
    settle();
    EniModel eni = enis.values().stream()
        .filter(candidate -> candidate.attachment() != null && candidate.attachment().id().equals(attachmentId))
        .findFirst()
        .orElseThrow(() -> Ec2Error.attachmentNotFound(attachmentId));
    AttachmentModel attachment = eni.attachment();
    requireDetachable(attachment);
    Instant now = clock.instant();
    switch (attachment.phase()) {
      case ATTACHING -> throw incorrectState(attachment);
      case DETACHING -> {
        if (!force) {
          throw incorrectState(attachment);
        }
        if (attachment.hung()) {
          enis.put(eni.id(), eni.withAttachment(attachment.inPhase(Phase.DETACHING, now, false)));
        }
      }
      case ATTACHED -> {
        boolean hung = !force && detachHangs.test(eni.id());
        enis.put(eni.id(), eni.withAttachment(attachment.inPhase(Phase.DETACHING, now, hung)));
        inFlightByEni.put(eni.id(), new SimTransition(eni.id(), Kind.DETACH, attachment.instanceId(), now, null));
      }
    }
  }

  /** Removes the ENI's attachment at once, abandoning any transition in flight. */
  synchronized void detachImmediately(String eniId) {
    settle();
    EniModel eni = requireEni(eniId);
    if (eni.attachment() == null) {
      throw new IllegalStateException("network interface " + eniId + " is not attached");
    }
    requireDetachable(eni.attachment());
    enis.put(eniId, eni.withAttachment(null));
    inFlightByEni.remove(eniId);
  }

  /**
   * Associates the Elastic IP with a private address of the ENI (its primary one by default),
   * returning the association id.
   */
  synchronized String associate(String allocationId, String eniId, String privateIp, boolean allowReassociation) {
    settle();
    AddressModel address = requireAddress(allocationId);
    EniModel eni = requireEni(eniId);
    String ip = privateIp == null ? eni.primaryIp() : privateIp;
    if (!eni.privateIps().contains(ip)) {
      throw Ec2Error.invalidParameterValue("The specified private IP address does not belong to the network interface.");
    }
    if (address.associatedWith(eniId, ip)) {
      return address.associationId();
    }
    if (address.associated() && !allowReassociation) {
      throw Ec2Error.client("Resource.AlreadyAssociated",
          "resource " + allocationId + " is already associated with associate-id " + address.associationId());
    }
    // A private address carries one public address: EC2 moves any other Elastic IP off it.
    addresses.replaceAll((id, other) -> other.associatedWith(eniId, ip) ? other.disassociate() : other);
    String associationId = Ids.next("eipassoc");
    addresses.put(allocationId, address.associate(associationId, eniId, ip));
    return associationId;
  }

  /** Associates the Elastic IP with the instance's primary ENI, as EC2 does when given an InstanceId. */
  synchronized String associateWithInstance(
      String allocationId, String instanceId, String privateIp, boolean allowReassociation) {
    requireAddress(allocationId);
    InstanceModel instance = requireInstance(instanceId);
    if (instance.primaryEniId() == null) {
      throw Ec2Error.client("IncorrectInstanceState",
          "The instance '" + instanceId + "' is not in a valid state for this operation.");
    }
    return associate(allocationId, instance.primaryEniId(), privateIp, allowReassociation);
  }

  synchronized void disassociate(String associationId) {
    AddressModel address = addresses.values().stream()
        .filter(candidate -> associationId.equals(candidate.associationId()))
        .findFirst()
        .orElseThrow(() -> Ec2Error.associationNotFound(associationId));
    addresses.put(address.allocationId(), address.disassociate());
  }

  synchronized void disassociateAllocation(String allocationId) {
    AddressModel address = requireAddress(allocationId);
    addresses.put(allocationId, address.disassociate());
  }

  synchronized void createRoute(String routeTableId, String destination, String eniId) {
    routeTables.create(routeTableId, destination, requireEni(eniId));
  }

  synchronized void replaceRoute(String routeTableId, String destination, String eniId) {
    routeTables.replace(routeTableId, destination, requireEni(eniId));
  }

  synchronized void deleteRoute(String routeTableId, String destination) {
    routeTables.delete(routeTableId, destination);
  }

  /** A route set outside the operator, to an interface or to any other target id. */
  synchronized void setRoute(String routeTableId, String destination, String target) {
    routeTables.set(routeTableId, destination, target);
  }

  synchronized void assignPrivateIps(String eniId, List<String> ips, boolean allowReassignment) {
    PrivateIps.assign(enis, addresses, requireEni(eniId), ips, allowReassignment);
  }

  synchronized void unassignPrivateIps(String eniId, List<String> ips) {
    PrivateIps.unassign(enis, addresses, requireEni(eniId), ips);
  }

  synchronized void setSourceDestCheck(String eniId, boolean value) {
    enis.put(eniId, requireEni(eniId).withSourceDestCheck(value));
  }

  // ---- inspection ----

  synchronized Optional<String> routeTarget(String routeTableId, String destination) {
    return Optional.ofNullable(routeTables.require(routeTableId).targetByDestination().get(destination));
  }

  synchronized List<String> privateIpsOf(String eniId) {
    return requireEni(eniId).privateIps();
  }

  synchronized Optional<SimAttachment> attachmentOf(String eniId) {
    settle();
    return Optional.ofNullable(requireEni(eniId).attachment())
        .map(a -> new SimAttachment(a.id(), a.instanceId(), a.deviceIndex(), a.phase().awsName()));
  }

  synchronized Optional<SimAssociation> associationOf(String allocationId) {
    AddressModel address = requireAddress(allocationId);
    return address.associated()
        ? Optional.of(new SimAssociation(address.associationId(), address.eniId(), address.privateIp(), address.publicIp()))
        : Optional.empty();
  }

  /** Completed transitions and those still in flight, oldest request first. */
  synchronized List<SimTransition> transitions() {
    settle();
    List<SimTransition> all = new ArrayList<>(completedTransitions);
    all.addAll(inFlightByEni.values());
    all.sort(Comparator.comparing(SimTransition::requestedAt));
    return List.copyOf(all);
  }

  // ---- internals ----

  /** Advances every attachment whose attach or detach duration has elapsed, and every instance whose stop has. */
  private void settle() {
    Instant now = clock.instant();
    for (Map.Entry<String, Instant> stopping : List.copyOf(stoppingSince.entrySet())) {
      if (!now.isBefore(stopping.getValue().plus(config.stopDuration()))) {
        stoppingSince.remove(stopping.getKey());
        putInstance(instances.get(stopping.getKey()).withState(SimInstanceState.STOPPED));
      }
    }
    for (EniModel eni : List.copyOf(enis.values())) {
      AttachmentModel attachment = eni.attachment();
      if (attachment == null) {
        continue;
      }
      if (attachment.phase() == Phase.ATTACHING && !attachment.hung()) {
        Instant doneAt = attachment.phaseStartedAt().plus(config.durationFor(config.attachDuration(), attachment.id(), "attach"));
        if (!now.isBefore(doneAt)) {
          enis.put(eni.id(), eni.withAttachment(attachment.inPhase(Phase.ATTACHED, doneAt, false)));
          completeTransition(eni.id(), doneAt);
        }
      } else if (attachment.phase() == Phase.DETACHING && !attachment.hung()) {
        Instant doneAt = attachment.phaseStartedAt().plus(config.durationFor(config.detachDuration(), attachment.id(), "detach"));
        if (!now.isBefore(doneAt)) {
          enis.put(eni.id(), eni.withAttachment(null));
          completeTransition(eni.id(), doneAt);
        }
      }
    }
  }

  private void completeTransition(String eniId, Instant at) {
    SimTransition transition = inFlightByEni.remove(eniId);
    if (transition != null) {
      completedTransitions.add(transition.completed(at));
    }
  }

  private void terminate(InstanceModel instance) {
    List<EniModel> attached = enis.values().stream()
        .filter(eni -> eni.attachedTo(instance.id()))
        .collect(Collectors.toList());
    for (EniModel eni : attached) {
      inFlightByEni.remove(eni.id());
      if (eni.attachment().deleteOnTermination()) {
        enis.remove(eni.id());
        addresses.replaceAll((id, address) -> eni.id().equals(address.eniId()) ? address.disassociate() : address);
      } else {
        enis.put(eni.id(), eni.withAttachment(null));
      }
    }
    stoppingSince.remove(instance.id());
    putInstance(instance.terminated());
  }

  private void putInstance(InstanceModel instance) {
    InstanceModel previous = instances.put(instance.id(), instance);
    if (previous == null || previous.state() != instance.state()) {
      observer.instanceChanged(instance.id(), instance.privateIp(), instance.state());
    }
  }

  /** EC2 refuses to detach an instance's primary network interface. */
  private static void requireDetachable(AttachmentModel attachment) {
    if (attachment.deviceIndex() == 0) {
      throw Ec2Error.client("OperationNotPermitted", "The network interface at device index 0 cannot be detached.");
    }
  }

  private static Ec2Error incorrectState(AttachmentModel attachment) {
    return Ec2Error.client("IncorrectState", "The attachment '" + attachment.id() + "' is currently "
        + attachment.phase().awsName() + " and cannot be detached.");
  }

  private String nextGeneratedIp() {
    int host = generatedHosts++;
    return "10.0." + (100 + host / 250) + "." + (4 + host % 250);
  }

  private InstanceModel requireInstance(String instanceId) {
    InstanceModel instance = instances.get(instanceId);
    if (instance == null) {
      throw Ec2Error.instancesNotFound(List.of(instanceId));
    }
    return instance;
  }

  private EniModel requireEni(String eniId) {
    EniModel eni = enis.get(eniId);
    if (eni == null) {
      throw Ec2Error.networkInterfacesNotFound(List.of(eniId));
    }
    return eni;
  }

  private AddressModel requireAddress(String allocationId) {
    AddressModel address = addresses.get(allocationId);
    if (address == null) {
      throw Ec2Error.allocationNotFound(allocationId);
    }
    return address;
  }

  private static void requireAbsent(Map<String, ?> byId, String id) {
    Objects.requireNonNull(id, "id");
    if (byId.containsKey(id)) {
      throw new IllegalArgumentException(id + " already exists");
    }
  }
}
