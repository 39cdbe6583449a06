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
  private final String cluster;

  StaleClaims(KubernetesClient client, String cluster) {
    this.client = client;
    this.cluster = cluster;
  }

  /**
   * True only when the claim is this cluster's and the API server says the claiming pair is gone; any
   * doubt keeps the claim: another cluster's (its pairs are not here to look up), one whose pair name
   * was cut to fit the tag, or one this cluster cannot name itself in.
   */
  boolean isStale(PairClaim claim) {
    if (cluster.isEmpty() || !cluster.equals(claim.cluster()) || !claim.complete()) {
      return false;
    }
    try {
      EniFailoverPair pair = client.resources(EniFailoverPair.class).inNamespace(claim.namespace()).withName(claim.name()).get();
      return pair == null || !claim.uid().equals(pair.getMetadata().getUid()) || pair.isMarkedForDeletion();
    } catch (KubernetesClientException e) {
      // Forbidden, say, for a namespace of another install: that pair's claim is not ours to judge.
      log.atDebug().addKeyValue("claim", claim.pair()).addKeyValue("code", e.getCode())
          .log("cannot tell whether the claiming pair exists; the claim stands");
      return false;
    }
  }
}
