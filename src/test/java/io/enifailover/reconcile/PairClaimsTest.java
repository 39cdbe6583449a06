package io.enifailover.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.EniFailoverPairSpec;
import io.enifailover.api.EniFailoverPairStatus;
import io.enifailover.status.Conditions;
import java.time.Instant;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairClaimsTest {
  static EniFailoverPair pair(String namespace, String name, String created, String eni) {
    EniFailoverPair pair = new EniFailoverPair();
    pair.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).withCreationTimestamp(created).build());
    EniFailoverPairSpec spec = new EniFailoverPairSpec();
    spec.setNetworkInterfaceId(eni);
    pair.setSpec(spec);
    return pair;
  }

  @Test
  void theOlderPairOwnsTheInterfaceAcrossNamespaces() {
    EniFailoverPair old = pair("team-a", "db", "2026-11-24T10:00:00Z", "eni-0123456789abcdef0");
    EniFailoverPair young = pair("team-b", "db", "2026-11-24T11:00:00Z", "eni-0123456789abcdef0");
    EniFailoverPair unrelated = pair("team-c", "web", "2026-11-24T09:00:00Z", "eni-0fffffffffffffff0");
    List<EniFailoverPair> all = List.of(young, old, unrelated);

    assertThat(PairClaims.ownerOtherThan(young, all)).contains("team-a/db");
    assertThat(PairClaims.ownerOtherThan(old, all)).isEmpty();
    assertThat(PairClaims.ownerOtherThan(unrelated, all)).isEmpty();
  }

  @Test
  void withinTheSameSecondThePairAlreadyManagingTheInterfaceKeepsIt() {
    EniFailoverPair owner = pair("ns", "owner", "2026-11-24T10:00:00Z", "eni-0123456789abcdef0");
    EniFailoverPair earlierName = pair("ns", "aaa-latecomer", "2026-11-24T10:00:00Z", "eni-0123456789abcdef0");
    EniFailoverPairStatus ready = new EniFailoverPairStatus();
    ready.setConditions(List.of(Conditions.next(List.of(), Conditions.READY, true, "InSync", "", 1, Instant.EPOCH)));
    owner.setStatus(ready);

    assertThat(PairClaims.ownerOtherThan(earlierName, List.of(owner, earlierName))).contains("ns/owner");
    assertThat(PairClaims.ownerOtherThan(owner, List.of(owner, earlierName))).isEmpty();
  }

  @Test
  void pairsCreatedInTheSameSecondAreOrderedByNamespaceAndName() {
    EniFailoverPair a = pair("ns", "a", "2026-11-24T10:00:00Z", "eni-0123456789abcdef0");
    EniFailoverPair b = pair("ns", "b", "2026-11-24T10:00:00Z", "eni-0123456789abcdef0");

    assertThat(PairClaims.ownerOtherThan(b, List.of(a, b))).contains("ns/a");
    assertThat(PairClaims.ownerOtherThan(a, List.of(a, b))).isEmpty();
  }
}
