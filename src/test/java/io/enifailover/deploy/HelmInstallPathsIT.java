package io.enifailover.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.enifailover.testing.TestCluster;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every documented way to an operator installed with Helm, with the helm CI installs (Helm 4, which applies
 * server-side) and kubectl against the real API server: after the tour's {@code kubectl apply -f crds/},
 * on a cluster without the CRD and then upgraded to a CRD with a new field, uninstalled, and after
 * {@code kubectl apply -k deploy/}. The chart owns the CRD as a template that uninstall keeps.
 *
 * <p>The CRD is cluster-wide: each test starts without it, and the committed one is put back at the end,
 * for the suite's other classes. Each test has its own namespace and release, except the one from deploy/,
 * whose namespace and names deploy/ fixes.
 */
class HelmInstallPathsIT {
  static final String CRD = "enifailoverpairs.enifailover.io";
  static final String CHART = HelmChartIT.CHART;
  /** What docs/install.md adds to the first helm command after kubectl applied the CRD or deploy/. */
  static final List<String> TAKE_OVER = List.of("--take-ownership", "--server-side=false");
  /** An optional field the next release of the CRD could add. */
  static final String NEW_FIELD = "runbookUrl";

  static TestCluster cluster;
  static Path helm;
  static Path kubectl;
  @TempDir static Path tmp;

  @BeforeAll
  static void tools() {
    cluster = TestCluster.get();
    cluster.assumeReal();
    helm = Tools.helm();
    kubectl = Tools.kubectl();
  }

  @BeforeEach
  void clusterWithoutTheCrd() {
    kubectl("delete", "crd", CRD, "--ignore-not-found", "--timeout=60s");
  }

  @AfterAll
  static void putTheCommittedCrdBack() {
    if (cluster != null && cluster.real()) {
      cluster.reinstallCrd();
    }
  }

  @Test
  void theToursCrdIsTakenOverByTheFirstHelmInstallAndLaterUpgradesChangeIt() throws IOException {
    String release = cluster.namespace("helm-tour");
    kubectl("apply", "-f", "crds/");

    helm(install(release, CHART, TAKE_OVER));

    assertThat(kubectl("-n", release, "get", "deployment", fullname(release), "-o", "jsonpath={.metadata.annotations}"))
        .contains("\"meta.helm.sh/release-name\":\"" + release + "\"");
    assertThat(kubectl("get", "crd", CRD, "-o", "jsonpath={.metadata.annotations}"))
        .contains("\"meta.helm.sh/release-name\":\"" + release + "\"", "\"helm.sh/resource-policy\":\"keep\"");
    // kubectl's client-side apply owned the CRD's fields; a takeover that left it any would make this upgrade fail.
    helm("upgrade", release, chartWithNewField().toString(), "--namespace", release);
    awaitNewFieldKept(release, "tour");
  }

  @Test
  void aFreshInstallCreatesTheCrdAndAnUpgradeServesItsNewField() throws IOException {
    String release = cluster.namespace("helm-fresh");
    assertThat(Tools.runWithKubeconfig(cluster.kubeconfig(), kubectl, "get", "crd", CRD).exitCode()).isNotZero();

    helm(install(release, CHART, List.of()));
    awaitEstablished();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> kubectl("apply", "-f", pairFile(release, "fresh", false)));
    Tools.Result before = Tools.runWithKubeconfig(cluster.kubeconfig(), kubectl, "apply", "-f", pairFile(release, "fresh", true));
    assertThat(before.exitCode()).isNotZero();
    assertThat(before.stderr()).contains("unknown field \"spec." + NEW_FIELD + "\"");

    helm("upgrade", release, chartWithNewField().toString(), "--namespace", release);
    awaitNewFieldKept(release, "fresh");
  }

  @Test
  void uninstallLeavesTheCrdAndThePairsAndAReinstallTakesTheCrdBack() throws IOException {
    String release = cluster.namespace("helm-uninstall");
    helm(install(release, CHART, List.of()));
    awaitEstablished();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> kubectl("apply", "-f", pairFile(release, "kept", false)));

    helm("uninstall", release, "--namespace", release);

    assertThat(kubectl("-n", release, "get", "deployments", "-o", "name")).isEmpty();
    assertThat(kubectl("get", "crd", CRD, "-o", "name")).isEqualTo("customresourcedefinition.apiextensions.k8s.io/" + CRD);
    assertThat(kubectl("-n", release, "get", "efp", "kept", "-o", "jsonpath={.spec.networkInterfaceId}"))
        .isEqualTo("eni-0123456789abcdef0");
    // The kept CRD still names this release, so installing it again needs no takeover.
    helm(install(release, CHART, List.of()));
    assertThat(kubectl("-n", release, "get", "efp", "kept", "-o", "name")).isEqualTo("enifailoverpair.enifailover.io/kept");
  }

  @Test
  void thePlainManifestsAreTakenOverByTheDocumentedSwitchAndHelmManagesTheOperatorAfter() throws IOException {
    // deploy/ fixes the release's names and namespace; a namespace is never deleted here (no controller would finish it).
    String release = "eni-failover-operator";
    helm("uninstall", release, "--namespace", release, "--ignore-not-found");
    kubectl("apply", "-k", "deploy/");
    String pairs = cluster.namespace("helm-switch");
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> kubectl("apply", "-f", pairFile(pairs, "switched", false)));

    helm(install(release, CHART, TAKE_OVER));

    assertThat(helm("get", "manifest", release, "--namespace", release))
        .contains("kind: Deployment", "kind: CustomResourceDefinition", "kind: ClusterRole");
    // The image is a value kubectl set too: an upgrade that may change it shows no field stayed kubectl's.
    helm("upgrade", release, CHART, "--namespace", release, "--set", "image.tag=0.2.0");
    assertThat(kubectl("-n", release, "get", "deployment", release, "-o", "jsonpath={.spec.template.spec.containers[0].image}"))
        .isEqualTo("eni-failover-operator:0.2.0");
    assertThat(kubectl("-n", pairs, "get", "efp", "switched", "-o", "name")).isEqualTo("enifailoverpair.enifailover.io/switched");
  }

  // ---- helpers

  /** The install command of docs/install.md, with the release in a namespace of its name. */
  static String[] install(String release, String chart, List<String> extra) {
    List<String> args = new ArrayList<>(List.of("install", release, chart, "--namespace", release, "--create-namespace"));
    args.addAll(extra);
    return args.toArray(String[]::new);
  }

  /** The chart's fullname for a release whose name does not contain the chart's. */
  static String fullname(String release) {
    return release + "-eni-failover-operator";
  }

  static void awaitEstablished() {
    kubectl("wait", "--for=condition=Established", "crd/" + CRD, "--timeout=60s");
  }

  /** A pair with the new field is stored with it, as soon as the API server serves the upgraded CRD. */
  static void awaitNewFieldKept(String namespace, String name) throws IOException {
    String file = pairFile(namespace, name, true);
    await("the upgraded CRD keeps spec." + NEW_FIELD).atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      kubectl("apply", "-f", file);
      assertThat(kubectl("-n", namespace, "get", "efp", name, "-o", "jsonpath={.spec." + NEW_FIELD + "}"))
          .isEqualTo("https://runbooks.example.com/" + name);
    });
  }

  static String pairFile(String namespace, String name, boolean withNewField) throws IOException {
    String yaml = """
        apiVersion: enifailover.io/v1alpha1
        kind: EniFailoverPair
        metadata:
          name: %s
          namespace: %s
        spec:
          networkInterfaceId: eni-0123456789abcdef0
          primary: {instanceId: i-0aaaaaaaaaaaaaaaa}
          standby: {instanceId: i-0bbbbbbbbbbbbbbbb}
        """.formatted(name, namespace);
    if (withNewField) {
      yaml += "  " + NEW_FIELD + ": https://runbooks.example.com/" + name + "\n";
    }
    return Files.writeString(tmp.resolve(namespace + "-" + name + ".yaml"), yaml).toString();
  }

  /** A copy of the chart whose CRD has one more optional field, as a later release would ship it. */
  static Path chartWithNewField() throws IOException {
    Path copy = tmp.resolve("chart-with-new-field");
    if (Files.exists(copy)) {
      return copy;
    }
    Path source = Path.of(CHART);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(source)) {
      files = walk.toList();
    }
    for (Path file : files) {
      Path target = copy.resolve(source.relativize(file).toString());
      if (Files.isDirectory(file)) {
        Files.createDirectories(target);
      } else {
        Files.copy(file, target);
      }
    }
    Path crdFile = copy.resolve("files").resolve(CRD + ".yaml");
    CustomResourceDefinition crd = Serialization.unmarshal(Files.readString(crdFile), CustomResourceDefinition.class);
    crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().getProperties().get("spec").getProperties()
        .put(NEW_FIELD, new JSONSchemaPropsBuilder().withType("string").withDescription("Where the on-call runbook is").build());
    Files.writeString(crdFile, Serialization.asYaml(crd));
    return copy;
  }

  static String helm(String... args) {
    return Tools.runWithKubeconfig(cluster.kubeconfig(), helm, args).assertSuccess().stdout();
  }

  static String kubectl(String... args) {
    return Tools.runWithKubeconfig(cluster.kubeconfig(), kubectl, args).assertSuccess().stdout().strip();
  }
}
