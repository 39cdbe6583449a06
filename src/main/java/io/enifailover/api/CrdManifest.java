package io.enifailover.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The CRD as shipped in {@code crds/} and the Helm chart: the one the crd-generator writes from the Java
 * model at build time, with the printer columns put back in the order they are declared on
 * {@link EniFailoverPair} (the generator sorts them, and kubectl shows them in the CRD's order).
 */
public final class CrdManifest {
  public static final String GENERATED = "META-INF/fabric8/enifailoverpairs.enifailover.io-v1.yml";
  public static final String FILE_NAME = "enifailoverpairs.enifailover.io.yaml";

  private CrdManifest() {}

  public static CustomResourceDefinition load() {
    try (InputStream in = CrdManifest.class.getClassLoader().getResourceAsStream(GENERATED)) {
      if (in == null) {
        throw new IllegalStateException(GENERATED + " is not on the classpath: run the build's process-classes phase");
      }
      CustomResourceDefinition crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
      List<String> order =
          Arrays.stream(EniFailoverPair.class.getAnnotationsByType(AdditionalPrinterColumn.class))
              .map(AdditionalPrinterColumn::name)
              .toList();
      crd.getSpec().getVersions().forEach(v -> v.getAdditionalPrinterColumns()
          .sort(Comparator.comparingInt((CustomResourceColumnDefinition c) -> order.indexOf(c.getName()))));
      return crd;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String yaml() {
    return "# Generated from the Java model (io.enifailover.api) by the build; do not edit by hand.\n"
        + Serialization.asYaml(load());
  }
}
