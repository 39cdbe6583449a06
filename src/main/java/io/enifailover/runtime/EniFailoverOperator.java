package io.enifailover.runtime;

import io.enifailover.ec2.Ec2Gateways;
import io.enifailover.reconcile.EniFailoverPairReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;

/** The JOSDK operator with the pair reconciler registered, on a given Kubernetes client and EC2. */
public final class EniFailoverOperator implements AutoCloseable {
  private final Operator operator;

  public EniFailoverOperator(KubernetesClient client, Ec2Gateways gateways, OperatorSettings settings) {
    operator =
        new Operator(
            o ->
                o.withKubernetesClient(client)
                    // Merge patches for status: the same on a real API server and the in-process one the demo uses.
                    .withUseSSAToPatchPrimaryResource(false)
                    .withCloseClientOnStop(false)
                    .withConcurrentReconciliationThreads(settings.reconcileThreads()));
    var reconciler =
        new EniFailoverPairReconciler(
            gateways, client, settings.detachStuckAfter(), settings.pacing(), Clock.systemUTC());
    operator.register(
        reconciler,
        c -> {
          if (!settings.namespaces().isEmpty()) {
            c.settingNamespaces(settings.namespaces());
          }
        });
  }

  public EniFailoverOperator start() {
    operator.start();
    return this;
  }

  @Override
  public void close() {
    operator.stop();
  }
}
