package io.enifailover.reconcile;

import io.enifailover.api.EniFailoverPair;
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

  ClaimRelease(Ec2Gateways gateways, MutationGuard guard, String cluster) {
    this.gateways = gateways;
    this.cluster = cluster;
    this.guard = guard;
  }

  @Override
  public void accept(EniFailoverPair deleted) {
    if (deleted.getSpec() == null || deleted.getSpec().getNetworkInterfaceId() == null) {
      return;
    }
    executor.execute(() -> release(deleted));
  }

  private void release(EniFailoverPair deleted) {
    var metadata = deleted.getMetadata();
    PairClaim claim = new PairClaim(metadata.getNamespace(), metadata.getName(), metadata.getUid(), cluster);
    String eni = deleted.getSpec().getNetworkInterfaceId();
    var logged = log.atInfo().addKeyValue("pair", claim.pair()).addKeyValue("eni", eni);
    if (guard.whyNot().isPresent()) {
      return;
    }
    try {
      gateways.forRegion(deleted.getSpec().getRegion()).deleteTags(eni, claim.tags());
      logged.log("released the deleted pair's claim on its network interface");
    } catch (Ec2Failure failure) {
      logged.addKeyValue("reason", failure.reason())
          .log("could not release the deleted pair's claim; the next pair naming the interface finds it stale: {}", failure.getMessage());
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
