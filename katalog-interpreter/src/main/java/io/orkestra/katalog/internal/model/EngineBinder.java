package io.orkestra.katalog.internal.model;

import io.orkestra.core.NamespaceFilter;
import io.orkestra.core.QueuePolicy;
import io.orkestra.katalog.internal.support.GoDuration;
import io.orkestra.katalog.internal.support.Problems;
import io.orkestra.katalog.internal.template.Template;
import io.orkestra.katalog.internal.yaml.YMap;
import io.orkestra.katalog.internal.yaml.YNode;
import io.orkestra.katalog.internal.yaml.YScalar;
import io.orkestra.katalog.internal.yaml.YSeq;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Binds the reconcile-engine blocks of a CRD entry into {@link EngineBlocks} (spec sections 2.3,
 * 2.12). Shapes were already checked against {@link KatalogSchema}; this reads values and checks
 * ranges, reporting each problem at its YAML position.
 */
final class EngineBinder {

  private final Problems problems;
  private final Reader read;
  private final ConditionBinder conditions;

  EngineBinder(Problems problems, Reader read) {
    this.problems = problems;
    this.read = read;
    this.conditions = new ConditionBinder(read);
  }

  /**
   * Binds the blocks.
   *
   * @param entry the CRD entry
   * @param reconcile {@code operatorBox.reconcile} (or legacy {@code reconciler}), if present
   * @param runtime {@code operatorBox.runtime}, if present
   * @param security the Katalog's {@code security} block, if present
   */
  EngineBlocks bind(
      YMap entry, @Nullable YMap reconcile, @Nullable YMap runtime, @Nullable YMap security) {
    QueuePolicy queue = queue(reconcile == null ? null : read.map(reconcile.get("queue")));
    List<RequeueRule> rules = requeue(reconcile == null ? null : reconcile.get("requeue"));
    if (rules.size() == 1
        && rules.get(0).conditions().isEmpty()
        && rules.get(0).after() != null) {
      queue = queue.withRequeueAfter(rules.get(0).after());
    }
    return new EngineBlocks(queue, namespaces(entry, runtime, security), rules);
  }

  private QueuePolicy queue(@Nullable YMap q) {
    QueuePolicy policy = QueuePolicy.defaults();
    if (q == null) {
      return policy;
    }
    Integer maxDepth = wholeNumber(q.get("maxDepth"), 0, Integer.MAX_VALUE,
        "a whole number >= 0 (0 = unlimited)");
    if (maxDepth != null) {
      policy = policy.withMaxDepth(maxDepth);
    }
    Integer threshold = wholeNumber(q.get("failureThreshold"), 0, Integer.MAX_VALUE,
        "a whole number >= 1 (0 = default 5)");
    if (threshold != null && threshold > 0) {
      policy = policy.withFailureThreshold(threshold);
    }
    YNode backoff = q.get("retryBackoff");
    if (backoff instanceof YScalar) {
      Duration initial = positive(backoff);
      if (initial != null) {
        policy = policy.withRetryBackoff(initial, null);
      }
    } else if (backoff instanceof YMap b) {
      Duration initial = positive(b.get("initial"));
      Duration max = positive(b.get("max"));
      if (initial != null && max != null && max.compareTo(initial) < 0) {
        problems.error(
            b.get("max").pos(),
            b.childPath("max") + " (" + read.string(b.get("max")) + ") must not be shorter than "
                + b.childPath("initial") + " (" + read.string(b.get("initial")) + ")");
        max = initial;
      }
      policy = policy.withRetryBackoff(initial, max);
      double multiplier = policy.multiplier();
      YNode m = b.get("multiplier");
      String text = read.string(m);
      if (m != null && text != null) {
        try {
          multiplier = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
          multiplier = Double.NaN;
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
          problems.error(m.pos(), m.path() + " must be a number >= 1, got '" + text + "'");
          multiplier = policy.multiplier();
        }
      }
      Integer attempts = wholeNumber(b.get("maxAttempts"), 0, Integer.MAX_VALUE,
          "a whole number >= 0 (0 = unlimited)");
      policy = policy.withRetryLimits(multiplier, attempts == null ? 0 : attempts);
    }
    return policy;
  }

  private List<RequeueRule> requeue(@Nullable YNode node) {
    List<RequeueRule> rules = new ArrayList<>();
    if (node instanceof YMap m) {
      addRule(m, rules);
    } else if (node instanceof YSeq s) {
      for (YNode item : s.items()) {
        YMap m = read.map(item);
        if (m != null) {
          addRule(m, rules);
        }
      }
    }
    return rules;
  }

  private void addRule(YMap m, List<RequeueRule> rules) {
    YNode after = m.get("after");
    Conditions when = conditions.bind(m);
    if (after == null || (after instanceof YScalar s && s.isNull())) {
      if (!when.isEmpty()) {
        problems.error(m.pos(), m.path() + " has conditions but no 'after' duration");
      }
      return; // empty = no requeue
    }
    String text = read.string(after);
    if (text == null) {
      return;
    }
    if (text.contains("{{")) {
      Template t = read.template(after);
      if (t != null) {
        rules.add(new RequeueRule(when, null, t));
      }
      return;
    }
    Duration d = duration(after, text);
    if (d != null) {
      rules.add(new RequeueRule(when, d, null));
    }
  }

  private NamespaceFilter namespaces(
      YMap entry, @Nullable YMap runtime, @Nullable YMap security) {
    String namespace = read.string(entry.get("namespace"));
    Set<String> allowed = new LinkedHashSet<>();
    Set<String> restricted = new LinkedHashSet<>();
    names(entry.get("allowedNamespaces"), allowed);
    names(entry.get("restrictedNamespaces"), restricted);
    if (runtime != null) {
      names(runtime.get("allowedNamespaces"), allowed);
      names(runtime.get("restrictedNamespaces"), restricted);
    }
    YMap protection = security == null ? null : read.map(security.get("namespaceProtection"));
    if (protection != null && !Boolean.FALSE.equals(read.bool(protection.get("enabled")))) {
      names(protection.get("allowedNamespaces"), allowed);
      names(protection.get("restrictedNamespaces"), restricted);
    }
    return new NamespaceFilter(namespace, allowed, restricted);
  }

  private void names(@Nullable YNode node, Set<String> into) {
    YSeq seq = read.list(node);
    if (seq == null) {
      return;
    }
    for (YNode item : seq.items()) {
      String s = read.string(item);
      if (s != null && !s.isBlank()) {
        into.add(s.trim());
      }
    }
  }

  /**
   * A whole number in range. Values that are not whole numbers were reported by the schema check
   * already, so only the range is reported here.
   */
  private @Nullable Integer wholeNumber(@Nullable YNode node, int min, int max, String rule) {
    if (node instanceof YScalar s
        && s.value().canConvertToInt()
        && s.value().isIntegralNumber()) {
      return read.integer(node, min, max, rule);
    }
    return null;
  }

  private @Nullable Duration positive(@Nullable YNode node) {
    String text = read.string(node);
    if (node == null || text == null) {
      return null;
    }
    Duration d = duration(node, text);
    if (d != null && d.isZero()) {
      problems.error(node.pos(), node.path() + " must be longer than 0, got '" + text + "'");
      return null;
    }
    return d;
  }

  /** A duration; syntax and sign were reported by the schema check, so failures are quiet. */
  private static @Nullable Duration duration(YNode node, String text) {
    try {
      Duration d = GoDuration.parse(text.trim());
      return d.isNegative() ? null : d;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

}
