package io.enifailover.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the Helm chart (default values and variants) and deploy/ with the real helm and kubectl,
 * and checks what a cluster would receive: RBAC exactly as the operator needs it, users' aggregated
 * roles, pod hardening and probes, and the CRD. Needs .ci/install-tools.sh; runs in the helm profile.
 */
class HelmChartIT {
  static final String CHART = "helm/eni-failover-operator";
  static final String RELEASE = "eni-failover-operator";
  static final String NAMESPACE = "eni-failover-operator";
  static final String SA = "eni-failover-operator";

  /**
   * The grants the chart renders for the operator. That they are enough is proven by running the
   * operator with exactly these (OperatorRbacIT); here they are held so that no variant of the chart
   * grants more or less than the default.
   */
  static final Set<String> OPERATOR_VERBS = Set.of(
      "enifailover.io/enifailoverpairs get",
      "enifailover.io/enifailoverpairs list",
      "enifailover.io/enifailoverpairs watch",
      "enifailover.io/enifailoverpairs/status patch",
      "core/events create",
      "core/namespaces:kube-system get");
  static final Set<String> LEASE_VERBS = Set.of(
      "coordination.k8s.io/leases get",
      "coordination.k8s.io/leases create",
      "coordination.k8s.io/leases update",
      "coordination.k8s.io/leases patch");
  static final List<String> USER_WRITE_VERBS =
      List.of("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection");
  static final Set<String> KNOWN_FLAGS = Set.of(
      "--region", "--ec2-endpoint", "--namespaces", "--resync", "--stalled-retry", "--detach-stuck-after",
      "--http-port", "--log-format", "--leader-election", "--lease-name", "--lease-namespace", "--tenant-guard",
      "--ec2-budget-share", "--max-moves-in-flight");

  static final String VARIANT_VALUES = """
      replicaCount: 3
      aws:
        region: eu-west-1
        ec2Endpoint: https://ec2.eu-west-1.amazonaws.com
      operator:
        watchNamespaces: [team-a, team-b]
        logFormat: text
      serviceAccount:
        annotations:
          eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/eni-failover-operator
      serviceMonitor:
        enabled: true
        labels:
          release: prometheus
      """;

  @TempDir static Path tmp;
  static Path helm;
  static Path kubectl;
  static Path variantValues;
  static CustomResourceDefinition committedCrd;

  @BeforeAll
  static void tools() throws IOException {
    helm = Tools.helm();
    kubectl = Tools.kubectl();
    variantValues = Files.writeString(tmp.resolve("variant-values.yaml"), VARIANT_VALUES);
    committedCrd = Manifests.parse(Files.readString(Path.of("crds", "enifailoverpairs.enifailover.io.yaml"))).crd();
  }

  static Manifests template(String... extraArgs) {
    List<String> args = new ArrayList<>(List.of("template", RELEASE, CHART, "--namespace", NAMESPACE));
    args.addAll(List.of(extraArgs));
    return Manifests.parse(Tools.run(helm, args.toArray(String[]::new)).assertSuccess().stdout());
  }

  static Manifests kustomize() {
    return Manifests.parse(Tools.run(kubectl, "kustomize", "deploy").assertSuccess().stdout());
  }

  // ---- helm lint and the values schema

  @Test
  void lintPassesStrictlyWithDefaultAndVariantValues() {
    Tools.run(helm, "lint", "--strict", CHART).assertSuccess();
    Tools.run(helm, "lint", "--strict", CHART, "-f", variantValues.toString()).assertSuccess();
  }

  @Test
  void schemaRejectsUnknownAndMistypedValues() {
    Tools.Result unknown = Tools.run(helm, "template", RELEASE, CHART, "--set", "replicas=2");
    assertThat(unknown.exitCode()).isNotZero();
    assertThat(unknown.stderr()).contains("additional properties 'replicas' not allowed");

    Tools.Result badDuration = Tools.run(helm, "template", RELEASE, CHART, "--set-string", "operator.resync=soon");
    assertThat(badDuration.exitCode()).isNotZero();
    assertThat(badDuration.stderr()).contains("/operator/resync");

    Tools.Result badFormat = Tools.run(helm, "template", RELEASE, CHART, "--set", "operator.logFormat=xml");
    assertThat(badFormat.exitCode()).isNotZero();
    assertThat(badFormat.stderr()).contains("/operator/logFormat");
  }

  // ---- RBAC

  @Test
  void defaultOperatorRbacIsLeastPrivilegeAndSplitByScope() {
    Manifests rendered = template();
    assertOperatorGrants(rendered, Set.of("cluster"));
    assertNoWildcards(rendered);
    ClusterRole operatorRole = rendered.get(ClusterRole.class, RELEASE);
    assertThat(Manifests.expand("cluster", operatorRole.getRules()))
        .as("leases belong in the namespaced Role, not the ClusterRole")
        .noneMatch(line -> line.contains("leases"));
    Role leaseRole = rendered.get(Role.class, RELEASE + "-leader-election");
    assertThat(leaseRole.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
  }

  @Test
  void watchedNamespacesGetRoleBindingsInsteadOfAClusterRoleBinding() {
    Manifests rendered = template("-f", variantValues.toString());
    assertOperatorGrants(rendered, Set.of("team-a", "team-b"));
    assertNoWildcards(rendered);
    assertThat(rendered.all(ClusterRoleBinding.class)).isEmpty();
    assertThat(rendered.all(RoleBinding.class))
        .extracting(b -> b.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("team-a", "team-b", NAMESPACE);
  }

  @Test
  void withoutLeaderElectionThereIsNoLeaseRole() {
    Manifests rendered = template("--set", "operator.leaderElection.enabled=false", "--set", "replicaCount=1");
    assertThat(rendered.all(Role.class)).isEmpty();
    assertThat(rendered.grantsTo(NAMESPACE, SA)).isEqualTo(scoped(Set.of("cluster"), OPERATOR_VERBS));
    List<String> args = container(rendered.only(Deployment.class)).getArgs();
    assertThat(args).contains("--leader-election=false").noneMatch(a -> a.startsWith("--lease-"));
  }

  @Test
  void aggregatedUserRolesManagePairsButNeverTheirStatus() {
    for (Manifests rendered : List.of(template(), kustomize())) {
      assertAggregatedRoles(rendered);
    }
    assertThat(template("--set", "rbac.aggregateToDefaultRoles=false").all(ClusterRole.class))
        .extracting(r -> r.getMetadata().getName())
        .containsExactly(RELEASE);
  }

  // ---- the pod

  @Test
  void defaultDeploymentIsHardenedAndProbed() {
    Manifests rendered = template();
    assertHardenedOperatorPod(rendered);
    Deployment deployment = rendered.only(Deployment.class);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(container(deployment).getArgs())
        .contains("--lease-name=" + RELEASE, "--log-format=json")
        .noneMatch(a -> a.startsWith("--namespaces"));
    assertThat(envNames(container(deployment))).doesNotContain("AWS_REGION", "AWS_ENDPOINT_URL_EC2");
    assertThat(rendered.only(PodDisruptionBudget.class).getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
    assertThat(rendered.ofKind("ServiceMonitor")).isEmpty();
    assertThat(rendered.unknownFields()).as("fields the typed Kubernetes model does not know (typos)").isEmpty();
  }

  @Test
  void variantValuesReachThePod() {
    Manifests rendered = template("-f", variantValues.toString());
    assertHardenedOperatorPod(rendered);
    Deployment deployment = rendered.only(Deployment.class);
    Container container = container(deployment);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
    assertThat(container.getArgs()).contains("--namespaces=team-a,team-b", "--log-format=text");
    assertThat(env(container, "AWS_REGION")).isEqualTo("eu-west-1");
    assertThat(env(container, "AWS_ENDPOINT_URL_EC2")).isEqualTo("https://ec2.eu-west-1.amazonaws.com");
    assertThat(rendered.get(ServiceAccount.class, SA).getMetadata().getAnnotations())
        .containsEntry("eks.amazonaws.com/role-arn", "arn:aws:iam::111122223333:role/eni-failover-operator");
    assertThat(rendered.unknownFields()).as("fields the typed Kubernetes model does not know (typos)").isEmpty();
  }

  @Test
  void serviceMonitorScrapesTheMetricsPortOfTheService() {
    Manifests rendered = template("-f", variantValues.toString());
    GenericKubernetesResource monitor = (GenericKubernetesResource) rendered.ofKind("ServiceMonitor").get(0);
    assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
    Map<String, Object> endpoint = monitor.<List<Map<String, Object>>>get("spec", "endpoints").get(0);
    assertThat(endpoint).containsEntry("port", "http").containsEntry("path", "/metrics");
    Map<String, String> selector = monitor.get("spec", "selector", "matchLabels");
    Service service = rendered.only(Service.class);
    assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(selector);
    assertThat(service.getSpec().getPorts()).anyMatch(p -> "http".equals(p.getName()));
  }

  @Test
  void singleReplicaHasNoDisruptionBudget() {
    assertThat(template("--set", "replicaCount=1").all(PodDisruptionBudget.class)).isEmpty();
  }

  // ---- CRD

  @Test
  void chartOwnsTheCommittedCrdAndKeepsItOnUninstall() {
    CustomResourceDefinition crd = template().crd();
    assertThat(crd.getSpec()).isEqualTo(committedCrd.getSpec());
    assertThat(crd.getMetadata().getName()).isEqualTo(committedCrd.getMetadata().getName());
    assertThat(crd.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
    assertThat(crd.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "Helm");

    Map<String, String> unkept = template("--set", "crds.keep=false").crd().getMetadata().getAnnotations();
    assertThat(unkept == null ? Map.<String, String>of() : unkept)
        .as("crds.keep=false lets helm uninstall delete the CRD, and every pair with it")
        .doesNotContainKey("helm.sh/resource-policy");
    assertThat(template("--set", "crds.enabled=false").all(CustomResourceDefinition.class)).isEmpty();
  }

  // ---- deploy/ (kubectl kustomize)

  @Test
  void plainManifestsRenderWithTheCrdAndTheSameRbac() {
    Manifests rendered = kustomize();
    assertThat(rendered.crd()).isEqualTo(committedCrd);
    assertThat(rendered.get(Namespace.class, NAMESPACE)).isNotNull();
    assertThat(rendered.objects)
        .filteredOn(o -> !CLUSTER_SCOPED.contains(o.getKind()))
        .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).as("%s/%s", o.getKind(), o.getMetadata().getName())
            .isEqualTo(NAMESPACE));
    assertOperatorGrants(rendered, Set.of("cluster"));
    assertNoWildcards(rendered);
    assertHardenedOperatorPod(rendered);
    assertThat(rendered.only(PodDisruptionBudget.class)).isNotNull();
    assertThat(rendered.unknownFields()).as("fields the typed Kubernetes model does not know (typos)").isEmpty();
  }

  @Test
  void plainManifestsMatchTheChartDefaults() {
    Manifests chart = template();
    Manifests plain = kustomize();
    assertThat(plain.grantsTo(NAMESPACE, SA)).isEqualTo(chart.grantsTo(NAMESPACE, SA));
    PodSpec chartPod = chart.only(Deployment.class).getSpec().getTemplate().getSpec();
    PodSpec plainPod = plain.only(Deployment.class).getSpec().getTemplate().getSpec();
    Container chartContainer = chartPod.getContainers().get(0);
    Container plainContainer = plainPod.getContainers().get(0);
    assertThat(plainContainer.getArgs()).isEqualTo(chartContainer.getArgs());
    assertThat(plainContainer.getEnv()).isEqualTo(chartContainer.getEnv());
    assertThat(plainContainer.getPorts()).isEqualTo(chartContainer.getPorts());
    assertThat(plainContainer.getResources()).isEqualTo(chartContainer.getResources());
    assertThat(plainContainer.getSecurityContext()).isEqualTo(chartContainer.getSecurityContext());
    assertThat(plainContainer.getVolumeMounts()).isEqualTo(chartContainer.getVolumeMounts());
    assertThat(plainPod.getSecurityContext()).isEqualTo(chartPod.getSecurityContext());
    assertThat(plainPod.getVolumes()).isEqualTo(chartPod.getVolumes());
    assertThat(plainPod.getAffinity()).isEqualTo(chartPod.getAffinity());
    assertThat(plainPod.getTerminationGracePeriodSeconds()).isEqualTo(chartPod.getTerminationGracePeriodSeconds());
    for (String probe : List.of("startup", "liveness", "readiness")) {
      assertThat(probe(plainContainer, probe)).as(probe).isEqualTo(probe(chartContainer, probe));
    }
  }

  // ---- shared assertions

  static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding");

  static void assertOperatorGrants(Manifests rendered, Set<String> pairScopes) {
    Set<String> expected = scoped(pairScopes, OPERATOR_VERBS);
    expected.addAll(scoped(Set.of(NAMESPACE), LEASE_VERBS));
    assertThat(rendered.grantsTo(NAMESPACE, SA)).isEqualTo(expected);
  }

  static Set<String> scoped(Set<String> scopes, Set<String> verbs) {
    Set<String> lines = new TreeSet<>();
    scopes.forEach(scope -> verbs.forEach(verb -> lines.add(scope + " " + verb)));
    return lines;
  }

  static void assertNoWildcards(Manifests rendered) {
    for (PolicyRule rule : rendered.allRules()) {
      assertThat(rule.getApiGroups()).doesNotContain("*");
      assertThat(rule.getResources()).noneMatch(r -> r.contains("*"));
      assertThat(rule.getVerbs()).doesNotContain("*");
      assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
    }
  }

  static void assertAggregatedRoles(Manifests rendered) {
    Map<String, List<String>> expected = Map.of(
        "admin", USER_WRITE_VERBS,
        "edit", USER_WRITE_VERBS,
        "view", List.of("get", "list", "watch"));
    for (var entry : expected.entrySet()) {
      String label = "rbac.authorization.k8s.io/aggregate-to-" + entry.getKey();
      List<ClusterRole> roles = rendered.all(ClusterRole.class).stream()
          .filter(r -> r.getMetadata().getLabels() != null && "true".equals(r.getMetadata().getLabels().get(label)))
          .toList();
      assertThat(roles).as("ClusterRoles labelled %s", label).hasSize(1);
      ClusterRole role = roles.get(0);
      assertThat(role.getMetadata().getName()).isEqualTo(RELEASE + "-" + entry.getKey());
      assertThat(role.getAggregationRule()).isNull();
      Set<String> expectedLines = new TreeSet<>();
      entry.getValue().forEach(verb -> expectedLines.add("cluster enifailover.io/enifailoverpairs " + verb));
      assertThat(Manifests.expand("cluster", role.getRules())).isEqualTo(expectedLines);
      assertThat(role.getRules()).flatExtracting(PolicyRule::getResources).noneMatch(r -> r.contains("/"));
    }
  }

  static void assertHardenedOperatorPod(Manifests rendered) {
    Deployment deployment = rendered.only(Deployment.class);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getServiceAccountName()).isEqualTo(SA);
    assertThat(rendered.find(ServiceAccount.class, SA)).isPresent();
    assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(30L);

    PodSecurityContext podSecurity = pod.getSecurityContext();
    assertThat(podSecurity.getRunAsNonRoot()).isTrue();
    assertThat(podSecurity.getRunAsUser()).isNotNull().isNotZero();
    assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

    assertThat(pod.getContainers()).hasSize(1);
    Container container = pod.getContainers().get(0);
    SecurityContext security = container.getSecurityContext();
    assertThat(security.getAllowPrivilegeEscalation()).isFalse();
    assertThat(security.getReadOnlyRootFilesystem()).isTrue();
    assertThat(security.getPrivileged()).isNotEqualTo(Boolean.TRUE);
    assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();

    Volume tmpVolume = pod.getVolumes().stream().filter(v -> v.getEmptyDir() != null).findFirst()
        .orElseThrow(() -> new AssertionError("no emptyDir volume for /tmp"));
    assertThat(container.getVolumeMounts())
        .anyMatch(m -> m.getName().equals(tmpVolume.getName()) && m.getMountPath().equals("/tmp"));

    assertThat(container.getPorts())
        .anyMatch(p -> "http".equals(p.getName()) && p.getContainerPort() == 8080);
    assertThat(probe(container, "liveness").getPath()).isEqualTo("/healthz");
    assertThat(probe(container, "readiness").getPath()).isEqualTo("/readyz");
    assertThat(probe(container, "startup").getPath()).isEqualTo("/healthz");
    for (String kind : List.of("liveness", "readiness", "startup")) {
      assertThat(probe(container, kind).getPort()).as(kind).isEqualTo(new IntOrString("http"));
    }

    Map<String, Quantity> requests = container.getResources().getRequests();
    assertThat(requests).containsKeys("cpu", "memory");
    assertThat(container.getResources().getLimits()).containsKey("memory");

    List<String> args = container.getArgs();
    assertThat(args.get(0)).isEqualTo("run");
    assertThat(args.subList(1, args.size()))
        .as("every flag is one the run command knows, as --name=value")
        .allMatch(a -> a.contains("=") && KNOWN_FLAGS.contains(a.substring(0, a.indexOf('='))));
    assertThat(args).contains("--http-port=8080", "--leader-election=true", "--lease-namespace=$(POD_NAMESPACE)");
    EnvVar podNamespace = container.getEnv().stream().filter(e -> e.getName().equals("POD_NAMESPACE")).findFirst()
        .orElseThrow(() -> new AssertionError("POD_NAMESPACE not set"));
    assertThat(podNamespace.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");

    Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
    assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
    Service service = rendered.only(Service.class);
    assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(service.getSpec().getPorts()).singleElement()
        .satisfies(p -> assertThat(p.getTargetPort()).isEqualTo(new IntOrString("http")));
    rendered.all(PodDisruptionBudget.class).forEach(pdb ->
        assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels()));
  }

  static Container container(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  static HTTPGetAction probe(Container container, String kind) {
    var probe = switch (kind) {
      case "liveness" -> container.getLivenessProbe();
      case "readiness" -> container.getReadinessProbe();
      case "startup" -> container.getStartupProbe();
      default -> throw new IllegalArgumentException(kind);
    };
    assertThat(probe).as("%s probe", kind).isNotNull();
    assertThat(probe.getHttpGet()).as("%s probe httpGet", kind).isNotNull();
    return probe.getHttpGet();
  }

  static List<String> envNames(Container container) {
    return Stream.ofNullable(container.getEnv()).flatMap(List::stream).map(EnvVar::getName).toList();
  }

  static String env(Container container, String name) {
    return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
        .map(EnvVar::getValue).orElseThrow(() -> new AssertionError(name + " not set"));
  }
}
