package io.enifailover.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.model.ActiveRole;
import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.EniFailoverPairStatus;
import io.enifailover.model.Side;
import io.enifailover.testing.Pairs;
import io.enifailover.testing.TestCluster;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The one status write, on a real API server: a pair without status, cleared fields, a spec edit in between. */
class StatusWriterIT {
  static KubernetesClient client;
  static Pairs pairs;

  @BeforeAll
  static void cluster() {
    TestCluster cluster = TestCluster.get();
    client = cluster.client();
    pairs = new Pairs(client, cluster.namespace("status"), Duration.ofSeconds(10));
  }

  static EniFailoverPair create(String name) {
    return pairs.create(name, "eni-0123456789abcdef0", "i-0aaaaaaaaaaaaaaaa", "i-0bbbbbbbbbbbbbbbb", "eipalloc-0123456789abcdef0", s -> {});
  }

  static EniFailoverPairStatus status(long generation, String attachmentId) {
    EniFailoverPairStatus status = new EniFailoverPairStatus();
    status.setObservedGeneration(generation);
    status.setActiveRole(attachmentId == null ? ActiveRole.None : ActiveRole.Primary);
    status.setActiveInstanceId(attachmentId == null ? null : "i-0aaaaaaaaaaaaaaaa");
    status.setAttachmentId(attachmentId);
    status.setFailoverCount(0L);
    status.setConditions(List.of(new ConditionBuilder()
        .withType("Ready").withStatus(attachmentId == null ? "False" : "True").withReason("InSync").withMessage("m")
        .withObservedGeneration(generation).withLastTransitionTime("2026-11-25T00:00:00Z").build()));
    return status;
  }

  @Test
  void theFirstStatusOfANewPairIsWritten() {
    EniFailoverPair pair = create("new");
    assertThat(pair.getStatus()).isNull();

    assertThat(StatusWriter.write(client, pair, status(1, "eni-attach-1"))).isPresent();

    EniFailoverPairStatus written = pairs.status("new");
    assertThat(written.getAttachmentId()).isEqualTo("eni-attach-1");
    assertThat(written.getActiveRole()).isEqualTo(ActiveRole.Primary);
    assertThat(written.getConditions()).singleElement().satisfies(c -> assertThat(c.getStatus()).isEqualTo("True"));
  }

  @Test
  void fieldsThatNoLongerHoldAreCleared() {
    EniFailoverPair pair = StatusWriter.write(client, create("cleared"), status(1, "eni-attach-1")).orElseThrow();

    StatusWriter.write(client, pair, status(1, null)).orElseThrow();

    EniFailoverPairStatus written = pairs.status("cleared");
    assertThat(written.getAttachmentId()).isNull();
    assertThat(written.getActiveInstanceId()).isNull();
    assertThat(written.getActiveRole()).isEqualTo(ActiveRole.None);
  }

  @Test
  void aSpecEditInBetweenIsKeptAndTheStatusNamesItsGeneration() {
    EniFailoverPair stale = create("raced");
    pairs.setActive("raced", Side.Standby);

    assertThat(StatusWriter.write(client, stale, status(1, "eni-attach-1"))).isPresent();

    EniFailoverPair now = pairs.get("raced");
    assertThat(now.getSpec().getActive()).isEqualTo(Side.Standby);
    assertThat(now.getMetadata().getGeneration()).isEqualTo(2);
    assertThat(now.getStatus().getObservedGeneration()).as("the status still names the generation it describes").isEqualTo(1);
    assertThat(now.getStatus().getAttachmentId()).isEqualTo("eni-attach-1");
  }

  @Test
  void aDeletedPairIsNotAnError() {
    EniFailoverPair pair = create("deleted");
    client.resource(pair).delete();

    assertThat(StatusWriter.write(client, pair, status(1, "eni-attach-1"))).isEmpty();
  }
}
