package io.enifailover.reconcile;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.EniFailoverPairStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Optional;

/**
 * Writes a pair's whole status as one JSON Patch, {@code add /status}, and hands the result to the
 * operator's cache so the next pass starts from it.
 *
 * <p>Why this form: adding {@code /status} works on a pair that has none yet (adding
 * {@code /status/x} there is 422 on a real API server), and it replaces the status whole, so a field
 * that no longer holds disappears and the conditions list is replaced rather than merged (the
 * in-process API the demo runs on appends arrays on a merge patch). It carries no resourceVersion:
 * the status names the generation it describes, so a user's spec edit in between never conflicts
 * with it, and the leader is its only writer.
 */
final class StatusWriter {
  private StatusWriter() {}

  /** Writes the status and hands the written pair to the operator's cache; false when the pair is gone. */
  static boolean write(EniFailoverPair pair, EniFailoverPairStatus status, Context<EniFailoverPair> context) {
    Optional<EniFailoverPair> written = write(context.getClient(), pair, status);
    written.ifPresent(w -> context.eventSourceRetriever().getControllerEventSource()
        .handleRecentResourceUpdate(ResourceID.fromResource(pair), w, pair));
    return written.isPresent();
  }

  /** The pair as written, or empty when it was deleted meanwhile. */
  static Optional<EniFailoverPair> write(KubernetesClient client, EniFailoverPair pair, EniFailoverPairStatus status) {
    String patch = "[{\"op\":\"add\",\"path\":\"/status\",\"value\":"
        + client.getKubernetesSerialization().asJson(status) + "}]";
    try {
      return Optional.of(client.resources(EniFailoverPair.class)
          .inNamespace(pair.getMetadata().getNamespace())
          .withName(pair.getMetadata().getName())
          .subresource("status")
          .patch(PatchContext.of(PatchType.JSON), patch));
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * True when the status to write says nothing new. The probe counters and times of automatic mode change at
   * every probe: alone they are not worth a write (1000 pairs would write at every resync), so they are as of
   * the last write that something else caused.
   */
  static boolean unchanged(EniFailoverPairStatus before, EniFailoverPairStatus after) {
    return before != null && withoutProbeCounters(before).equals(withoutProbeCounters(after));
  }

  private static JsonNode withoutProbeCounters(EniFailoverPairStatus status) {
    JsonNode tree = Serialization.jsonMapper().valueToTree(status);
    for (String side : List.of("primary", "standby")) {
      if (tree.path("health").path(side) instanceof ObjectNode health) {
        health.remove(List.of("lastProbeTime", "consecutiveFailures", "consecutiveSuccesses"));
      }
    }
    return tree;
  }
}
