package io.enifailover.reconcile;

import io.enifailover.api.ElasticIpSpec;
import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.EniFailoverPairSpec;
import io.enifailover.api.Side;
import io.enifailover.model.PairClaim;
import io.enifailover.model.PairIntent;
import io.enifailover.plan.FailoverPlanner;
import java.util.Map;
import java.util.Optional;

/** Reduces a pair resource to the planner's {@link PairIntent}, applying the API's defaults. */
final class IntentMapper {
  private IntentMapper() {}

  static PairIntent of(EniFailoverPair pair, Optional<String> claimedBy, boolean tenantGuard, String cluster) {
    EniFailoverPairSpec spec = pair.getSpec();
    Map<String, String> annotations = pair.getMetadata().getAnnotations();
    Optional<String> force = Optional.ofNullable(annotations)
        .map(a -> a.get(FailoverPlanner.FORCE_DETACH_ANNOTATION))
        .map(String::trim)
        .filter(v -> !v.isEmpty());
    ElasticIpSpec eip = spec.getElasticIp();
    var metadata = pair.getMetadata();
    return new PairIntent(
        new PairClaim(metadata.getNamespace(), metadata.getName(), metadata.getUid(), cluster),
        spec.getNetworkInterfaceId(),
        spec.getPrimary().getInstanceId(),
        spec.getStandby().getInstanceId(),
        spec.getActive() == null ? Side.Primary : spec.getActive(),
        spec.getDeviceIndex() == null ? 1 : spec.getDeviceIndex(),
        Optional.ofNullable(eip)
            .map(e -> new PairIntent.ElasticIp(e.getAllocationId(), Optional.ofNullable(e.getPrivateIpAddress()))),
        Boolean.TRUE.equals(spec.getPaused()),
        force,
        claimedBy,
        tenantGuard ? Optional.of(metadata.getNamespace()) : Optional.empty(),
        Optional.empty());
  }
}
