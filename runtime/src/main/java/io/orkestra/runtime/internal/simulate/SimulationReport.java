package io.orkestra.runtime.internal.simulate;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The text report of {@code ork simulate}: per custom resource, the writes of each cycle ({@code
 * +} created, {@code ~} updated, {@code -} deleted; runs of cycles that wrote nothing collapsed),
 * where the steady state began, then one line per assertion ({@code ✓}/{@code ✗}; a failure names
 * the assertion's {@code file:line:column} and why), then {@code PASS}/{@code FAIL}.
 */
final class SimulationReport {

  private SimulationReport() {}

  static void text(SimulateCommand.FileReport report, boolean debugOps, PrintWriter out) {
    out.println("Simulating " + report.file() + " (" + report.cycles() + " cycles)");
    for (String note : report.notes()) {
      out.println("  note: " + note);
    }
    int passed = 0;
    int total = 0;
    for (SimulateCommand.CrdReport crd : report.crds()) {
      for (SimulationRunner.ResourceRun r : crd.run().resources()) {
        out.println();
        String ns = r.key().namespace().isEmpty() ? "" : r.key().namespace() + "/";
        out.println("  " + crd.run().crd() + " " + ns + r.key().name());
        cycles(r.cycles(), debugOps, out);
        if (r.steadyAt().isPresent()) {
          out.println("    \u2713 steady state at cycle " + r.steadyAt().getAsInt());
        } else {
          out.println("    ~ no steady state within " + r.cycles().size() + " cycles");
        }
      }
      if (!crd.verdicts().isEmpty()) {
        out.println();
        out.println("  Assertions (" + crd.run().crd() + "):");
      }
      for (Verdicts.Verdict v : crd.verdicts()) {
        total++;
        if (v.passed()) {
          passed++;
          out.println("    \u2713 " + v.description());
        } else {
          out.println("    \u2717 " + v.pos() + ": " + v.description() + ": " + v.message());
        }
      }
    }
    out.println();
    String time = String.format(Locale.ROOT, "%.1f ms", report.micros() / 1000.0);
    if (!report.asserted()) {
      out.println((report.passed() ? "DONE" : "FAIL") + ": no expect block, "
          + (report.passed() ? "nothing asserted" : "a reconcile failed") + " (" + time + ")");
    } else {
      out.println((report.passed() ? "PASS" : "FAIL") + ": " + passed + "/" + total
          + " assertions passed"
          + (report.passed() || passed < total ? "" : ", but a reconcile failed")
          + " (" + time + ")");
    }
    out.println();
  }

  private static void cycles(List<SimulationRunner.Cycle> cycles, boolean debugOps,
      PrintWriter out) {
    int quietFrom = 0;
    for (SimulationRunner.Cycle c : cycles) {
      boolean quiet = c.ops().isEmpty() && c.error() == null;
      if (quiet && !debugOps) {
        if (quietFrom == 0) {
          quietFrom = c.cycle();
        }
        continue;
      }
      quietFrom = flushQuiet(quietFrom, c.cycle() - 1, out);
      out.println("    Cycle " + c.cycle() + ":" + (c.ops().isEmpty() && c.error() == null
          ? " no writes" : ""));
      for (FakeCluster.Op op : c.ops()) {
        String icon = switch (op.verb()) {
          case "create" -> "+";
          case "delete" -> "-";
          default -> "~";
        };
        out.println("      " + icon + " " + op.resource() + "/" + op.name()
            + (debugOps ? "  (" + op.verb() + (op.namespace().isEmpty() ? ""
                : ", namespace " + op.namespace()) + ")" : ""));
      }
      if (c.error() != null) {
        out.println("      \u2717 reconcile failed: " + c.error());
      }
    }
    flushQuiet(quietFrom, cycles.size(), out);
  }

  private static int flushQuiet(int from, int to, PrintWriter out) {
    if (from > 0 && to >= from) {
      out.println(from == to ? "    (cycle " + from + ": no writes)"
          : "    (cycles " + from + "\u2013" + to + ": no writes)");
    }
    return 0;
  }
}
