package io.enifailover.runtime;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the leader Lease back when a leading replica stops, so that a standby takes over at its next
 * look instead of waiting for the lease to expire. JOSDK leaves the Lease held on shutdown; this does
 * what client-go's ReleaseOnCancel does: clear the holder, with the same merge patch the elector uses
 * for renewals (so RBAC needs no other verb), guarded by the resourceVersion it read.
 */
final class LeaseRelease {
  private static final Logger log = LoggerFactory.getLogger(LeaseRelease.class);
  private static final DateTimeFormatter MICRO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX");
  private static final int ATTEMPTS = 3;

  private LeaseRelease() {}

  /** Call only after leader election has stopped: nothing renews the lease any more. */
  static void release(KubernetesClient client, LeaderElectionSettings election) {
    var leases = client.leases().inNamespace(election.leaseNamespace()).withName(election.leaseName());
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        Lease lease = leases.get();
        if (lease == null || lease.getSpec() == null || !election.identity().equals(lease.getSpec().getHolderIdentity())) {
          return;
        }
        String now = ZonedDateTime.now(ZoneOffset.UTC).format(MICRO_TIME);
        String patch = """
            {"metadata":{"resourceVersion":"%s"},"spec":{"holderIdentity":null,"leaseDurationSeconds":1,"acquireTime":"%s","renewTime":"%s"}}"""
            .formatted(lease.getMetadata().getResourceVersion(), now, now);
        leases.patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        log.atInfo().addKeyValue("lease", election.leaseNamespace() + "/" + election.leaseName())
            .log("released the leader lease");
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          log.atWarn().addKeyValue("lease", election.leaseNamespace() + "/" + election.leaseName())
              .log("could not release the leader lease; a standby takes over when it expires: {}", e.getMessage());
          return;
        }
      }
    }
    log.atWarn().addKeyValue("lease", election.leaseNamespace() + "/" + election.leaseName())
        .log("the leader lease kept changing while it was being released; a standby takes over when it expires");
  }
}
