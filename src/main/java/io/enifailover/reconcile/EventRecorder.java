package io.enifailover.reconcile;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.status.PairEvent;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records core/v1 Events on a pair, the way `kubectl describe efp` shows them. */
final class EventRecorder {
  static final String COMPONENT = "eni-failover-operator";
  private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);

  private final KubernetesClient client;
  private final Clock clock;

  EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  void record(EniFailoverPair pair, PairEvent event) {
    String now = clock.instant().toString();
    var metadata = pair.getMetadata();
    var kubeEvent =
        new EventBuilder()
            .withNewMetadata()
            .withName(metadata.getName() + "." + UUID.randomUUID().toString().substring(0, 13).replace("-", ""))
            .withNamespace(metadata.getNamespace())
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(pair.getApiVersion())
                    .withKind(pair.getKind())
                    .withName(metadata.getName())
                    .withNamespace(metadata.getNamespace())
                    .withUid(metadata.getUid())
                    .withResourceVersion(metadata.getResourceVersion())
                    .build())
            .withType(event.type().name())
            .withReason(event.reason())
            .withMessage(event.message())
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .withReportingComponent(COMPONENT)
            .build();
    try {
      client.v1().events().inNamespace(metadata.getNamespace()).resource(kubeEvent).create();
    } catch (KubernetesClientException e) {
      // An event is a courtesy; the status already carries the truth.
      log.atWarn()
          .addKeyValue("pair", PairClaims.key(pair))
          .addKeyValue("reason", event.reason())
          .log("could not record event: {}", e.getMessage());
    }
  }
}
