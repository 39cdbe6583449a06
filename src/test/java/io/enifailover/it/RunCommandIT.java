package io.enifailover.it;

import io.enifailover.testing.TestCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped jar's {@code run} command as the plain manifests under deploy/ start it: their container
 * args, their ServiceAccount's token and exactly their RBAC (the chart gets the same in ChartRbacIT).
 */
class RunCommandIT {
  static final String NAMESPACE = "eni-failover-operator";

  @Test
  void runsWithExactlyThePlainManifestsRbac(@TempDir Path dir) throws Exception {
    List<HasMetadata> rbac = Stream.of("serviceaccount.yaml", "rbac.yaml").flatMap(f -> load(f).stream()).toList();
    Deployment deployment = (Deployment) load("deployment.yaml").get(0);
    List<String> args = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
    new ShippedRbacScenario(NAMESPACE, "eni-failover-operator", rbac, args).run(dir);
  }

  private static List<HasMetadata> load(String file) {
    try (InputStream in = new FileInputStream(Path.of("deploy", file).toFile())) {
      return TestCluster.get().client().load(in).items();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
