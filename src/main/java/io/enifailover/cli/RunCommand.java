package io.enifailover.cli;

import io.enifailover.ec2.Ec2Failure;
import io.enifailover.ec2.Ec2Gateways;
import io.enifailover.ec2.Ec2Settings;
import io.enifailover.reconcile.Pacing;
import io.enifailover.metrics.OperatorMetrics;
import io.enifailover.runtime.EniFailoverOperator;
import io.enifailover.runtime.LeaderElectionSettings;
import io.enifailover.runtime.OperatorHttpServer;
import io.enifailover.runtime.OperatorSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the operator against the current kubeconfig (or in-cluster config) and real EC2. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the operator against a cluster and AWS.")
final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @Option(names = "--region", description = "Default AWS region for pairs without spec.region (default: AWS_REGION, else the SDK's region chain).")
  String region;

  @Option(names = "--ec2-endpoint", description = "EC2 endpoint URL (default: AWS_ENDPOINT_URL_EC2, else AWS_ENDPOINT_URL, else AWS's).")
  String ec2Endpoint;

  @Option(names = "--namespaces", split = ",", description = "Namespaces to watch (default: all).")
  List<String> namespaces = List.of();

  @Option(names = "--resync", converter = DurationConverter.class, defaultValue = "30s", description = "Re-check of a pair in sync, which repairs out-of-band changes (default: ${DEFAULT-VALUE}).")
  Duration resync;

  @Option(names = "--stalled-retry", converter = DurationConverter.class, defaultValue = "2m", description = "Re-check of a pair refused for a reason only a human can fix (default: ${DEFAULT-VALUE}).")
  Duration stalledRetry;

  @Option(names = "--detach-stuck-after", converter = DurationConverter.class, defaultValue = "60s", description = "How long a detach may take before it is reported as DetachStuck (default: ${DEFAULT-VALUE}).")
  Duration detachStuckAfter;

  @Option(names = "--http-port", defaultValue = "8080", description = "Port of /metrics, /healthz and /readyz (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(names = "--log-format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
  LogFormat logFormat;

  @Option(names = "--leader-election", arity = "1", description = "true or false (default: true inside a cluster, false outside).")
  Boolean leaderElection;

  @Option(names = "--lease-name", defaultValue = "eni-failover-operator", description = "Name of the leader election Lease (default: ${DEFAULT-VALUE}).")
  String leaseName;

  @Option(names = "--lease-namespace", description = "Namespace of the Lease (default: POD_NAMESPACE, else the client's namespace).")
  String leaseNamespace;

  @Option(names = "--tenant-guard", arity = "1", defaultValue = "true",
      description = "true: a pair may use only the interfaces, instances and Elastic IPs tagged enifailover.io/namespace=<its namespace>. "
          + "false gives that up: anyone who may create a pair in any namespace may move any interface the operator's IAM role reaches (default: ${DEFAULT-VALUE}).")
  boolean tenantGuard;

  @picocli.CommandLine.Mixin Ec2BudgetOptions budget;

  @Override
  public Integer call() throws InterruptedException {
    logFormat.apply();
    Ec2Settings ec2 =
        new Ec2Settings(
            defaultRegion(), Ec2Settings.resolveEndpoint(Optional.ofNullable(ec2Endpoint), System.getenv()), false);
    OperatorSettings base =
        OperatorSettings.defaults()
            .withNamespaces(Set.copyOf(namespaces))
            .withDetachStuckAfter(detachStuckAfter)
            .withTenantGuard(tenantGuard)
            .withEc2Budget(budget.budget())
            .withPacing(Pacing.defaults().withResync(resync).withStalledRetry(stalledRetry));
    OperatorMetrics metrics = OperatorMetrics.prometheus();
    CountDownLatch stopping = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    // On SIGTERM the JVM runs this hook and exits when it returns: hold it until the operator has stopped.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopping.countDown();
      awaitQuietly(closed);
    }, "shutdown"));
    try (KubernetesClient client = new KubernetesClientBuilder().build();
        Ec2Gateways gateways = new Ec2Gateways(ec2, metrics)) {
      OperatorSettings settings = withLeaderElection(base, client, () -> {
        if (stopping.getCount() > 0) {
          log.error("lost the leader lease: exiting so that only the new leader acts");
          System.exit(1);
        }
      });
      try (EniFailoverOperator operator = new EniFailoverOperator(client, gateways, settings, metrics);
          OperatorHttpServer http = operator.serveHttp(httpPort, metrics)) {
        log.atInfo().addKeyValue("kubernetes", client.getMasterUrl()).log("connecting");
        probe(gateways, ec2.defaultRegion());
        operator.start();
        log.atInfo()
          .addKeyValue("region", ec2.defaultRegion())
          .addKeyValue("ec2Endpoint", ec2.endpoint().map(Object::toString).orElse("AWS"))
          .addKeyValue("namespaces", namespaces.isEmpty() ? "all" : String.join(",", namespaces))
          .addKeyValue("leaderElection", settings.leaderElection().map(le -> le.leaseNamespace() + "/" + le.leaseName()).orElse("off"))
          .addKeyValue("tenantGuard", tenantGuard)
          .addKeyValue("http", http.uri())
          .log("operator started");
        stopping.await();
        log.info("stopping");
      }
    } finally {
      closed.countDown();
    }
    return 0;
  }

  /**
   * Creates the default region's client before the first failover needs it (the SDK takes a second or
   * two to initialise) and says at once whether EC2 can be reached with these credentials.
   */
  private static void probe(Ec2Gateways gateways, String region) {
    try {
      gateways.forRegion(region).probe();
      log.atInfo().addKeyValue("region", region).log("EC2 reachable");
    } catch (Ec2Failure failure) {
      log.atWarn().addKeyValue("region", region).addKeyValue("reason", failure.reason()).log(failure.getMessage());
    }
  }

  /** @param onLeaseLost what to do when this replica stops leading while it is not shutting down */
  private OperatorSettings withLeaderElection(OperatorSettings settings, KubernetesClient client, Runnable onLeaseLost) {
    boolean inCluster = System.getenv("KUBERNETES_SERVICE_HOST") != null;
    if (!(leaderElection != null ? leaderElection : inCluster)) {
      return settings;
    }
    String namespace = Optional.ofNullable(leaseNamespace)
        .or(() -> Optional.ofNullable(System.getenv("POD_NAMESPACE")))
        .or(() -> Optional.ofNullable(client.getNamespace()))
        .orElse("default");
    return settings.withLeaderElection(LeaderElectionSettings.of(leaseName, namespace, onLeaseLost));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(25, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String defaultRegion() {
    if (region != null) {
      return region;
    }
    String env = Optional.ofNullable(System.getenv("AWS_REGION")).orElse(System.getenv("AWS_DEFAULT_REGION"));
    if (env != null && !env.isBlank()) {
      return env;
    }
    return new software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain().getRegion().id();
  }
}
