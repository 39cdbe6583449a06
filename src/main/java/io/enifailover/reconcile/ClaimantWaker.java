package io.enifailover.reconcile;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.plan.AutomaticFailover;
import io.enifailover.plan.FailoverPlanner;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Wakes pairs when something they wait for changed. When a pair is deleted: releases the slot it reserved
 * and its claim on the interface, and wakes the pairs that were refused its interface (ClaimedByAnotherPair),
 * so that one of them takes it over at once instead of at its next stalled re-check. (The interface of a
 * pair never changes: the schema makes it immutable.) Also the pairs whose interface or instances changed
 * in EC2, whose health changed, or whose annotations the operator acts on were edited.
 */
final class ClaimantWaker extends SimpleInboundEventSource<EniFailoverPair>
    implements ResourceEventAware<EniFailoverPair> {
  /** Index of the primary cache: pairs by the network interface they name. */
  static final String BY_INTERFACE = "by-network-interface";
  /** Index of the primary cache: pairs by the instances they name. */
  static final String BY_INSTANCE = "by-instance";

  private final IndexedResourceCache<EniFailoverPair> pairs;
  private final SlotReservations reservations;
  private final Consumer<EniFailoverPair> releaseClaim;

  ClaimantWaker(IndexedResourceCache<EniFailoverPair> pairs, SlotReservations reservations, Consumer<EniFailoverPair> releaseClaim) {
    super("claimant-waker");
    this.pairs = pairs;
    this.reservations = reservations;
    this.releaseClaim = releaseClaim;
  }

  static List<String> interfaceOf(EniFailoverPair pair) {
    return pair.getSpec() == null || pair.getSpec().getNetworkInterfaceId() == null
        ? List.of()
        : List.of(pair.getSpec().getNetworkInterfaceId());
  }

  static List<String> instancesOf(EniFailoverPair pair) {
    var spec = pair.getSpec();
    if (spec == null) {
      return List.of();
    }
    return java.util.stream.Stream.of(spec.getPrimary(), spec.getStandby())
        .filter(java.util.Objects::nonNull)
        .map(io.enifailover.api.InstanceRef::getInstanceId)
        .filter(java.util.Objects::nonNull)
        .distinct()
        .toList();
  }

  /** Every pair in the cache that names the same interface as {@code pair}, {@code pair} itself included. */
  static List<EniFailoverPair> sharingInterfaceWith(IndexedResourceCache<EniFailoverPair> pairs, EniFailoverPair pair) {
    return interfaceOf(pair).stream().flatMap(eni -> pairs.byIndex(BY_INTERFACE, eni).stream()).toList();
  }

  /**
   * A pair being deleted (held by someone else's finalizer) no longer owns its interface either. A changed
   * annotation the operator acts on (a failback request, a force-detach consent) wakes the pair: such an
   * edit leaves the generation as it is, so it would otherwise wait for the next resync.
   */
  @Override
  public void onResourceUpdated(EniFailoverPair now, EniFailoverPair before) {
    if (now.isMarkedForDeletion() && !before.isMarkedForDeletion()) {
      onResourceDeleted(now);
    } else if (ACTED_ON_ANNOTATIONS.stream().anyMatch(key -> !Objects.equals(annotation(now, key), annotation(before, key)))) {
      propagateEvent(ResourceID.fromResource(now));
    }
  }

  private static final List<String> ACTED_ON_ANNOTATIONS =
      List.of(AutomaticFailover.FAILBACK_ANNOTATION, FailoverPlanner.FORCE_DETACH_ANNOTATION);

  private static String annotation(EniFailoverPair pair, String key) {
    Map<String, String> annotations = pair.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  /** Every pair in the cache. */
  List<EniFailoverPair> all() {
    return pairs.list().toList();
  }

  /** Wakes every pair naming the interface (its description in EC2 changed). */
  void wake(String interfaceId) {
    pairs.byIndex(BY_INTERFACE, interfaceId).stream().map(ResourceID::fromResource).forEach(this::propagateEvent);
  }

  /** Wakes every pair naming the instance (its description in EC2 changed). */
  void wakeUsersOf(String instanceId) {
    pairs.byIndex(BY_INSTANCE, instanceId).stream().map(ResourceID::fromResource).forEach(this::propagateEvent);
  }

  /** Wakes one pair (its health changed). */
  void wake(String namespace, String name) {
    propagateEvent(new ResourceID(name, namespace));
  }

  @Override
  public void onResourceDeleted(EniFailoverPair deleted) {
    reservations.release(PairClaims.key(deleted));
    releaseClaim.accept(deleted);
    ResourceID gone = ResourceID.fromResource(deleted);
    sharingInterfaceWith(pairs, deleted).stream()
        .map(ResourceID::fromResource)
        .filter(id -> !id.equals(gone))
        .forEach(this::propagateEvent);
  }
}
