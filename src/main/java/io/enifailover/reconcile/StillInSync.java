package io.enifailover.reconcile;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.EniFailoverPairStatus;
import io.enifailover.ec2.Ec2Failure;
import io.enifailover.model.Outcome;
import io.enifailover.model.Reason;
import io.enifailover.model.Step;
import io.enifailover.status.Conditions;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A routine re-check of a pair in sync that EC2 throttled or did not answer leaves it Ready: nothing says it
 * changed, and flapping Ready would alarm every GitOps tool watching it. Not after a spec change: then the
 * pair has not been brought to the new spec yet.
 */
final class StillInSync {
  private static final Logger log = LoggerFactory.getLogger(StillInSync.class);

  private StillInSync() {}

  static Outcome after(EniFailoverPair pair, Ec2Failure failure) {
    EniFailoverPairStatus status = pair.getStatus();
    boolean transientFailure = failure.reason().category() == Reason.Category.WAITING;
    Outcome failed = Outcome.held(new Step.Hold(failure.reason(), failure.getMessage()));
    if (!transientFailure || status == null || !Objects.equals(status.getObservedGeneration(), pair.getMetadata().getGeneration())) {
      return failed;
    }
    return status.condition(Conditions.READY)
        .filter(c -> "True".equals(c.getStatus()))
        .map(c -> {
          log.atWarn().addKeyValue("pair", PairClaims.key(pair)).addKeyValue("reason", failure.reason())
              .log("re-check of a pair in sync did not reach EC2; still Ready, looking again at the next resync: {}", failure.getMessage());
          return new Outcome(Reason.InSync, c.getMessage(), Optional.empty());
        })
        .orElse(failed);
  }
}
