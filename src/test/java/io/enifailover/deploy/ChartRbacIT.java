package io.enifailover.deploy;

import io.enifailover.it.ShippedRbacScenario;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped jar's {@code run} with exactly the chart's rendered ServiceAccount, roles and bindings
 * (default values) and its Deployment's container args, on a real API server. Needs helm (.ci/install-tools.sh).
 */
class ChartRbacIT {
  static final String RELEASE = "efo-chart";
  static final String NAMESPACE = "efo-chart";

  @Test
  void runsWithExactlyTheChartsRbac(@TempDir Path dir) throws Exception {
    Manifests rendered = Manifests.parse(Tools.run(Tools.helm(), "template", RELEASE, HelmChartIT.CHART, "--namespace", NAMESPACE)
        .assertSuccess().stdout());
    Set<Class<?>> rbacKinds = Set.of(ServiceAccount.class, ClusterRole.class, ClusterRoleBinding.class, Role.class, RoleBinding.class);
    List<HasMetadata> rbac = rendered.objects.stream().filter(o -> rbacKinds.contains(o.getClass())).toList();
    String serviceAccount = rendered.only(ServiceAccount.class).getMetadata().getName();
    List<String> args = rendered.only(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
    new ShippedRbacScenario(NAMESPACE, serviceAccount, rbac, args).run(dir);
  }
}
