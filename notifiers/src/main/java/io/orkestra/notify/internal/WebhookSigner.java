package io.orkestra.notify.internal;

import io.orkestra.core.OrkestraException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code sha256=<lowercase hex of HMAC-SHA256(secret, body)>}. The key is initialised once, in the
 * constructor (JCA provider lookup may read files, so never on an event loop); each signature
 * works on a clone. Holds the key, so it has no {@code toString} showing it.
 */
public final class WebhookSigner {

  private static final String ALGORITHM = "HmacSHA256";
  private final Mac prototype;

  /**
   * Initialises the key.
   *
   * @param secret the shared secret (its UTF-8 bytes are the key)
   */
  public WebhookSigner(String secret) {
    this(secret.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Initialises the key.
   *
   * @param key the key bytes
   */
  public WebhookSigner(byte[] key) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      this.prototype = mac;
    } catch (GeneralSecurityException e) {
      // the message of a key failure could describe the key: keep only the type
      throw new OrkestraException("cannot initialise HMAC-SHA256 (" + e.getClass().getName() + ")");
    }
  }

  /**
   * The signature header value of a body.
   *
   * @param body the exact bytes sent
   * @return {@code sha256=<64 lowercase hex digits>}
   */
  public String sign(byte[] body) {
    Mac mac;
    try {
      mac = (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new OrkestraException("HMAC-SHA256 provider does not support clone()");
    }
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
  }

  @Override
  public String toString() {
    return "WebhookSigner[HmacSHA256]";
  }
}
