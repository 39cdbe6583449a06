package io.enifailover.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.enifailover.testing.TestCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Install on a cluster", its shell blocks run as written by bash, one after the other, on an
 * API server without the CRD, as a new user would: install, upgrade with the same values file, uninstall. Only
 * the two placeholders are filled in. The release's names are the README's own, so any leftover release of
 * that name (deploy/'s switch to Helm) is removed first.
 */
class ReadmeInstallIT {
  static final Path README = Path.of("README.md");
  static final String RELEASE = "eni-failover-operator";
  static final String CRD = "enifailoverpairs.enifailover.io";
  static final String IMAGE = "registry.example.com/eni-failover-operator:0.1.0";
  static final String ROLE = "arn:aws:iam::111122223333:role/eni-failover-operator";

  static final Pattern KEPT_KINDS = Pattern.compile("(?m)^kind: (Namespace|CustomResourceDefinition)$");

  static TestCluster cluster;
  @TempDir static Path work;

  @BeforeAll
  static void freshApiServer() {
    cluster = TestCluster.get();
    cluster.assumeReal();
    helm("uninstall", RELEASE, "--namespace", RELEASE, "--ignore-not-found", "--wait");
    removeWhatDeployApplied();
    kubectl("delete", "crd", CRD, "--ignore-not-found", "--timeout=60s");
  }

  /**
   * Another suite may have applied deploy/, whose objects have the README release's names. Its Namespace stays (no
   * controller here would finish deleting it), which a fresh cluster's helm install --create-namespace accepts.
   */
  static void removeWhatDeployApplied() {
    String rendered = kubectl("kustomize", "deploy/");
    String rest = Arrays.stream(rendered.split("(?m)^---$"))
        .filter(doc -> !KEPT_KINDS.matcher(doc).find())
        .collect(Collectors.joining("\n---\n"));
    try {
      Path file = Files.writeString(work.resolve("deploy-objects.yaml"), rest);
      kubectl("delete", "-f", file.toString(), "--ignore-not-found", "--wait=false");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void putTheCommittedCrdBack() {
    if (cluster != null && cluster.real()) {
      Tools.runWithKubeconfig(cluster.kubeconfig(), Tools.helm(), "uninstall", RELEASE, "--namespace", RELEASE, "--ignore-not-found");
      cluster.reinstallCrd();
    }
  }

  @Test
  void theInstallSectionWorksAsWritten() throws IOException {
    List<String> blocks = installBlocks();
    assertThat(blocks).as("the README's install, upgrade and uninstall blocks").hasSize(3);
    String pairs = cluster.namespace("readme-install");

    runAsWritten(blocks.get(0));
    assertThat(kubectl("-n", RELEASE, "get", "deployment", RELEASE, "-o", "jsonpath={.spec.template.spec.containers[0].image}"))
        .isEqualTo(IMAGE);
    assertThat(kubectl("-n", RELEASE, "get", "serviceaccount", RELEASE, "-o", "jsonpath={.metadata.annotations}"))
        .contains(ROLE);
    kubectl("wait", "--for=condition=Established", "crd/" + CRD, "--timeout=60s");
    kubectl("apply", "-f", pairFile(pairs).toString());

    runAsWritten(blocks.get(1));
    assertThat(kubectl("-n", RELEASE, "get", "deployment", RELEASE, "-o", "jsonpath={.spec.template.spec.containers[0].image}"))
        .as("the upgrade keeps the values file's image")
        .isEqualTo(IMAGE);

    runAsWritten(blocks.get(2));
    assertThat(kubectl("-n", RELEASE, "get", "deployments", "-o", "name")).isEmpty();
    assertThat(kubectl("get", "crd", CRD, "-o", "name")).isEqualTo("customresourcedefinition.apiextensions.k8s.io/" + CRD);
    assertThat(kubectl("-n", pairs, "get", "efp", "kept", "-o", "name")).isEqualTo("enifailoverpair.enifailover.io/kept");
  }

  /** The fenced sh blocks of the install section, without the list's indentation. */
  static List<String> installBlocks() throws IOException {
    String readme = Files.readString(README);
    int start = readme.indexOf("\n## Install on a cluster");
    assertThat(start).as("README has an \"Install on a cluster\" section").isPositive();
    int end = readme.indexOf("\n## ", start + 1);
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    Matcher block = Pattern.compile("(?m)^( *)```sh\\n(.*?)^\\1```$", Pattern.DOTALL).matcher(section);
    List<String> blocks = new ArrayList<>();
    while (block.find()) {
      String indent = block.group(1);
      blocks.add(block.group(2).replaceAll("(?m)^" + indent, ""));
    }
    return blocks;
  }

  /** Runs a block with bash in a directory that has the repository's paths, with the placeholders filled in. */
  static void runAsWritten(String block) throws IOException {
    for (String dir : List.of("helm", "crds", "deploy", "examples")) {
      Path link = work.resolve(dir);
      if (!Files.exists(link)) {
        Files.createSymbolicLink(link, Path.of(dir).toAbsolutePath());
      }
    }
    Path bin = Files.createDirectories(work.resolve("bin"));
    for (Path tool : List.of(Tools.helm(), Tools.kubectl())) {
      Path link = bin.resolve(tool.getFileName());
      if (!Files.exists(link)) {
        Files.createSymbolicLink(link, tool);
      }
    }
    String script = "set -euo pipefail\ncd " + work + "\nexport PATH=" + bin + ":$PATH\n"
        + block.replace("<your registry>", "registry.example.com").replace("<account>", "111122223333");
    Path file = Files.writeString(work.resolve("step.sh"), script);
    Tools.runWithKubeconfig(cluster.kubeconfig(), Path.of("/bin/bash"), file.toString()).assertSuccess();
  }

  static Path pairFile(String namespace) throws IOException {
    return Files.writeString(work.resolve("pair.yaml"), """
        apiVersion: enifailover.io/v1alpha1
        kind: EniFailoverPair
        metadata:
          name: kept
          namespace: %s
        spec:
          networkInterfaceId: eni-0123456789abcdef0
          primary: {instanceId: i-0aaaaaaaaaaaaaaaa}
          standby: {instanceId: i-0bbbbbbbbbbbbbbbb}
        """.formatted(namespace));
  }

  static String helm(String... args) {
    return Tools.runWithKubeconfig(cluster.kubeconfig(), Tools.helm(), args).assertSuccess().stdout();
  }

  static String kubectl(String... args) {
    return Tools.runWithKubeconfig(cluster.kubeconfig(), Tools.kubectl(), args).assertSuccess().stdout().strip();
  }
}
