package io.enifailover.runtime;

import io.enifailover.ec2.Ec2Gateways;
import io.enifailover.metrics.OperatorMetrics;
import io.enifailover.reconcile.EniFailoverPairReconciler;
import io.enifailover.reconcile.MutationGuard;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import java.time.Clock;
import java.time.Duration;

/** The JOSDK operator with the pair reconciler registered, on a given Kubernetes client and EC2. */
public final class EniFailoverOperator implements AutoCloseable {
  private final Operator operator;
  private final KubernetesClient client;
  private final OperatorSettings settings;
  private final EniFailoverPairReconciler reconciler;
  private final OperatorMetrics metrics;

  public EniFailoverOperator(
      KubernetesClient client, Ec2Gateways gateways, OperatorSettings settings, OperatorMetrics metrics) {
    this.client = client;
    this.settings = settings;
    this.metrics = metrics;
    var reconciler =
        new EniFailoverPairReconciler(
            gateways, client, settings.detachStuckAfter(), settings.pacing(), metrics,
            settings.leaderElection()
                .<MutationGuard>map(election -> new LeaseHolderGuard(client, election, Clock.systemUTC()))
                .orElse(MutationGuard.ALWAYS),
            settings.tenantGuard(),
            settings.ec2Budget(),
            Clock.systemUTC());
    this.reconciler = reconciler;
    operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  // Status goes through StatusWriter, nothing through JOSDK's patches; SSA stays off so that no
                  // framework path sends what the in-process API of the demo answers with 415.
                  .withUseSSAToPatchPrimaryResource(false)
                  .withCloseClientOnStop(false)
                  .withConcurrentReconciliationThreads(settings.reconcileThreads())
                  // The status write's result outranks an older cached copy (a spec edit seen meanwhile):
                  // the next pass must not start from the status before it and repeat what it reported.
                  .withParseResourceVersions(true)
                  // A stopping replica finishes its EC2 calls before it hands the lease to a standby.
                  .withReconciliationTerminationTimeout(Duration.ofSeconds(10))
                  .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(metrics.registry()));
              settings.leaderElection().ifPresent(le -> o.withLeaderElectionConfiguration(
                  LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(le.leaseName())
                      .withLeaseNamespace(le.leaseNamespace())
                      .withIdentity(le.identity())
                      .withLeaseDuration(le.leaseDuration())
                      .withRenewDeadline(le.renewDeadline())
                      .withRetryPeriod(le.retryPeriod())
                      // JOSDK's own exit would call System.exit inside a SIGTERM shutdown and hang it.
                      .withExitOnStopLeading(false)
                      .withLeaderCallbacks(new LeaderCallbacks(() -> metrics.leading(true), () -> {
                        metrics.leading(false);
                        // Only the leader probes: a replica that lost the lease stops, and forgets its counts.
                        reconciler.leadershipLost();
                        le.onLeaseLost().run();
                      }, leader -> {}))
                      .build()));
            });
    operator.register(
        reconciler,
        c -> {
          // A pass that throws (the API server refusing a status write, say) is retried for ever, backing
          // off to a minute, and every pair is looked at within five minutes whatever happens: a pair whose
          // interface is attached nowhere must never be left alone.
          c.withRetry(new GenericRetry()
              .setInitialInterval(Duration.ofMillis(500))
              .setIntervalMultiplier(2)
              .setMaxInterval(Duration.ofMinutes(1).toMillis())
              .withoutMaxAttempts());
          c.withReconciliationMaxInterval(Duration.ofMinutes(5));
          if (!settings.namespaces().isEmpty()) {
            c.settingNamespaces(settings.namespaces());
          }
        });
  }

  public EniFailoverOperator start() {
    operator.start();
    if (settings.leaderElection().isEmpty()) {
      // Without leader election this replica reconciles from the start: it leads.
      metrics.leading(true);
    }
    return this;
  }

  /** Serves /metrics, /healthz and /readyz for this operator on {@code port} (0: any free port). */
  public OperatorHttpServer serveHttp(int port, OperatorMetrics metrics) {
    return OperatorHttpServer.start(port, metrics, operator.getRuntimeInfo()::isStarted, this::ready);
  }

  /** What /readyz answers: started, and every informer synced and healthy. */
  public boolean ready() {
    RuntimeInfo info = operator.getRuntimeInfo();
    return info.isStarted() && info.allEventSourcesAreHealthy();
  }

  @Override
  public void close() {
    metrics.leading(false);
    operator.stop();
    reconciler.close();
    settings.leaderElection().ifPresent(election -> LeaseRelease.release(client, election));
  }
}
