package io.enifailover.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** A rendered set of Kubernetes objects (helm template / kubectl kustomize output) with typed look-ups. */
final class Manifests {
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

  final List<HasMetadata> objects;

  private Manifests(List<HasMetadata> objects) {
    this.objects = objects;
  }

  static Manifests parse(String multiDocumentYaml) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String document : DOCUMENT_SEPARATOR.split(multiDocumentYaml)) {
      if (document.lines().allMatch(line -> line.isBlank() || line.stripLeading().startsWith("#"))) {
        continue;
      }
      KubernetesResource resource = SERIALIZATION.unmarshal(document);
      assertThat(resource).as("document is not a Kubernetes object:%n%s", document).isInstanceOf(HasMetadata.class);
      objects.add((HasMetadata) resource);
    }
    return new Manifests(objects);
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
    return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
  }

  <T extends HasMetadata> T get(Class<T> type, String name) {
    return find(type, name).orElseThrow(() -> new AssertionError(type.getSimpleName() + " " + name + " not rendered"));
  }

  <T extends HasMetadata> T only(Class<T> type) {
    List<T> found = all(type);
    assertThat(found).as("rendered %s objects", type.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  List<HasMetadata> ofKind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.getKind())).toList();
  }

  CustomResourceDefinition crd() {
    return only(CustomResourceDefinition.class);
  }

  /**
   * Every permission a ServiceAccount receives from the rendered bindings, as
   * {@code scope apiGroup/resource verb} lines; scope is {@code cluster} or the binding's namespace.
   */
  Set<String> grantsTo(String serviceAccountNamespace, String serviceAccountName) {
    Set<String> grants = new TreeSet<>();
    for (ClusterRoleBinding binding : all(ClusterRoleBinding.class)) {
      if (binds(binding.getSubjects(), serviceAccountNamespace, serviceAccountName)) {
        grants.addAll(expand("cluster", rulesOf(binding.getRoleRef(), null)));
      }
    }
    for (RoleBinding binding : all(RoleBinding.class)) {
      if (binds(binding.getSubjects(), serviceAccountNamespace, serviceAccountName)) {
        String namespace = binding.getMetadata().getNamespace();
        grants.addAll(expand(namespace, rulesOf(binding.getRoleRef(), namespace)));
      }
    }
    return grants;
  }

  static Set<String> expand(String scope, List<PolicyRule> rules) {
    Set<String> lines = new TreeSet<>();
    for (PolicyRule rule : rules) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          List<String> names = rule.getResourceNames() == null || rule.getResourceNames().isEmpty() ? List.of("") : rule.getResourceNames();
          for (String name : names) {
            for (String verb : rule.getVerbs()) {
              lines.add(scope + " " + (group.isEmpty() ? "core" : group) + "/" + resource + (name.isEmpty() ? "" : ":" + name) + " " + verb);
            }
          }
        }
      }
    }
    return lines;
  }

  private List<PolicyRule> rulesOf(RoleRef ref, String namespace) {
    assertThat(ref.getApiGroup()).isEqualTo("rbac.authorization.k8s.io");
    if ("ClusterRole".equals(ref.getKind())) {
      return get(ClusterRole.class, ref.getName()).getRules();
    }
    assertThat(ref.getKind()).isEqualTo("Role");
    Role role = all(Role.class).stream()
        .filter(r -> r.getMetadata().getName().equals(ref.getName()) && r.getMetadata().getNamespace().equals(namespace))
        .findFirst()
        .orElseThrow(() -> new AssertionError("Role " + namespace + "/" + ref.getName() + " not rendered"));
    return role.getRules();
  }

  private static boolean binds(List<Subject> subjects, String namespace, String name) {
    return subjects != null && subjects.stream().anyMatch(s ->
        "ServiceAccount".equals(s.getKind()) && name.equals(s.getName()) && namespace.equals(s.getNamespace()));
  }

  /** All rules of all (Cluster)Roles, for checks that must hold everywhere. */
  List<PolicyRule> allRules() {
    List<PolicyRule> rules = new ArrayList<>();
    all(ClusterRole.class).forEach(r -> rules.addAll(r.getRules()));
    all(Role.class).forEach(r -> rules.addAll(r.getRules()));
    return rules;
  }

  /**
   * Fields the typed model did not recognise (a misspelt or misplaced key) in every typed object
   * except CRDs, as {@code Kind/name: path.key} lines. Generic objects (ServiceMonitor) are skipped.
   */
  List<String> unknownFields() {
    List<String> found = new ArrayList<>();
    for (HasMetadata object : objects) {
      if (object instanceof CustomResourceDefinition
          || object instanceof io.fabric8.kubernetes.api.model.GenericKubernetesResource) {
        continue;
      }
      collectUnknown(object, object.getKind() + "/" + object.getMetadata().getName() + ":", found);
    }
    return found;
  }

  private static void collectUnknown(Object node, String path, List<String> found) {
    if (node == null) {
      return;
    }
    if (node instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        collectUnknown(item, path + "[" + i++ + "]", found);
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> collectUnknown(v, path + "." + k, found));
      return;
    }
    if (!node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method method : node.getClass().getMethods()) {
      if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
          || !method.getName().startsWith("get") || method.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value;
      try {
        value = method.invoke(node);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
      String property = method.getName().substring(3);
      if (property.equals("AdditionalProperties") && value instanceof Map<?, ?> extra) {
        extra.keySet().forEach(key -> found.add(path + "." + key));
      } else if (!(value instanceof String) && !(value instanceof Number) && !(value instanceof Boolean)) {
        collectUnknown(value, path + "." + Character.toLowerCase(property.charAt(0)) + property.substring(1), found);
      }
    }
  }
}
