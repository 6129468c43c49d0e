package io.orkestra.runtime.internal.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.orkestra.katalog.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Checks the {@code expect} block of a simulate file against a {@link SimulationRunner.CrdRun}.
 *
 * <p>Semantics (Orkestra's, extended to several custom resources per CRD): an {@code ops} rule
 * passes when at least {@code count} (default 1) writes of its cycle, over all resources of the
 * CRD, match every field it gives; an {@code absent} rule when none does; {@code steady} when
 * every resource's run ends with a cycle that wrote nothing; {@code steadyAt: N} when, in
 * addition, each quiet streak starts at cycle N or earlier; {@code noErrors} when no reconcile
 * failed. Verbs {@code patch} and {@code apply} match updates (the runtime brings a drifted child
 * back with one write, recorded as {@code update}); resources are plural lowercase ({@code
 * deployments}), a singular or capitalised kind is accepted. A status rule compares the value at
 * its path after its cycle (default: the last), numbers by value, other scalars by text.
 */
public final class Verdicts {

  private Verdicts() {}

  /**
   * The outcome of one assertion.
   *
   * @param description what was asserted, e.g. {@code create deployments/web (cycle 1)}
   * @param passed whether it holds
   * @param message why it failed, or {@code null}
   * @param pos where it is written
   */
  public record Verdict(String description, boolean passed, @Nullable String message,
      Simulation.Position pos) {}

  /**
   * Checks an expect block.
   *
   * @param expect the block for this CRD ({@link Simulation.Expect#forCrd})
   * @param run the run
   * @return one verdict per assertion, in file order (steady, steadyAt, noErrors, ops, absent,
   *     status)
   */
  public static List<Verdict> check(Simulation.Expect expect, SimulationRunner.CrdRun run) {
    List<Verdict> out = new ArrayList<>();
    if (expect.steady() != null && expect.steady().value()) {
      List<String> unsteady = new ArrayList<>();
      for (SimulationRunner.ResourceRun r : run.resources()) {
        if (r.steadyAt().isEmpty()) {
          List<SimulationRunner.Cycle> cs = r.cycles();
          SimulationRunner.Cycle last = cs.get(cs.size() - 1);
          unsteady.add(r.key().name() + " (cycle " + last.cycle() + " wrote: " + ops(last.ops())
              + ")");
        }
      }
      out.add(new Verdict("steady", unsteady.isEmpty(),
          unsteady.isEmpty() ? null
              : "no steady state within the cycle limit: " + String.join(", ", unsteady),
          expect.steady().pos()));
    }
    if (expect.steadyAt() != null) {
      int limit = expect.steadyAt().value();
      List<String> late = new ArrayList<>();
      for (SimulationRunner.ResourceRun r : run.resources()) {
        OptionalInt at = r.steadyAt();
        if (at.isEmpty()) {
          late.add(r.key().name() + " never steady");
        } else if (at.getAsInt() > limit) {
          late.add(r.key().name() + " steady at cycle " + at.getAsInt());
        }
      }
      out.add(new Verdict("steadyAt <= " + limit, late.isEmpty(),
          late.isEmpty() ? null : "expected steady at cycle " + limit + " or earlier: "
              + String.join(", ", late),
          expect.steadyAt().pos()));
    }
    if (expect.noErrors() != null && expect.noErrors().value()) {
      List<String> errors = new ArrayList<>();
      for (SimulationRunner.ResourceRun r : run.resources()) {
        for (SimulationRunner.Cycle c : r.cycles()) {
          if (c.error() != null) {
            errors.add("cycle " + c.cycle() + " " + r.key().name() + ": " + c.error());
          }
        }
      }
      out.add(new Verdict("noErrors", errors.isEmpty(),
          errors.isEmpty() ? null : errors.get(0)
              + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""),
          expect.noErrors().pos()));
    }
    for (Simulation.OpRule rule : expect.ops()) {
      List<FakeCluster.Op> matching = matching(run, rule);
      int min = Math.max(1, rule.count());
      boolean ok = matching.size() >= min;
      int ran = cyclesRan(run);
      out.add(new Verdict(describe(rule) + (rule.count() > 1 ? " x" + rule.count() : ""), ok,
          ok ? null : rule.cycle() > ran
              ? "cycle " + rule.cycle() + " never ran (the run had " + ran + " cycles)"
              : "expected at least " + min + " matching op" + (min == 1 ? "" : "s")
                  + " in cycle " + rule.cycle() + ", found " + matching.size()
                  + " (cycle " + rule.cycle() + " wrote: " + ops(cycleOps(run, rule.cycle()))
                  + ")",
          rule.pos()));
    }
    for (Simulation.OpRule rule : expect.absent()) {
      List<FakeCluster.Op> matching = matching(run, rule);
      out.add(new Verdict("absent: " + describe(rule), matching.isEmpty(),
          matching.isEmpty() ? null : "expected no matching op in cycle " + rule.cycle()
              + ", found " + matching.size() + ": " + ops(matching),
          rule.pos()));
    }
    for (Simulation.StatusRule rule : expect.status()) {
      out.add(status(rule, run));
    }
    return out;
  }

  private static Verdict status(Simulation.StatusRule rule, SimulationRunner.CrdRun run) {
    String description = "status." + rule.path() + " = " + rule.value()
        + (rule.name() != null ? " (" + rule.name() + ")" : "")
        + (rule.cycle() != null ? " after cycle " + rule.cycle() : "");
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (SimulationRunner.ResourceRun r : run.resources()) {
      if (rule.name() != null && !rule.name().equals(r.key().name())) {
        continue;
      }
      checked++;
      int index = rule.cycle() == null ? r.cycles().size() : rule.cycle();
      if (index > r.cycles().size()) {
        problems.add("only " + r.cycles().size() + " cycles ran");
        continue;
      }
      SimulationRunner.Cycle c = r.cycles().get(index - 1);
      if (c.status() == null) {
        problems.add(r.key().name() + " has no status after cycle " + c.cycle());
        continue;
      }
      JsonNode actual = at(c.status(), rule.path());
      if (!same(actual, rule.value())) {
        problems.add(r.key().name() + " has "
            + (actual.isMissingNode() ? "no such field" : actual.toString())
            + " after cycle " + c.cycle());
      }
    }
    if (checked == 0) {
      problems.add(rule.name() != null
          ? "no custom resource named " + rule.name() : "no custom resource to check");
    }
    return new Verdict(description, problems.isEmpty(),
        problems.isEmpty() ? null : String.join("; ", problems), rule.pos());
  }

  /**
   * The node at a path such as {@code a.b[0].c} or {@code conditions[type=Ready].status}.
   *
   * @param root the tree
   * @param path the path
   * @return the node, or a missing node
   */
  static JsonNode at(JsonNode root, String path) {
    JsonNode node = root;
    for (String part : path.split("\\.")) {
      String field = part;
      List<String> selectors = new ArrayList<>();
      int bracket = part.indexOf('[');
      if (bracket >= 0) {
        field = part.substring(0, bracket);
        for (String s : part.substring(bracket + 1).split("\\[")) {
          selectors.add(s.endsWith("]") ? s.substring(0, s.length() - 1) : s);
        }
      }
      if (!field.isEmpty()) {
        node = node.path(field);
      }
      for (String s : selectors) {
        int eq = s.indexOf('=');
        if (eq > 0) {
          JsonNode found = MissingNode.getInstance();
          for (JsonNode item : node) {
            if (item.path(s.substring(0, eq)).asText().equals(s.substring(eq + 1))) {
              found = item;
              break;
            }
          }
          node = found;
        } else {
          try {
            node = node.path(Integer.parseInt(s));
          } catch (NumberFormatException e) {
            return MissingNode.getInstance();
          }
        }
      }
    }
    return node;
  }

  private static boolean same(JsonNode actual, JsonNode expected) {
    if (actual.isMissingNode()) {
      return false;
    }
    if (actual.isNumber() && expected.isNumber()) {
      return actual.decimalValue().compareTo(expected.decimalValue()) == 0;
    }
    if (actual.isValueNode() && expected.isValueNode()) {
      return actual.asText().equals(expected.asText());
    }
    return actual.equals(expected);
  }

  /**
   * Whether two trees are equal, numbers compared by value ({@code 3} equals {@code 3.0}).
   *
   * @param a one tree
   * @param b the other
   * @return {@code true} when equal
   */
  static boolean sameTree(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      var it = a.fields();
      while (it.hasNext()) {
        var f = it.next();
        JsonNode other = b.get(f.getKey());
        if (other == null || !sameTree(f.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!sameTree(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  private static int cyclesRan(SimulationRunner.CrdRun run) {
    return run.resources().stream().mapToInt(r -> r.cycles().size()).max().orElse(0);
  }

  private static List<FakeCluster.Op> cycleOps(SimulationRunner.CrdRun run, int cycle) {
    List<FakeCluster.Op> ops = new ArrayList<>();
    for (SimulationRunner.ResourceRun r : run.resources()) {
      if (cycle >= 1 && cycle <= r.cycles().size()) {
        ops.addAll(r.cycles().get(cycle - 1).ops());
      }
    }
    return ops;
  }

  private static List<FakeCluster.Op> matching(SimulationRunner.CrdRun run, Simulation.OpRule rule) {
    return cycleOps(run, rule.cycle()).stream().filter(op -> matches(op, rule)).toList();
  }

  static boolean matches(FakeCluster.Op op, Simulation.OpRule rule) {
    if (rule.verb() != null) {
      String verb = rule.verb().equals("patch") || rule.verb().equals("apply") ? "update"
          : rule.verb();
      if (!verb.equals(op.verb())) {
        return false;
      }
    }
    if (rule.resource() != null) {
      String r = rule.resource().toLowerCase(Locale.ROOT);
      if (!r.equals(op.resource()) && !FakeCluster.plural(rule.resource()).equals(op.resource())) {
        return false;
      }
    }
    return rule.name() == null || rule.name().equals(op.name());
  }

  private static String describe(Simulation.OpRule rule) {
    return (rule.verb() == null ? "any" : rule.verb()) + " "
        + (rule.resource() == null ? "*" : rule.resource())
        + (rule.name() == null ? "" : "/" + rule.name())
        + " (cycle " + rule.cycle() + ")";
  }

  private static String ops(List<FakeCluster.Op> ops) {
    return ops.isEmpty() ? "nothing"
        : ops.stream().map(FakeCluster.Op::toString).collect(Collectors.joining(", "));
  }
}
