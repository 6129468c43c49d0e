package io.orkestra.katalog.internal.model;

import io.orkestra.katalog.internal.template.Template;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A resource template of a lifecycle block. ConfigMaps, Deployments, Services and Secrets have
 * records of their own; every other kind is a {@link Shorthand}: its fields kept as a {@link
 * TemplateTree} that the kind's renderer reads with the types Kubernetes needs.
 */
public sealed interface ResourceTemplate
    permits ResourceTemplate.ConfigMap,
        ResourceTemplate.Deployment,
        ResourceTemplate.Service,
        ResourceTemplate.Secret,
        ResourceTemplate.Shorthand {

  /**
   * The kind, which fixes the apply order.
   *
   * @return the kind
   */
  ResourceKind kind();

  /**
   * Name, namespace, labels, annotations, reconcile flag.
   *
   * @return the common fields
   */
  ResourceMeta meta();

  /**
   * {@code configMaps[]}: a v1 ConfigMap.
   *
   * @param meta common fields
   * @param data {@code data} (values are templates)
   */
  record ConfigMap(ResourceMeta meta, Map<String, Template> data) implements ResourceTemplate {
    /** Null checks and an ordered copy. */
    public ConfigMap {
      Objects.requireNonNull(meta, "meta");
      data = Ordered.copy(data);
    }

    @Override
    public ResourceKind kind() {
      return ResourceKind.CONFIG_MAPS;
    }
  }

  /**
   * {@code deployments[]}: an apps/v1 Deployment with one container.
   *
   * @param meta common fields
   * @param image container image
   * @param replicas replica count (renders to an integer), {@code null} = API default
   * @param port container port (renders to an integer), {@code null} = no port
   * @param protocol port protocol, {@code null} = API default (TCP)
   * @param env container environment
   * @param pod every container and pod key as written ({@code image}, {@code port}, {@code env},
   *     {@code resources}, {@code probes}, {@code command}, {@code volumes}, ...), rendered into the
   *     pod template like the pod shorthand of statefulSets
   */
  record Deployment(
      ResourceMeta meta,
      Template image,
      @Nullable Template replicas,
      @Nullable Template port,
      @Nullable Template protocol,
      List<EnvVar> env,
      TemplateTree.Branch pod)
      implements ResourceTemplate {
    /** Null checks and an immutable copy. */
    public Deployment {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(image, "image");
      Objects.requireNonNull(pod, "pod");
      env = List.copyOf(env);
    }

    @Override
    public ResourceKind kind() {
      return ResourceKind.DEPLOYMENTS;
    }
  }

  /**
   * {@code services[]}: a v1 Service with one port.
   *
   * @param meta common fields
   * @param port service port (renders to an integer)
   * @param targetPort target port (number or port name), {@code null} = same as {@code port}
   * @param type service type, {@code null} = API default (ClusterIP)
   * @param protocol port protocol, {@code null} = API default (TCP)
   * @param selector pod selector; empty = {@code app: <first deployment's name>}
   */
  record Service(
      ResourceMeta meta,
      Template port,
      @Nullable Template targetPort,
      @Nullable Template type,
      @Nullable Template protocol,
      Map<String, Template> selector)
      implements ResourceTemplate {
    /** Null checks and an ordered copy. */
    public Service {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(port, "port");
      selector = Ordered.copy(selector);
    }

    @Override
    public ResourceKind kind() {
      return ResourceKind.SERVICES;
    }
  }

  /**
   * {@code secrets[]}: a v1 Secret; values are written as plain text and base64-encoded on render.
   *
   * @param meta common fields
   * @param data {@code data} (plain-text templates)
   * @param stringData {@code stringData} (plain-text templates; merged into {@code data}, winning)
   * @param type secret type, {@code null} = {@code Opaque}
   * @param once {@code once: true}: an existing secret is never rendered again (generated values
   *     such as {@code randomAlphanumeric} stay), even under {@code onReconcile}
   */
  record Secret(
      ResourceMeta meta,
      Map<String, Template> data,
      Map<String, Template> stringData,
      @Nullable Template type,
      boolean once)
      implements ResourceTemplate {
    /** Null checks and ordered copies. */
    public Secret {
      Objects.requireNonNull(meta, "meta");
      data = Ordered.copy(data);
      stringData = Ordered.copy(stringData);
    }

    /**
     * A secret without {@code once}.
     *
     * @param meta common fields
     * @param data {@code data}
     * @param stringData {@code stringData}
     * @param type secret type, or {@code null}
     */
    public Secret(
        ResourceMeta meta,
        Map<String, Template> data,
        Map<String, Template> stringData,
        @Nullable Template type) {
      this(meta, data, stringData, type, false);
    }

    @Override
    public ResourceKind kind() {
      return ResourceKind.SECRETS;
    }
  }

  /**
   * Any other kind ({@code statefulSets}, {@code jobs}, ..., {@code custom}): the declared fields
   * other than the common ones, as templates. The binder checked the keys against the kind's
   * schema; the renderer reads and types them.
   *
   * @param kind the kind
   * @param meta common fields ({@code custom}: from its {@code metadata} block)
   * @param fields the kind's own fields
   * @param clusterScoped whether the object has no namespace (the kind's scope; for {@code custom}
   *     {@code metadata.namespaced: false})
   */
  record Shorthand(
      ResourceKind kind, ResourceMeta meta, TemplateTree.Branch fields, boolean clusterScoped)
      implements ResourceTemplate {
    /** Null checks. */
    public Shorthand {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(fields, "fields");
    }
  }
}
