package dlt.loadtester.target;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bearer tokens of {@code POST /login}: a random nonce signed with a key of this target instance,
 * so {@code GET /me} can check a token was issued here without remembering every token (a load
 * test may log in millions of times).
 */
final class Tokens {
  private static final String ALGORITHM = "HmacSHA256";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BYTES = 16;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SecureRandom random = new SecureRandom();
  private final SecretKeySpec key;

  Tokens() {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    this.key = new SecretKeySpec(secret, ALGORITHM);
  }

  String issue() {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    String encodedNonce = ENCODER.encodeToString(nonce);
    return encodedNonce + "." + ENCODER.encodeToString(tag(encodedNonce));
  }

  boolean isValid(String token) {
    int dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.')) {
      return false;
    }
    byte[] presented;
    try {
      presented = DECODER.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
    return MessageDigest.isEqual(presented, tag(token.substring(0, dot)));
  }

  private byte[] tag(String encodedNonce) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return Arrays.copyOf(mac.doFinal(encodedNonce.getBytes(StandardCharsets.US_ASCII)), TAG_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
