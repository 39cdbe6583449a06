package io.enifailover.testing;

import io.enifailover.api.CrdManifest;
import io.enifailover.api.EniFailoverPair;
import io.enifailover.runtime.InProcessKubernetes;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;

/**
 * The Kubernetes API that the operator-level tests run on: a real kube-apiserver with etcd and RBAC,
 * shared by every test class of the JVM, with the pair CRD applied from the committed manifest.
 *
 * <p>Which server: the one whose admin kubeconfig {@code ENIFAILOVER_KUBECONFIG} names ({@code .ci/run}
 * starts it with {@code .ci/kube-apiserver.sh}); otherwise this JVM builds and starts one with the same
 * script when Go is on the PATH, and stops it at exit. Only where neither is possible, and
 * {@code ENIFAILOVER_REQUIRE_KUBE_APISERVER} is not {@code true}, the in-process mock API stands in, and
 * the tests that need what only a real server has (RBAC, tokens, admission) are skipped.
 */
public final class TestCluster {
  private static final String SCRIPT = ".ci/kube-apiserver.sh";
  private static TestCluster instance;

  private final Config adminConfig;
  private final KubernetesClient client;
  private final Optional<Path> kubeconfig;
  private final String description;

  private TestCluster(Config adminConfig, KubernetesClient client, Optional<Path> kubeconfig, String description) {
    this.adminConfig = adminConfig;
    this.client = client;
    this.kubeconfig = kubeconfig;
    this.description = description;
  }

  public static synchronized TestCluster get() {
    if (instance == null) {
      instance = connect();
      instance.installCrd();
      System.out.println("Kubernetes API for operator tests: " + instance.description);
    }
    return instance;
  }

  private static TestCluster connect() {
    String kubeconfig = System.getenv("ENIFAILOVER_KUBECONFIG");
    if (kubeconfig == null || kubeconfig.isBlank()) {
      kubeconfig = startWithScript().orElse(null);
    }
    if (kubeconfig != null) {
      Config config = Config.fromKubeconfig(read(Path.of(kubeconfig)));
      KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
      String version = client.getKubernetesVersion().getGitVersion();
      return new TestCluster(
          config, client, Optional.of(Path.of(kubeconfig)), "kube-apiserver " + version + " at " + config.getMasterUrl());
    }
    if ("true".equals(System.getenv("ENIFAILOVER_REQUIRE_KUBE_APISERVER"))) {
      throw new IllegalStateException("a real kube-apiserver is required (ENIFAILOVER_REQUIRE_KUBE_APISERVER=true) and none could be "
          + "started: run `bash " + SCRIPT + " build` (needs Go) and `eval \"$(bash " + SCRIPT + " start)\"`");
    }
    InProcessKubernetes inProcess = new InProcessKubernetes();
    Runtime.getRuntime().addShutdownHook(new Thread(inProcess::close));
    return new TestCluster(inProcess.client().getConfiguration(), inProcess.client(), Optional.empty(),
        "the in-process mock API (no Go to build kube-apiserver: tests that need a real server are skipped)");
  }

  /** Builds (cached) and starts a server with the project's script; empty when Go is missing. */
  private static Optional<String> startWithScript() {
    if (!onPath("go") || !Files.exists(Path.of(SCRIPT))) {
      return Optional.empty();
    }
    run("build");
    String exports = run("start");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> run("stop")));
    return exports.lines()
        .filter(l -> l.startsWith("export ENIFAILOVER_KUBECONFIG="))
        .map(l -> l.substring(l.indexOf('=') + 1).trim())
        .findFirst();
  }

  private static String run(String command) {
    try {
      Process process = new ProcessBuilder("bash", SCRIPT, command)
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException(SCRIPT + " " + command + " failed (its messages are above)");
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean onPath(String binary) {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, binary))) {
        return true;
      }
    }
    return false;
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Applies the committed CRD (server-side, so a rerun on the same server updates it) and waits until pairs can be listed. */
  private void installCrd() {
    CustomResourceDefinition crd = CrdManifest.load();
    crd.getMetadata().setResourceVersion(null);
    var resource = client.apiextensions().v1().customResourceDefinitions().resource(crd);
    if (real()) {
      resource.patch(PatchContext.of(PatchType.SERVER_SIDE_APPLY), crd);
      resource.waitUntilCondition(
          // A CRD just created has a status without conditions for a moment.
          c -> c != null && c.getStatus() != null && c.getStatus().getConditions() != null
              && c.getStatus().getConditions().stream()
              .anyMatch(cond -> "Established".equals(cond.getType()) && "True".equals(cond.getStatus())),
          60, TimeUnit.SECONDS);
      // Discovery lags the Established condition by a moment.
      Awaitility.await("pairs can be listed").atMost(Duration.ofSeconds(30)).ignoreExceptions()
          .until(() -> client.resources(EniFailoverPair.class).inAnyNamespace().list() != null);
    }
  }

  /**
   * Deletes the pair CRD, and every pair with it, and applies the committed one again: for a test that
   * needs a cluster without the CRD or lets another tool own it. The CRD is cluster-wide, so such a test
   * calls this when it is done, and the classes after it find the CRD as {@link #get()} left it.
   */
  public void reinstallCrd() {
    client.apiextensions().v1().customResourceDefinitions().withName(CrdManifest.load().getMetadata().getName())
        .withTimeout(60, TimeUnit.SECONDS).delete();
    installCrd();
  }

  public boolean real() {
    return kubeconfig.isPresent();
  }

  /** The administrator's kubeconfig, for kubectl; only a real server has one. */
  public Path kubeconfig() {
    return kubeconfig.orElseThrow(() -> new IllegalStateException("no kubeconfig: " + description));
  }

  /** Skips the calling test where only the in-process stand-in is available. */
  public void assumeReal() {
    Assumptions.assumeTrue(real(), "needs a real kube-apiserver: " + description);
  }

  /** The administrator's client (group system:masters), shared: do not close it. */
  public KubernetesClient client() {
    return client;
  }

  public String masterUrl() {
    return adminConfig.getMasterUrl();
  }

  /** The server's CA certificate, base64 as a kubeconfig carries it. */
  public String caData() {
    return adminConfig.getCaCertData();
  }

  /** Creates a namespace of its own for a test class. A bare API server never deletes namespaces, so names never repeat. */
  public String namespace(String prefix) {
    String name = (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
    return name;
  }
}
