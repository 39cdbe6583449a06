package io.enifailover.reconcile;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.model.Reason;
import io.enifailover.status.Conditions;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * When two pairs name the same network interface, the older one owns it. Creation times have a
 * one-second resolution, so within the same second the pair that already manages the interface keeps
 * it, and only then does the name decide.
 */
final class PairClaims {
  private static final Comparator<EniFailoverPair> AGE =
      Comparator.comparing((EniFailoverPair p) -> p.getMetadata().getCreationTimestamp(), Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(p -> !managesTheInterface(p))
          .thenComparing(PairClaims::key);

  private PairClaims() {}

  /** The namespace/name of the older pair that owns {@code pair}'s interface, if it is not {@code pair}. */
  static Optional<String> ownerOtherThan(EniFailoverPair pair, Collection<EniFailoverPair> all) {
    String eni = pair.getSpec().getNetworkInterfaceId();
    return all.stream()
        .filter(p -> p.getSpec() != null && Objects.equals(eni, p.getSpec().getNetworkInterfaceId()))
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .min(AGE)
        .filter(owner -> !key(owner).equals(key(pair)))
        .map(PairClaims::key);
  }

  private static boolean managesTheInterface(EniFailoverPair pair) {
    return pair.getStatus() != null
        && pair.getStatus().condition(Conditions.READY)
            .filter(c -> !Reason.ClaimedByAnotherPair.name().equals(c.getReason()))
            .isPresent();
  }

  static String key(EniFailoverPair pair) {
    return pair.getMetadata().getNamespace() + "/" + pair.getMetadata().getName();
  }
}
