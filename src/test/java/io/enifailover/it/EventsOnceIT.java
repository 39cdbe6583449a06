package io.enifailover.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.model.Side;
import io.enifailover.testing.TestCluster;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Events follow the status they describe: while the API server refuses the operator's status writes
 * (here an admission policy does), a failover goes on in EC2 but records no Event; once writes pass
 * again, no fact of the failover is recorded twice by the retried passes.
 */
class EventsOnceIT {
  @RegisterExtension static final OperatorHarness h = new OperatorHarness();

  @Test
  void aFailoverWhoseStatusWritesWereRefusedRecordsNoEventTwice() {
    TestCluster.get().assumeReal();
    TestWorld w = TestWorld.create(h.sim);
    h.create("refused-writes", w);
    h.awaitReady("refused-writes");
    String policy = "deny-status-" + h.namespace;
    ValidatingAdmissionPolicy deny = Serialization.unmarshal("""
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata: {name: %s}
        spec:
          failurePolicy: Fail
          matchConstraints:
            resourceRules:
            - apiGroups: [enifailover.io]
              apiVersions: ["*"]
              operations: [UPDATE]
              resources: [enifailoverpairs/status]
          validations:
          - expression: "false"
            message: status writes refused by the test
        """.formatted(policy), ValidatingAdmissionPolicy.class);
    ValidatingAdmissionPolicyBinding binding = Serialization.unmarshal("""
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicyBinding
        metadata: {name: %s}
        spec:
          policyName: %s
          validationActions: [Deny]
          matchResources:
            namespaceSelector:
              matchLabels: {kubernetes.io/metadata.name: %s}
        """.formatted(policy, policy, h.namespace), ValidatingAdmissionPolicyBinding.class);
    // The first attach's own Events come right after its status: wait for them before counting.
    await().atMost(Duration.ofSeconds(10))
        .until(() -> h.events("refused-writes").stream().anyMatch(e -> "FailoverCompleted".equals(e.getReason())));
    Set<String> before = h.events("refused-writes").stream().map(e -> e.getMetadata().getName()).collect(Collectors.toSet());
    h.client.resource(deny).create();
    h.client.resource(binding).create();
    try {
      // Admission policies take effect a moment after they are created: wait until a write is refused.
      await("status writes refused").atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
        try {
          h.client.resources(EniFailoverPair.class).inNamespace(h.namespace).withName("refused-writes")
              .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":{}}");
          return false;
        } catch (KubernetesClientException e) {
          return e.getMessage().contains("status writes refused by the test");
        }
      });

      h.setActive("refused-writes", Side.Standby);
      await("the failover completes in EC2").atMost(Duration.ofSeconds(15))
          .until(() -> h.sim.attachmentOf(w.eni()).filter(a -> a.instanceId().equals(w.standby()) && a.status().equals("attached")).isPresent());
      assertThat(h.events("refused-writes")).as("no Event for a status that was not written").hasSize(before.size());
    } finally {
      h.client.resource(binding).delete();
      h.client.resource(deny).delete();
    }

    h.awaitReady("refused-writes");
    // Several passes later: no fact of this failover recorded twice (one whose write was refused is dropped).
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> {
      List<String> since = h.events("refused-writes").stream()
          .filter(e -> !before.contains(e.getMetadata().getName())).map(Event::getReason).toList();
      return Stream.of("Detaching", "Attaching", "FailoverCompleted")
          .allMatch(reason -> since.stream().filter(reason::equals).count() <= 1);
    });
  }
}
