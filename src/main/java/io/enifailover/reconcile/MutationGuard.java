package io.enifailover.reconcile;

import java.util.Optional;

/** Asked right before every EC2 change: why this replica must not change EC2 now, if it must not. */
@FunctionalInterface
public interface MutationGuard {
  /** A replica that runs alone (no leader election) may always act. */
  MutationGuard ALWAYS = () -> Optional.empty();

  Optional<String> whyNot();
}
