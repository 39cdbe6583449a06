package io.enifailover.reconcile;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.model.PairClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a claim found on an interface was left by a pair that no longer exists (deleted while no
 * replica could release it). Asks the API server itself, not the informer cache: a pair created a moment
 * ago may not be cached yet, and its claim must stand.
 */
final class StaleClaims {
  private static final Logger log = LoggerFactory.getLogger(StaleClaims.class);

  private final KubernetesClient client;

  StaleClaims(KubernetesClient client) {
    this.client = client;
  }

  /** True only when the API server says the claiming pair is gone; any doubt keeps the claim. */
  boolean isStale(PairClaim claim) {
    if (claim.namespace().isEmpty() || claim.name().isEmpty()) {
      return false;
    }
    try {
      EniFailoverPair pair = client.resources(EniFailoverPair.class).inNamespace(claim.namespace()).withName(claim.name()).get();
      return pair == null || !claim.uid().equals(pair.getMetadata().getUid());
    } catch (KubernetesClientException e) {
      // Forbidden, say, for a namespace of another install: that pair's claim is not ours to judge.
      log.atDebug().addKeyValue("claim", claim.pair()).addKeyValue("code", e.getCode())
          .log("cannot tell whether the claiming pair exists; the claim stands");
      return false;
    }
  }
}
