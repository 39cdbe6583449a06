package io.enifailover.runtime;

import io.enifailover.ec2.Ec2Gateways;
import io.enifailover.ec2.Ec2Settings;
import io.enifailover.metrics.OperatorMetrics;
import io.enifailover.sim.Ec2Simulator;
import io.enifailover.sim.SimulatorConfig;
import java.util.Optional;

/**
 * Everything on one machine: the EC2 simulator, an in-process Kubernetes API, and the real operator
 * between them through the real gateway. The demo, the benchmark and the operator tests run on it.
 */
public final class LocalStack implements AutoCloseable {
  public final Ec2Simulator sim;
  public final InProcessKubernetes kube;
  public final OperatorMetrics metrics = OperatorMetrics.prometheus();
  private final Ec2Gateways gateways;
  private EniFailoverOperator operator;

  public LocalStack(SimulatorConfig simulator) {
    sim = Ec2Simulator.start(simulator);
    kube = new InProcessKubernetes();
    gateways = new Ec2Gateways(new Ec2Settings("us-east-1", Optional.of(sim.endpoint()), true), metrics);
    // As `run` does: the SDK client's first call is slow, and no failover should pay for it.
    gateways.forRegion("us-east-1").probe();
  }

  /** Another operator on this stack, not started: a second replica, for example. */
  public EniFailoverOperator newOperator(OperatorSettings settings) {
    return new EniFailoverOperator(kube.client(), gateways, settings, metrics);
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
    kube.close();
    sim.close();
  }
}
