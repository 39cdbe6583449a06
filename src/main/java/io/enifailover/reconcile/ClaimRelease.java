package io.enifailover.reconcile;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.SpecValidator;
import io.enifailover.strategy.FailoverStrategy;
import io.enifailover.ec2.Ec2Failure;
import io.enifailover.ec2.Ec2Gateways;
import io.enifailover.model.PairClaim;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes a deleted pair's claim from its interface's tags. EC2 removes the tag only while it still has
 * the deleted pair's value, so a claim another pair wrote meanwhile stays. Best effort, off the informer's
 * thread: a claim that stays behind (the operator was down at the deletion) is found stale by the next
 * pair that names the interface ({@link StaleClaims}).
 */
final class ClaimRelease implements Consumer<EniFailoverPair>, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClaimRelease.class);

  private final Ec2Gateways gateways;
  private final MutationGuard guard;
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "claim-release");
    thread.setDaemon(true);
    return thread;
  });

  private final String cluster;

  private final FailoverStrategy strategy;

  ClaimRelease(Ec2Gateways gateways, MutationGuard guard, String cluster, FailoverStrategy strategy) {
    this.gateways = gateways;
    this.strategy = strategy;
    this.cluster = cluster;
    this.guard = guard;
  }

  @Override
  public void accept(EniFailoverPair deleted) {
    if (deleted.getSpec() == null || !SpecValidator.problems(deleted.getSpec()).isEmpty()) {
      return;
    }
    executor.execute(() -> release(deleted));
  }

  private void release(EniFailoverPair deleted) {
    var metadata = deleted.getMetadata();
    PairClaim claim = new PairClaim(metadata.getNamespace(), metadata.getName(), metadata.getUid(), cluster);
    var logged = log.atInfo().addKeyValue("pair", claim.pair());
    if (guard.whyNot().isPresent()) {
      return;
    }
    try {
      strategy.release(gateways.forRegion(deleted.getSpec().getRegion()), deleted, claim);
      logged.log("released the deleted pair's claim on its resources");
    } catch (Ec2Failure failure) {
      logged.addKeyValue("reason", failure.reason())
          .log("could not release the deleted pair's claim; the next pair naming its resources finds it stale: {}", failure.getMessage());
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
