package io.orkestra.oci.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orkestra.core.OrkestraException;
import io.orkestra.oci.OciDescriptor;
import io.orkestra.oci.OciReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The cache: a content-addressed blob store ({@code <root>/_blobs/sha256/<hex>}) and Orkestra's
 * artifact directories ({@code <root>/<host, ':'→'_'>/<repo>/<tag or sha256_hex>/}), each holding
 * one file per layer plus a {@code .orkestra-digest} marker. Directories are built in a temp
 * sibling and renamed into place. All methods block (file I/O): call them on boundedElastic.
 */
public final class ArtifactCache {

  /** Marker file holding the manifest digest of an artifact directory. */
  public static final String MARKER = ".orkestra-digest";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;

  /**
   * Creates the cache view.
   *
   * @param root cache root
   */
  public ArtifactCache(Path root) {
    this.root = root;
  }

  /**
   * Blob store path of a digest.
   *
   * @param digest digest
   * @return path
   */
  public Path blob(String digest) {
    return root.resolve("_blobs").resolve("sha256").resolve(Digests.hex(digest));
  }

  /**
   * Temp directory of the blob store (same file system, for atomic renames).
   *
   * @return path
   */
  public Path tempDir() {
    return root.resolve("_blobs").resolve("tmp");
  }

  /**
   * Artifact directory of a reference (digest wins over tag).
   *
   * @param ref reference
   * @return path
   */
  public Path directory(OciReference ref) {
    String leaf = ref.digest() != null ? ref.digest().replace(':', '_') : ref.tag();
    Path dir = root.resolve(ref.cacheHost());
    for (String segment : ref.repository().split("/")) {
      dir = dir.resolve(segment);
    }
    return dir.resolve(leaf);
  }

  /**
   * Whether the blob store holds a blob whose content still has its digest.
   *
   * @param digest digest
   * @return true when present and intact
   */
  public boolean hasVerifiedBlob(String digest) {
    Path p = blob(digest);
    return Files.isRegularFile(p) && digestOf(p).equals(digest);
  }

  /**
   * Stores bytes under their digest (temp + atomic rename).
   *
   * @param digest digest of bytes
   * @param bytes content
   */
  public void storeBlob(String digest, byte[] bytes) {
    try {
      Path target = blob(digest);
      Files.createDirectories(target.getParent());
      Files.createDirectories(tempDir());
      Path tmp = tempDir().resolve("put-" + UUID.randomUUID());
      Files.write(tmp, bytes);
      atomicMove(tmp, target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns the titles of a cached artifact directory when its marker says {@code digest}, its
   * manifest is in the blob store with that digest, and every layer file has its layer digest.
   *
   * @param dir artifact directory
   * @param digest expected manifest digest
   * @return the layer titles, or empty when missing or not intact
   */
  public Optional<List<String>> verified(Path dir, String digest) {
    try {
      Path marker = dir.resolve(MARKER);
      if (!Files.isRegularFile(marker)
          || !Files.readString(marker, StandardCharsets.UTF_8).strip().equals(digest)
          || !hasVerifiedBlob(digest)) {
        return Optional.empty();
      }
      List<String> titles = new ArrayList<>();
      for (OciDescriptor layer : layers(JSON.readTree(Files.readAllBytes(blob(digest))))) {
        if (layer.title().isEmpty()) {
          continue;
        }
        Path file = resolveTitle(dir, layer.title().get(), "cached artifact");
        if (!Files.isRegularFile(file) || !digestOf(file).equals(layer.digest())) {
          return Optional.empty();
        }
        titles.add(layer.title().get());
      }
      return Optional.of(titles);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Builds an artifact directory from blobs already in the store: all titles are checked first,
   * then files are copied into a temp sibling that is renamed into place.
   *
   * @param dir target directory
   * @param digest manifest digest (written to the marker)
   * @param layers the layers
   * @param what reference text for messages
   * @return the titles written
   */
  public List<String> materialize(Path dir, String digest, List<OciDescriptor> layers, String what) {
    List<String> titles = new ArrayList<>();
    for (OciDescriptor layer : layers) {
      layer.title().ifPresent(t -> titles.add(checkTitle(t, what)));
    }
    Path tmp = dir.resolveSibling(".tmp-" + UUID.randomUUID());
    try {
      Files.createDirectories(tmp);
      for (OciDescriptor layer : layers) {
        if (layer.title().isPresent()) {
          Path target = resolveTitle(tmp, layer.title().get(), what);
          Files.createDirectories(target.getParent());
          Files.copy(blob(layer.digest()), target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.writeString(tmp.resolve(MARKER), digest + "\n", StandardCharsets.UTF_8);
      replaceDirectory(tmp, dir, digest);
      return titles;
    } catch (IOException e) {
      deleteTree(tmp);
      throw new OrkestraException("cannot write " + what + " into the cache at " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Copies an artifact's files (by title) to another directory.
   *
   * @param from cached artifact directory
   * @param titles titles to copy
   * @param to output directory
   * @param what reference text for messages
   */
  public static void copyFiles(Path from, List<String> titles, Path to, String what) {
    try {
      for (String title : titles) {
        Path target = resolveTitle(to, title, what);
        Files.createDirectories(target.getParent());
        Files.copy(resolveTitle(from, title, what), target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new OrkestraException("cannot write " + what + " into " + to + ": " + e.getMessage(), e);
    }
  }

  private void replaceDirectory(Path tmp, Path dir, String digest) throws IOException {
    Files.createDirectories(dir.getParent());
    Path old = null;
    if (Files.exists(dir)) {
      old = dir.resolveSibling(".old-" + UUID.randomUUID());
      try {
        Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        old = null; // another process moved it first
      }
    }
    try {
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      // a concurrent process installed it; keep theirs when it is the same artifact
      deleteTree(tmp);
      if (verified(dir, digest).isEmpty()) {
        throw new IOException("a concurrent writer left a different artifact in " + dir);
      }
    }
    if (old != null) {
      deleteTree(old);
    }
  }

  /**
   * Checks that a layer title stays inside the artifact directory.
   *
   * @param title the title
   * @param what reference text for messages
   * @return the title
   */
  public static String checkTitle(String title, String what) {
    boolean bad = title.isEmpty() || title.startsWith("/") || title.contains("\\") || title.indexOf('\0') >= 0
        || title.matches("^[A-Za-z]:.*") || title.startsWith(MARKER);
    if (!bad) {
      for (String segment : title.split("/", -1)) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
          bad = true;
          break;
        }
      }
    }
    if (bad) {
      throw new OrkestraException("refusing layer title '" + title + "' of " + what
          + ": it is absolute or escapes the target directory");
    }
    return title;
  }

  private static Path resolveTitle(Path dir, String title, String what) {
    checkTitle(title, what);
    Path p = dir.resolve(title).normalize();
    if (!p.startsWith(dir.normalize())) {
      throw new OrkestraException("refusing layer title '" + title + "' of " + what + ": escapes the target directory");
    }
    return p;
  }

  /**
   * Layers of a manifest.
   *
   * @param manifest JSON
   * @return descriptors
   */
  public static List<OciDescriptor> layers(JsonNode manifest) {
    List<OciDescriptor> out = new ArrayList<>();
    manifest.path("layers").forEach(n -> out.add(RegistryClient.descriptor(n)));
    return out;
  }

  /**
   * sha256 of a file.
   *
   * @param file file
   * @return digest
   */
  public static String digestOf(Path file) {
    MessageDigest md = Digests.sha256();
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Digests.format(md.digest());
  }

  private static void atomicMove(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Deletes a directory tree, ignoring errors.
   *
   * @param dir the tree
   */
  public static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort
        }
      });
    } catch (IOException ignored) {
      // best effort
    }
  }
}
