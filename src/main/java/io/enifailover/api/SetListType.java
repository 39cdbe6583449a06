package io.enifailover.api;

import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Marks array properties of a class's schema {@code x-kubernetes-list-type: set}, which the crd-generator's
 * annotations cannot express: {@code @SchemaCustomizer(value = SetListType.class, input = "a,b")} on the class.
 * (The generator's MergePatchCustomizer replaces a property's schema instead of merging into it.) Runs in the
 * crd-generator at build time only.
 */
public class SetListType implements SchemaCustomizer.Customizer {
  @Override
  public JSONSchemaProps apply(JSONSchemaProps schema, String input, KubernetesSerialization serialization) {
    for (String name : input.split(",")) {
      JSONSchemaProps property = schema.getProperties().get(name.trim());
      if (property == null || !"array".equals(property.getType())) {
        throw new IllegalArgumentException("@SchemaCustomizer(SetListType): no array property '" + name.trim() + "'");
      }
      property.setXKubernetesListType("set");
    }
    return schema;
  }
}
