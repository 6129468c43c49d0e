package io.orkestra.oci.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orkestra.core.OrkestraException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code orkestra.lock}: reference → manifest digest, as JSON (a YAML subset, so YAML tools read
 * it too; YAML parsing stays in katalog-interpreter). Blocking file I/O: call on boundedElastic.
 *
 * <pre>
 * {"lockVersion": 1, "artifacts": {"ghcr.io/org/patterns/pg:v14": {"digest": "sha256:…"}}}
 * </pre>
 *
 * Writes go to a temp file renamed over the lock (atomic); writers in one JVM are serialized.
 */
public final class LockFile {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Object WRITE_LOCK = new Object();

  private LockFile() {}

  /**
   * The locked digest of a reference.
   *
   * @param file the lock file
   * @param key the reference key
   * @return the digest, when locked
   */
  public static Optional<String> lookup(Path file, String key) {
    JsonNode entry = read(file).path("artifacts").path(key);
    return entry.hasNonNull("digest") ? Optional.of(entry.get("digest").asText()) : Optional.empty();
  }

  /**
   * Records (or moves) the digest of a reference.
   *
   * @param file the lock file
   * @param key the reference key
   * @param digest the digest
   */
  public static void record(Path file, String key, String digest) {
    synchronized (WRITE_LOCK) {
      ObjectNode root = read(file);
      root.put("lockVersion", 1);
      ObjectNode artifacts = root.has("artifacts") && root.get("artifacts").isObject()
          ? (ObjectNode) root.get("artifacts") : root.putObject("artifacts");
      artifacts.putObject(key).put("digest", digest);
      try {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve(".orkestra.lock." + UUID.randomUUID() + ".tmp");
        Files.write(tmp, JSON.writeValueAsBytes(root));
        try {
          Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException e) {
        throw new OrkestraException("cannot write lock file " + file + ": " + e.getMessage(), e);
      }
    }
  }

  private static ObjectNode read(Path file) {
    if (!Files.exists(file)) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode n = JSON.readTree(file.toFile());
      if (n == null || !n.isObject()) {
        throw new OrkestraException("lock file " + file + " is not a JSON object");
      }
      return (ObjectNode) n;
    } catch (IOException e) {
      throw new OrkestraException("cannot read lock file " + file + ": " + e.getMessage(), e);
    }
  }
}
