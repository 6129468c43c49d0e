package io.orkestra.notify.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reading the end of a child process log for error messages. */
final class Logs {

  private Logs() {}

  /** The last {@code lines} lines of {@code file}, or a note when it cannot be read. */
  static String tail(Path file, int lines) {
    try {
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      List<String> all = text.lines().toList();
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(log " + file + " unreadable: " + e.getMessage() + ")";
    }
  }
}
