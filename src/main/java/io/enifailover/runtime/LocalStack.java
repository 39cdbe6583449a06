package io.enifailover.runtime;

import io.enifailover.ec2.Ec2Gateways;
import io.enifailover.ec2.Ec2Settings;
import io.enifailover.metrics.OperatorMetrics;
import io.enifailover.sim.Ec2Simulator;
import io.enifailover.sim.SimulatorConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/**
 * The EC2 simulator and the real operator between it and a Kubernetes API through the real gateway:
 * the demo and the benchmark run it on an in-process API, the operator tests on a real kube-apiserver.
 */
public final class LocalStack implements AutoCloseable {
  public final Ec2Simulator sim;
  private final KubernetesClient client;
  public final OperatorMetrics metrics = OperatorMetrics.prometheus();
  private final Ec2Gateways gateways;
  private EniFailoverOperator operator;

  /** {@code client} stays open when the stack closes: whoever made it closes it. */
  public LocalStack(SimulatorConfig simulator, KubernetesClient client) {
    sim = Ec2Simulator.start(simulator);
    this.client = client;
    gateways = new Ec2Gateways(new Ec2Settings("us-east-1", Optional.of(sim.endpoint()), true), metrics);
    // As `run` does: the SDK client's first call is slow, and no failover should pay for it.
    gateways.forRegion("us-east-1").probe();
  }

  /** Another operator on this stack, not started: a second replica, for example. */
  public EniFailoverOperator newOperator(OperatorSettings settings) {
    return new EniFailoverOperator(client, gateways, settings, metrics);
  }

  /** Starts this stack's own operator. */
  public EniFailoverOperator startOperator(OperatorSettings settings) {
    operator = newOperator(settings).start();
    return operator;
  }

  public void stopOperator() {
    if (operator != null) {
      operator.close();
      operator = null;
    }
  }

  public EniFailoverOperator operator() {
    return operator;
  }

  @Override
  public void close() {
    stopOperator();
    gateways.close();
    sim.close();
  }
}
