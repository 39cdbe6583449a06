package io.enifailover.runtime;

import io.enifailover.api.CrdManifest;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * A Kubernetes API in this process (Fabric8's mock server in CRUD mode) with the pair CRD installed:
 * what the demo runs on, and what the operator tests run on.
 */
public final class InProcessKubernetes implements AutoCloseable {
  // Held so the setting is not garbage-collected: the mock server logs every request at INFO through JUL.
  private static final java.util.logging.Logger MOCK_SERVER_LOG = quiet("io.fabric8.mockwebserver");

  private final KubernetesMockServer server;
  private final KubernetesClient client;

  public InProcessKubernetes() {
    Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations, new KubernetesMixedDispatcher(expectations), false);
    try {
      server.init(InetAddress.getLoopbackAddress(), 0);
    } catch (RuntimeException e) {
      throw new IllegalStateException("could not start the in-process Kubernetes API", e);
    }
    // This API has no RBAC: the permission check leader election makes before it starts is granted.
    server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(201, new SelfSubjectRulesReviewBuilder()
            .withNewStatus()
            .addNewResourceRule().withApiGroups("*").withResources("*").withVerbs("*").endResourceRule()
            .withIncomplete(false)
            .endStatus()
            .build())
        .always();
    client = server.createClient();
    client.apiextensions().v1().customResourceDefinitions().resource(CrdManifest.load()).create();
  }

  public KubernetesClient client() {
    return client;
  }

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }

}
