package io.orkestra.oci.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** sha256 digests in OCI form ({@code sha256:<64 hex>}). */
public final class Digests {

  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  private Digests() {}

  /**
   * A fresh sha256 message digest.
   *
   * @return the digest
   */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * Digest of bytes.
   *
   * @param bytes content
   * @return {@code sha256:<hex>}
   */
  public static String of(byte[] bytes) {
    return format(sha256().digest(bytes));
  }

  /**
   * Formats a finished sha256.
   *
   * @param hash 32 bytes
   * @return {@code sha256:<hex>}
   */
  public static String format(byte[] hash) {
    return "sha256:" + HexFormat.of().formatHex(hash);
  }

  /**
   * Checks the form of a digest, so that it is safe in a path or URL.
   *
   * @param digest the digest
   * @return the digest
   * @throws IllegalArgumentException when it is not {@code sha256:<64 lowercase hex>}
   */
  public static String check(String digest) {
    if (!DIGEST.matcher(digest).matches()) {
      throw new IllegalArgumentException("unsupported digest '" + digest + "' (want sha256:<64 lowercase hex>)");
    }
    return digest;
  }

  /**
   * The hex part.
   *
   * @param digest a checked digest
   * @return 64 hex characters
   */
  public static String hex(String digest) {
    return check(digest).substring("sha256:".length());
  }
}
