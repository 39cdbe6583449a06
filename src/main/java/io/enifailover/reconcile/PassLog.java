package io.enifailover.reconcile;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.model.Outcome;
import io.enifailover.model.PairClaim;
import io.enifailover.model.Reason;
import io.enifailover.model.Step;
import io.enifailover.plan.Decision;
import io.enifailover.status.StatusReporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One structured log line per pass (pair, interface, step, active instance), and one per claim written or refused. */
final class PassLog {
  private static final Logger log = LoggerFactory.getLogger(PassLog.class);

  void pass(EniFailoverPair pair, PassTrace trace, StatusReporter.Report report) {
    String key = PairClaims.key(pair);
    String eni = pair.getSpec() == null ? null : pair.getSpec().getNetworkInterfaceId();
    for (PassTrace.Round round : trace.rounds()) {
      if (round.decision() instanceof Decision.Act act && act.change() instanceof Step.Claim claim && round.result().isPresent()) {
        claim(key, eni, claim, round.result().get(), trace.outcome());
      }
    }
    Outcome outcome = trace.outcome();
    (outcome.executed().isPresent() || !report.events().isEmpty() ? log.atInfo() : log.atDebug())
        .addKeyValue("pair", key)
        .addKeyValue("eni", eni)
        .addKeyValue("step", outcome.reason())
        .addKeyValue("active", report.status().getActiveInstanceId())
        .addKeyValue("reads", trace.reads())
        .log(outcome.message());
  }

  private static void claim(String key, String eni, Step.Claim claim, Outcome result, Outcome end) {
    if (result.executed().isPresent()) {
      log.atInfo().addKeyValue("pair", key).addKeyValue("eni", eni).addKeyValue("step", Reason.Claiming)
          .log("recorded the pair's claim in the network interface's tags ({}={})", PairClaim.TAG, claim.claim().value());
    } else if (end != result) {
      log.atWarn().addKeyValue("pair", key).addKeyValue("eni", eni).addKeyValue("reason", result.reason())
          .log("the pair's claim could not be recorded: {}", result.message());
    }
  }
}
