package io.enifailover.reconcile;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.InstanceRef;
import io.enifailover.model.PairAnnotations;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

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

  private final SlotReservations reservations;
  private final Consumer<EniFailoverPair> releaseClaim;
  private volatile IndexedResourceCache<EniFailoverPair> pairs;

  ClaimantWaker(SlotReservations reservations, Consumer<EniFailoverPair> releaseClaim) {
    super("claimant-waker");
    this.reservations = reservations;
    this.releaseClaim = releaseClaim;
  }

  /** Indexes the operator's cache of pairs by interface and by instance, and looks pairs up there from now on. */
  void index(IndexerResourceCache<EniFailoverPair> cache) {
    cache.addIndexer(BY_INTERFACE, ClaimantWaker::interfaceOf);
    cache.addIndexer(BY_INSTANCE, ClaimantWaker::instancesOf);
    this.pairs = cache;
  }

  private static List<String> interfaceOf(EniFailoverPair pair) {
    return pair.getSpec() == null || pair.getSpec().getNetworkInterfaceId() == null
        ? List.of()
        : List.of(pair.getSpec().getNetworkInterfaceId());
  }

  private static List<String> instancesOf(EniFailoverPair pair) {
    var spec = pair.getSpec();
    if (spec == null) {
      return List.of();
    }
    return Stream.of(spec.getPrimary(), spec.getStandby())
        .filter(Objects::nonNull)
        .map(InstanceRef::getInstanceId)
        .filter(Objects::nonNull)
        .distinct()
        .toList();
  }

  /** Every pair in the cache that names the same interface as {@code pair}, {@code pair} itself included. */
  List<EniFailoverPair> sharingInterfaceWith(EniFailoverPair pair) {
    return interfaceOf(pair).stream().flatMap(eni -> pairs.byIndex(BY_INTERFACE, eni).stream()).toList();
  }

  /** The other pairs that name an instance: fencing never stops an instance another pair uses. */
  Function<String, List<String>> othersNaming(EniFailoverPair pair) {
    String uid = pair.getMetadata().getUid();
    return id -> pairs.byIndex(BY_INSTANCE, id).stream()
        .filter(other -> !uid.equals(other.getMetadata().getUid())).map(PairClaims::key).toList();
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
    } else if (PairAnnotations.ACTED_ON.stream().anyMatch(key -> !Objects.equals(annotation(now, key), annotation(before, key)))) {
      propagateEvent(ResourceID.fromResource(now));
    }
  }

  private static Optional<String> annotation(EniFailoverPair pair, String key) {
    return PairAnnotations.value(pair.getMetadata().getAnnotations(), key);
  }

  /** Every pair in the cache. */
  Collection<EniFailoverPair> all() {
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

  /** Wakes one pair by its key, namespace/name (a route table it watches changed in EC2). */
  void wakePair(String pairKey) {
    int slash = pairKey.indexOf('/');
    wake(pairKey.substring(0, slash), pairKey.substring(slash + 1));
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
    sharingInterfaceWith(deleted).stream()
        .map(ResourceID::fromResource)
        .filter(id -> !id.equals(gone))
        .forEach(this::propagateEvent);
  }
}
