package io.enifailover.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.EniFailoverPairStatus;
import io.enifailover.status.MergePatch;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.net.HttpURLConnection;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a pair's whole status as one JSON merge patch of the status subresource, guarded by the
 * resourceVersion it was computed against, and hands the result to the operator's cache so the next
 * pass starts from it.
 *
 * <p>A merge patch creates {@code /status} on a pair that has none (a JSON Patch of {@code add
 * /status/x} is 422 there), and fields that no longer hold are sent as explicit nulls. A conflict (a
 * user edited the spec meanwhile) is answered by re-reading the pair and patching again: the status
 * still describes the generation it names.
 */
final class StatusWriter {
  private static final Logger log = LoggerFactory.getLogger(StatusWriter.class);
  private static final int ATTEMPTS = 5;

  private StatusWriter() {}

  /** The pair as written, or empty when it is gone or kept conflicting; never throws for a conflict. */
  static Optional<EniFailoverPair> write(
      EniFailoverPair pair, EniFailoverPairStatus status, Context<EniFailoverPair> context) {
    KubernetesClient client = context.getClient();
    var resource = client.resources(EniFailoverPair.class)
        .inNamespace(pair.getMetadata().getNamespace())
        .withName(pair.getMetadata().getName());
    KubernetesSerialization json = client.getKubernetesSerialization();
    ObjectNode next = json.convertValue(status, ObjectNode.class);
    EniFailoverPair current = pair;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        EniFailoverPair written =
            resource.subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), patch(json, current, next));
        context.eventSourceRetriever().getControllerEventSource()
            .handleRecentResourceUpdate(ResourceID.fromResource(pair), written, current);
        return Optional.of(written);
      } catch (KubernetesClientException e) {
        if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
          return Optional.empty();
        }
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        current = resource.get();
        if (current == null) {
          return Optional.empty();
        }
      }
    }
    log.atWarn().addKeyValue("pair", PairClaims.key(pair))
        .log("status write kept conflicting with other changes after {} attempts; the next pass writes it", ATTEMPTS);
    return Optional.empty();
  }

  private static String patch(KubernetesSerialization json, EniFailoverPair current, ObjectNode status) {
    JsonNode before = current.getStatus() == null ? null : json.convertValue(current.getStatus(), JsonNode.class);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putObject("metadata").put("resourceVersion", current.getMetadata().getResourceVersion());
    body.set("status", MergePatch.replacing(before, status));
    return body.toString();
  }
}
