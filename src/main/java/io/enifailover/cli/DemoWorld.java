package io.enifailover.cli;

import io.enifailover.api.EniFailoverPair;
import io.enifailover.api.FailoverMode;
import io.enifailover.api.FailoverSpec;
import io.enifailover.api.HealthCheckSpec;
import io.enifailover.api.HttpProbeSpec;
import io.enifailover.plan.TenantGuard;
import io.enifailover.sim.Ec2Simulator;
import io.enifailover.sim.SimInstanceState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The example pair ({@code examples/pair.yaml}) and its EC2 side: two running instances, the interface, its Elastic IP. */
public final class DemoWorld {
  static final String AZ = "us-east-1a";
  static final String VPC = "vpc-0a1b2c3d4e5f60718";
  static final String SUBNET = "subnet-0a1b2c3d4e5f60718";
  static final String PRIVATE_IP = "10.0.1.25";
  static final String PUBLIC_IP = "203.0.113.10";

  private DemoWorld() {}

  /** The pair in examples/pair.yaml (the file also holds its Namespace, so that a user's apply works as written). */
  public static EniFailoverPair example() {
    try (InputStream in = DemoWorld.class.getClassLoader().getResourceAsStream("examples/pair.yaml")) {
      KubernetesSerialization json = new KubernetesSerialization();
      Object parsed = json.unmarshal(in);
      List<?> documents = parsed instanceof List<?> list ? list : List.of(parsed);
      return documents.stream()
          .filter(d -> d instanceof HasMetadata resource && "EniFailoverPair".equals(resource.getKind()))
          .map(d -> json.convertValue(d, EniFailoverPair.class))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("examples/pair.yaml holds no EniFailoverPair"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The example pair in automatic mode: an HTTP probe of /healthz on {@code healthPort} of each instance,
   * with the default probe settings (every 1 s, 1 s timeout, 3 failures / 2 successes), then {@code customize}.
   */
  public static EniFailoverPair automatic(int healthPort, Consumer<FailoverSpec> customize) {
    HealthCheckSpec check = new HealthCheckSpec();
    check.setHttp(new HttpProbeSpec(healthPort, "/healthz"));
    FailoverSpec failover = new FailoverSpec();
    failover.setMode(FailoverMode.Automatic);
    failover.setHealthCheck(check);
    customize.accept(failover);
    EniFailoverPair pair = example();
    pair.getSpec().setFailover(failover);
    return pair;
  }

  /** The pair's automatic-failover settings, in one line. */
  static String describeFailover(EniFailoverPair pair) {
    FailoverSpec failover = pair.getSpec().getFailover();
    HealthCheckSpec check = failover.getHealthCheck();
    return String.format("mode %s, HTTP GET :%d%s every %ds (timeout %ds), Unhealthy after %d failures, Healthy after %d successes, "
            + "cooldown %ds, fencing %s", failover.getMode(), check.getHttp().getPort(), check.getHttp().getPath(),
        check.getIntervalSeconds(), check.getTimeoutSeconds(), check.getFailureThreshold(), check.getSuccessThreshold(),
        failover.getCooldownSeconds(), failover.getFencing());
  }

  /** Whether EC2 shows the pair's interface attached to {@code instanceId} and its Elastic IP on the interface. */
  static boolean servedBy(Ec2Simulator sim, EniFailoverPair pair, String instanceId) {
    var spec = pair.getSpec();
    return sim.attachmentOf(spec.getNetworkInterfaceId())
            .filter(a -> a.instanceId().equals(instanceId) && a.status().equals("attached"))
            .isPresent()
        && sim.associationOf(spec.getElasticIp().getAllocationId())
            .filter(a -> a.eniId().equals(spec.getNetworkInterfaceId()))
            .isPresent();
  }

  /** The pair's EC2 side, assigned to the pair's namespace as a platform team would tag it (the tenant guard's tag). */
  public static void seed(Ec2Simulator sim, EniFailoverPair pair) {
    var spec = pair.getSpec();
    sim.tagNewResources(Map.of(TenantGuard.NAMESPACE_TAG, pair.getMetadata().getNamespace()));
    sim.addInstance(spec.getPrimary().getInstanceId(), AZ, VPC, SUBNET, SimInstanceState.RUNNING);
    sim.addInstance(spec.getStandby().getInstanceId(), AZ, VPC, SUBNET, SimInstanceState.RUNNING);
    sim.addNetworkInterface(spec.getNetworkInterfaceId(), AZ, VPC, SUBNET, PRIVATE_IP);
    sim.addAddress(spec.getElasticIp().getAllocationId(), PUBLIC_IP);
    sim.associateOutOfBand(spec.getElasticIp().getAllocationId(), spec.getNetworkInterfaceId(), PRIVATE_IP);
  }
}
