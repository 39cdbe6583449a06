package io.enifailover.reconcile;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which cluster this is: the UID of its kube-system namespace, which every cluster has and no two share.
 * Empty when it cannot be read (RBAC bound to some namespaces only, an API without it): then no claim is
 * ever judged stale, which is the safe side.
 */
final class ClusterIdentity {
  private static final Logger log = LoggerFactory.getLogger(ClusterIdentity.class);

  private ClusterIdentity() {}

  static String of(KubernetesClient client) {
    try {
      Namespace kubeSystem = client.namespaces().withName("kube-system").get();
      if (kubeSystem != null && kubeSystem.getMetadata().getUid() != null) {
        return kubeSystem.getMetadata().getUid();
      }
    } catch (KubernetesClientException e) {
      log.atInfo().addKeyValue("code", e.getCode())
          .log("cannot read namespace kube-system to name this cluster in claims; claims left by deleted pairs will not be taken over");
      return "";
    }
    log.info("no namespace kube-system to name this cluster in claims; claims left by deleted pairs will not be taken over");
    return "";
  }
}
