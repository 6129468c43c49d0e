package io.orkestra.runtime.internal;

import io.orkestra.core.OrkestraException;
import io.orkestra.katalog.KatalogInterpreter;
import io.orkestra.katalog.NoteDoc;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ork notes [search KEYWORD | show NAME]}: browses the built-in template functions (the
 * "notes" of spec §6) offline.
 *
 * <ul>
 *   <li>{@code ork notes} lists every function by category: its call signature and a one-line
 *       description.
 *   <li>{@code ork notes search KEYWORD} lists those whose name, category or description contains
 *       the keyword (case-insensitive); none is exit 1 with a line on stderr.
 *   <li>{@code ork notes show NAME} prints one function with an example; an unknown name is exit
 *       2 with the closest name.
 * </ul>
 */
@Command(
    name = "notes",
    mixinStandardHelpOptions = true,
    description = {
      "Browse the built-in template functions (notes): list them all,",
      "search by keyword, or show one with an example."
    })
public final class NotesCommand implements Callable<Integer> {

  /** Exit code of a search that finds nothing. */
  static final int NO_MATCH = 1;

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    List<NoteDoc> all = KatalogInterpreter.notes();
    PrintWriter out = spec.commandLine().getOut();
    out.println(all.size() + " built-in notes (ork notes show NAME for an example):");
    print(out, all);
    out.flush();
    return 0;
  }

  /**
   * {@code ork notes search KEYWORD}.
   *
   * @param keyword the word to look for
   * @return 0 when something matched, 1 otherwise
   */
  @Command(
      name = "search",
      mixinStandardHelpOptions = true,
      description = "List the notes whose name, category or description contains KEYWORD.")
  int search(@Parameters(paramLabel = "KEYWORD", description = "Word to look for.") String keyword) {
    String kw = keyword.toLowerCase(Locale.ROOT).strip();
    List<NoteDoc> hits = new ArrayList<>();
    for (NoteDoc n : KatalogInterpreter.notes()) {
      String text = (n.name() + " " + n.category() + " " + n.description()).toLowerCase(Locale.ROOT);
      if (!kw.isEmpty() && text.contains(kw)) {
        hits.add(n);
      }
    }
    CommandLine cli = spec.commandLine().getSubcommands().get("search");
    if (hits.isEmpty()) {
      cli.getErr().println("no note matches '" + keyword + "'");
      return NO_MATCH;
    }
    print(cli.getOut(), hits);
    cli.getOut().flush();
    return 0;
  }

  /**
   * {@code ork notes show NAME}.
   *
   * @param name the function's name
   * @return 0
   * @throws OrkestraException (exit 2) for an unknown name
   */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show one note: signature, description and an example.")
  int show(@Parameters(paramLabel = "NAME", description = "Name of the note.") String name) {
    List<NoteDoc> all = KatalogInterpreter.notes();
    for (NoteDoc n : all) {
      if (n.name().equals(name)) {
        PrintWriter out = spec.commandLine().getSubcommands().get("show").getOut();
        out.println(n.name() + " (" + n.category() + ")");
        out.println("  usage:    " + n.signature());
        out.println("  " + n.description());
        out.println("  example:  " + n.example());
        out.flush();
        return 0;
      }
    }
    String closest = null;
    int best = Integer.MAX_VALUE;
    for (NoteDoc n : all) {
      int d = distance(name.toLowerCase(Locale.ROOT), n.name().toLowerCase(Locale.ROOT));
      if (d < best) {
        best = d;
        closest = n.name();
      }
    }
    String hint =
        closest != null && best <= Math.max(2, name.length() / 3)
            ? " (did you mean '" + closest + "'?)"
            : " (ork notes search KEYWORD finds notes)";
    throw new OrkestraException("unknown note '" + name + "'" + hint);
  }

  private static void print(PrintWriter out, List<NoteDoc> notes) {
    int width = 0;
    for (NoteDoc n : notes) {
      width = Math.max(width, n.signature().length());
    }
    String category = null;
    for (NoteDoc n : notes) {
      if (!n.category().equals(category)) {
        category = n.category();
        out.println();
        out.println(category);
      }
      out.println("  " + pad(n.signature(), width) + "  " + n.description());
    }
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(width - s.length());
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
