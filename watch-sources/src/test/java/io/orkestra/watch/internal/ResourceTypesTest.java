package io.orkestra.watch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceTypesTest {

  @ParameterizedTest
  @CsvSource({
    "Katalog, katalogs",
    "WebApp, webapps",
    "NetworkPolicy, networkpolicies",
    "Gateway, gateways",
    "Proxy, proxies",
    "Key, keys",
    "Mesh, meshes",
    "Box, boxes",
    "Status, statuses",
    "Batch, batches"
  })
  void derivesKubernetesStylePlurals(String kind, String plural) {
    assertThat(ResourceTypes.derivePlural(kind)).isEqualTo(plural);
  }

  @ParameterizedTest
  @CsvSource({
    "ConfigMap, configmaps, true",
    "Deployment, deployments, true",
    "Service, services, true",
    "Secret, secrets, true",
    "StatefulSet, statefulsets, true",
    "ServiceAccount, serviceaccounts, true",
    "Job, jobs, true",
    "CronJob, cronjobs, true",
    "Ingress, ingresses, true",
    "PersistentVolumeClaim, persistentvolumeclaims, true",
    "HorizontalPodAutoscaler, horizontalpodautoscalers, true",
    "PodDisruptionBudget, poddisruptionbudgets, true",
    "Role, roles, true",
    "RoleBinding, rolebindings, true",
    "Endpoints, endpoints, true",
    "Namespace, namespaces, false",
    "ClusterRole, clusterroles, false",
    "CustomResourceDefinition, customresourcedefinitions, false"
  })
  void knowsTheBuiltInKindsTheRuntimeCreates(String kind, String plural, boolean namespaced) {
    ResourceTypes.Type type = new ResourceTypes().typeOf("", kind);

    assertThat(type.plural()).isEqualTo(plural);
    assertThat(type.namespaced()).isEqualTo(namespaced);
  }

  @Test
  void registeredKindsWinOverTableAndRules() {
    ResourceTypes types = new ResourceTypes();
    types.register("demo.orkestra.io", "Octopus", "octopi", false);

    assertThat(types.typeOf("demo.orkestra.io", "Octopus"))
        .isEqualTo(new ResourceTypes.Type("octopi", false));
    assertThat(types.typeOf("other.io", "Octopus"))
        .isEqualTo(new ResourceTypes.Type("octopuses", true));
  }

  @Test
  void unknownKindsAreNamespacedWithADerivedPlural() {
    assertThat(new ResourceTypes().typeOf("demo.orkestra.io", "Policy"))
        .isEqualTo(new ResourceTypes.Type("policies", true));
  }

  @Test
  void buildsAFabric8ContextFromTheLookup() {
    ResourceDefinitionContext ctx = new ResourceTypes().context("apps", "v1", "Deployment", true);

    assertThat(ctx.getGroup()).isEqualTo("apps");
    assertThat(ctx.getVersion()).isEqualTo("v1");
    assertThat(ctx.getKind()).isEqualTo("Deployment");
    assertThat(ctx.getPlural()).isEqualTo("deployments");
    assertThat(ctx.isNamespaceScoped()).isTrue();
  }

  @Test
  void rejectsAnEmptyKind() {
    assertThatThrownBy(() -> ResourceTypes.derivePlural(""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
