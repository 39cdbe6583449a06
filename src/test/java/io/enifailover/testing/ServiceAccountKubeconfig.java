package io.enifailover.testing;

import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A kubeconfig that authenticates as a ServiceAccount, with a token the API server issues for it (as a pod gets one). */
public final class ServiceAccountKubeconfig {
  private ServiceAccountKubeconfig() {}

  public static Path write(TestCluster cluster, String namespace, String serviceAccount, Path file) {
    String token = cluster.client().serviceAccounts().inNamespace(namespace).withName(serviceAccount)
        .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
        .getStatus().getToken();
    String kubeconfig = """
        apiVersion: v1
        kind: Config
        clusters: [{name: test, cluster: {server: "%s", certificate-authority-data: "%s"}}]
        users: [{name: %s, user: {token: "%s"}}]
        contexts: [{name: test, context: {cluster: test, user: %s, namespace: %s}}]
        current-context: test
        """.formatted(cluster.masterUrl(), cluster.caData(), serviceAccount, token, serviceAccount, namespace);
    try {
      return Files.writeString(file, kubeconfig);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
