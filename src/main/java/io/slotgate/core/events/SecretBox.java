package io.slotgate.core.events;

import io.quarkus.runtime.Startup;
import io.slotgate.config.SlotgateConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Subscription secrets at rest: AES-256-GCM under {@code slotgate.hub.secret-key} (from the environment),
 * stored as {@code v1:<base64(nonce | ciphertext | tag)>}. A database dump alone cannot forge a webhook.
 * Made at start, so that a missing or malformed key stops the start instead of the first subscription.
 */
@Startup
@ApplicationScoped
public class SecretBox {

  static final String PREFIX = "v1:";
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;

  private final SecretKey key;
  private final SecureRandom random = new SecureRandom();

  public SecretBox(SlotgateConfig config) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(config.hub().secretKey().trim());
    } catch (IllegalArgumentException e) {
      raw = new byte[0];
    }
    if (raw.length != 32) {
      throw new IllegalStateException("slotgate.hub.secret-key (SLOTGATE_HUB_SECRET_KEY) must be 32 random bytes in "
          + "base64, such as the output of: openssl rand -base64 32");
    }
    this.key = new SecretKeySpec(raw, "AES");
  }

  /** The stored form of a secret. */
  public String seal(String secret) {
    try {
      byte[] nonce = new byte[NONCE];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE + sealed.length).put(nonce)
          .put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot encrypt a subscription secret", e);
    }
  }

  /** The secret of a stored form; a row from before encryption (no prefix) is its own secret until re-sealed. */
  public String open(String stored) {
    if (stored == null || !sealed(stored)) {
      return stored;
    }
    try {
      byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE));
      return new String(cipher.doFinal(all, NONCE, all.length - NONCE), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("A subscription secret does not decrypt with slotgate.hub.secret-key "
          + "(was the key changed?)", e);
    }
  }

  public static boolean sealed(String stored) {
    return stored.startsWith(PREFIX);
  }
}
