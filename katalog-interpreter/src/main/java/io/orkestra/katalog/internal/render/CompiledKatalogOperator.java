package io.orkestra.katalog.internal.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.ChildResource;
import io.orkestra.core.CompiledOperator;
import io.orkestra.core.DesiredState;
import io.orkestra.core.ObservedState;
import io.orkestra.core.OperatorSpec;
import io.orkestra.core.OrkestraException;
import io.orkestra.core.ResourceKey;
import io.orkestra.katalog.internal.model.CrdEntry;
import io.orkestra.katalog.internal.model.ForEach;
import io.orkestra.katalog.internal.model.TemplateTree;
import io.orkestra.katalog.internal.model.HookTemplates;
import io.orkestra.katalog.internal.model.ResourceTemplate;
import io.orkestra.katalog.internal.template.Scope;
import io.orkestra.katalog.internal.template.Template;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@link CompiledOperator} of one CRD entry. Immutable; {@link #interpret} only evaluates
 * templates parsed at load, so it is pure CPU work and may run on many threads at once.
 *
 * <p>Children, in order: the {@code onCreate} group, then the {@code onReconcile} group, each in
 * apply order (spec §5.4 step 7). {@code onCreate} children are create-only ({@code drift=false})
 * unless they say {@code reconcile: true}; {@code onReconcile} children are drift-corrected. Jobs,
 * ServiceAccounts and {@code once: true} secrets are always create-only.
 * When two declarations render the same object (same kind, namespace and name), the later one wins,
 * at the position of the first, and is drift-corrected if either is. A resource whose {@code
 * when}/{@code or} conditions (or those of its block) fail is not desired.
 *
 * <p>Template data: the custom resource, plus {@code .children} (the observed children by
 * lowercase kind, see {@link ChildrenView}); inside a {@code forEach} declaration also {@code
 * .item}, {@code .<as>} and, for maps, {@code .value}. A {@code forEach} declaration renders one
 * child per element (its conditions are tested per element); two elements that render the same
 * child fail the reconcile, since one would silently replace the other.
 *
 * <p>Errors: a template that fails for this resource (for example one that refers to a field the
 * resource lacks, or a {@code replicas} that does not render to an integer) throws {@link
 * OrkestraException} with {@code file:line:column: reason (namespace/name)}; the runtime reports
 * that reconcile as failed and retries it.
 */
public final class CompiledKatalogOperator implements CompiledOperator {

  private final OperatorSpec spec;
  private final List<Planned> plan;
  private final List<io.orkestra.core.ChildKind> managedKinds;
  private final CrdEntry entry;
  private final @Nullable Template firstDeploymentName;
  private final String katalogName;
  private final io.orkestra.katalog.internal.model.NotificationBlock notification;

  private record Planned(ResourceTemplate template, boolean drift, boolean onCreate) {}

  /**
   * Creates the operator.
   *
   * @param spec what the operator manages
   * @param entry the bound CRD entry
   */
  public CompiledKatalogOperator(OperatorSpec spec, CrdEntry entry) {
    this(spec, entry, "", io.orkestra.katalog.internal.model.NotificationBlock.NONE);
  }

  /**
   * Creates the operator of a Katalog with a {@code notification:} block.
   *
   * @param spec what the operator manages
   * @param entry the bound CRD entry
   * @param katalogName {@code metadata.name} of the Katalog (part of every notice's throttle key)
   * @param notification the Katalog's notification block
   */
  public CompiledKatalogOperator(
      OperatorSpec spec,
      CrdEntry entry,
      String katalogName,
      io.orkestra.katalog.internal.model.NotificationBlock notification) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.entry = Objects.requireNonNull(entry, "entry");
    this.katalogName = Objects.requireNonNull(katalogName, "katalogName");
    this.notification = Objects.requireNonNull(notification, "notification");
    List<Planned> p = new ArrayList<>();
    HookTemplates onCreate = entry.reconcile().onCreate();
    HookTemplates onReconcile = entry.reconcile().onReconcile();
    onCreate
        .resources()
        .forEach(r -> p.add(new Planned(r, r.meta().reconcile() && !createOnly(r), true)));
    onReconcile.resources().forEach(r -> p.add(new Planned(r, !createOnly(r), false)));
    this.plan = List.copyOf(p);
    // every kind the entry can create, desired or not for a given resource: the applier lists
    // them so that a child whose condition turned false is found and deleted
    this.managedKinds =
        p.stream()
            .map(pl -> childKind(pl.template()))
            .filter(java.util.Objects::nonNull)
            .distinct()
            .toList();
    this.firstDeploymentName =
        p.stream()
            .map(Planned::template)
            .filter(ResourceTemplate.Deployment.class::isInstance)
            .map(r -> r.meta().name())
            .findFirst()
            .orElse(null);
  }

  @Override
  public OperatorSpec spec() {
    return spec;
  }

  /**
   * The bound CRD entry (for tools such as {@code ork template}).
   *
   * @return the entry
   */
  public CrdEntry entry() {
    return entry;
  }

  /**
   * The Katalog's {@code notification:} block.
   *
   * @return the block
   */
  public io.orkestra.katalog.internal.model.NotificationBlock notification() {
    return notification;
  }

  /**
   * The first {@code requeue} entry whose conditions pass names the delay; a templated delay that
   * does not render to a duration means no requeue (it must not fail a reconcile that succeeded).
   */
  @Override
  public java.time.Duration requeueAfter(ObjectNode cr, Clock clock) {
    return Requeues.after(entry.engine().requeue(), cr, clock);
  }

  @Override
  public DesiredState interpret(ObjectNode cr, ObservedState observed, Clock clock) {
    Objects.requireNonNull(cr, "cr");
    Objects.requireNonNull(observed, "observed");
    Objects.requireNonNull(clock, "clock");
    JsonNode metadata = cr.path("metadata");
    String name = metadata.path("name").asText("");
    if (name.isBlank()) {
      throw new OrkestraException(
          "custom resource of kind " + spec.kind() + " has no metadata.name");
    }
    String namespace = metadata.path("namespace").asText("");
    ResourceKey owner =
        ResourceKey.of(
            cr.path("apiVersion").asText(spec.apiVersion()),
            cr.path("kind").asText(spec.kind()),
            namespace,
            name);
    ObjectNode root = cr.objectNode();
    root.setAll(cr);
    root.set("children", ChildrenView.of(observed, managedKinds));
    List<RenderContext.Fired> fired = new ArrayList<>();
    RenderContext ctx = new RenderContext(new Scope(root, clock), name, namespace).collecting(fired);
    Map<ResourceKey, ChildResource> children = new LinkedHashMap<>();
    boolean onCreateBlock = ConditionEvaluator.test(entry.reconcile().onCreate().conditions(), ctx);
    boolean onReconcileBlock =
        ConditionEvaluator.test(entry.reconcile().onReconcile().conditions(), ctx);
    for (Planned planned : plan) {
      if (!(planned.onCreate() ? onCreateBlock : onReconcileBlock)) {
        continue; // not desired: the diff deletes it if it exists
      }
      ForEach forEach = planned.template().meta().forEach();
      List<RenderContext> expansions =
          forEach == null ? List.of(ctx) : ForEachExpansion.expand(forEach, cr, root, ctx);
      Map<ResourceKey, Integer> seen = new LinkedHashMap<>();
      for (int i = 0; i < expansions.size(); i++) {
        RenderContext each = expansions.get(i);
        if (!ConditionEvaluator.test(planned.template().meta().conditions(), each)) {
          continue;
        }
        ChildResource child = render(planned, each);
        Integer first = seen.putIfAbsent(child.key(), i);
        if (first != null && forEach != null) {
          throw ctx.fail(
              forEach.pos(),
              "forEach over "
                  + forEach.field()
                  + " renders "
                  + child.key().kind()
                  + " '"
                  + child.key().name()
                  + "' twice (items "
                  + first
                  + " and "
                  + i
                  + "); make the name depend on .item");
        }
        ChildResource earlier = children.get(child.key());
        children.put(
            child.key(),
            earlier == null
                ? child
                : new ChildResource(
                    child.key(), child.manifest(), child.drift() || earlier.drift()));
      }
    }
    ObjectNode status = StatusRenderer.render(entry.statusFields(), ctx);
    return new DesiredState(
        owner, new ArrayList<>(children.values()), status, managedKinds, notices(owner, fired));
  }

  /**
   * One notice per team of every {@code notify:} condition that was true (spec §7), once per
   * throttle key; none when {@code notification.enabled} is false. The message is {@code
   * notify.message}, else the team's {@code message}, else the default; a message template that
   * fails for this resource falls back to the default message with the reason appended, since a
   * notification must not fail the reconcile.
   */
  private List<io.orkestra.core.ConditionNotice> notices(
      ResourceKey owner, List<RenderContext.Fired> fired) {
    if (fired.isEmpty() || !notification.enabled()) {
      return List.of();
    }
    var config = notification;
    Map<String, io.orkestra.core.ConditionNotice> out = new LinkedHashMap<>();
    for (RenderContext.Fired f : fired) {
      io.orkestra.katalog.internal.model.Condition c = f.condition();
      RenderContext at = f.ctx();
      String field =
          c.fieldTemplate() != null ? c.fieldTemplate().source() : String.join(".", c.field());
      String value = c.value() == null ? "" : safeEval(c.value(), at, null);
      String condition =
          field + "|" + (c.negate() ? "!" : "") + c.operator().yamlName() + "|" + value;
      for (var team : Objects.requireNonNull(c.notifyBlock()).teams()) {
        var t = config.teams().get(team.value());
        String fallback =
            "[orkestra] " + at.crNamespace() + "/" + at.crName() + ": condition triggered";
        Template message =
            c.notifyBlock().message() != null
                ? c.notifyBlock().message()
                : t == null ? null : t.message();
        String text = message == null ? fallback : safeEval(message, at, fallback);
        java.time.Duration interval =
            t != null && t.interval() != null
                ? t.interval()
                : config.defaultInterval() != null
                    ? config.defaultInterval()
                    : io.orkestra.core.ConditionNotice.DEFAULT_INTERVAL;
        String url =
            t != null && t.slackWebhookUrl() != null
                ? t.slackWebhookUrl()
                : config.defaultSlackWebhookUrl();
        var notice =
            new io.orkestra.core.ConditionNotice(
                katalogName, spec.name(), owner, condition, team.value(), text, url, interval);
        out.putIfAbsent(notice.throttleKey(), notice);
      }
    }
    return List.copyOf(out.values());
  }

  private static String safeEval(Template t, RenderContext ctx, @Nullable String fallback) {
    try {
      return ctx.eval(t);
    } catch (OrkestraException e) {
      return fallback == null ? t.source() : fallback + " (message template failed: " + e.getMessage() + ")";
    }
  }

  private ChildResource render(Planned planned, RenderContext ctx) {
    ResourceTemplate t = planned.template();
    Manifests.Skeleton s;
    if (t instanceof ResourceTemplate.ConfigMap) {
      s = ConfigMapRenderer.render((ResourceTemplate.ConfigMap) t, ctx);
    } else if (t instanceof ResourceTemplate.Deployment) {
      s = DeploymentRenderer.render((ResourceTemplate.Deployment) t, ctx);
    } else if (t instanceof ResourceTemplate.Service) {
      s = ServiceRenderer.render((ResourceTemplate.Service) t, firstDeploymentName, ctx);
    } else if (t instanceof ResourceTemplate.Secret) {
      s = SecretRenderer.render((ResourceTemplate.Secret) t, ctx);
    } else {
      s = ShorthandRenderer.render((ResourceTemplate.Shorthand) t, ctx);
    }
    ResourceKey key =
        ResourceKey.of(
            s.manifest().path("apiVersion").asText(),
            s.manifest().path("kind").asText(),
            s.namespace(),
            s.name());
    return new ChildResource(key, s.manifest(), planned.drift());
  }

  /**
   * Children that are created and then left alone, wherever declared (spec §2.5): Jobs and
   * ServiceAccounts (Orkestra's runners never update them), and secrets with {@code once: true}.
   */
  private static boolean createOnly(ResourceTemplate t) {
    return t.kind() == io.orkestra.katalog.internal.model.ResourceKind.JOBS
        || t.kind() == io.orkestra.katalog.internal.model.ResourceKind.SERVICE_ACCOUNTS
        || (t instanceof ResourceTemplate.Secret s && s.once());
  }

  /**
   * The kind a template creates; for {@code custom}, only when {@code apiVersion} and {@code kind}
   * are literal (a templated kind is known once rendered, and {@link DesiredState} adds it then).
   */
  private static io.orkestra.core.@Nullable ChildKind childKind(ResourceTemplate t) {
    if (t.kind() != io.orkestra.katalog.internal.model.ResourceKind.CUSTOM) {
      return new io.orkestra.core.ChildKind(t.kind().apiVersion(), t.kind().kind());
    }
    var fields = ((ResourceTemplate.Shorthand) t).fields();
    if (fields.get("apiVersion") instanceof TemplateTree.Leaf a
        && fields.get("kind") instanceof TemplateTree.Leaf k
        && a.template().isLiteral()
        && k.template().isLiteral()) {
      return new io.orkestra.core.ChildKind(
          a.template().source().trim(), k.template().source().trim());
    }
    return null;
  }

  @Override
  public String toString() {
    return "CompiledKatalogOperator["
        + spec.name()
        + " "
        + spec.apiVersion()
        + " "
        + spec.kind()
        + "]";
  }
}
