package io.orkestra.katalog.internal.load;

import io.orkestra.katalog.internal.support.Problems;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Reads files as UTF-8 text, turning failures into whole-file diagnostics. */
final class SourceFiles {
  private SourceFiles() {}

  /**
   * How a path is shown to users: as given (relative stays relative), with {@code /}.
   *
   * @param path the path
   * @return the display name
   */
  static String display(Path path) {
    return path.toString().replace('\\', '/');
  }

  /**
   * Reads a file.
   *
   * @param path the file
   * @param what what the file is, for the not-found message (such as {@code katalog file})
   * @param problems where problems go
   * @return the text, or {@code null} after recording why it could not be read
   */
  static @Nullable String read(Path path, String what, Problems problems) {
    String display = display(path);
    if (!Files.exists(path)) {
      problems.fileError(display, what + " not found: " + display);
      return null;
    }
    if (Files.isDirectory(path)) {
      problems.fileError(display, what + " is a directory, expected a file: " + display);
      return null;
    }
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      problems.fileError(display, display + ": not valid UTF-8 text");
    } catch (IOException e) {
      problems.fileError(display, display + ": cannot read: " + e.getMessage());
    }
    return null;
  }
}
