package io.lambdascaling.function;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2 through the JDK's provider. One instance per thread: {@link SecretKeyFactory} is not
 * thread-safe.
 */
final class Pbkdf2 {

  /** The reference experiment's salt ({@code b'salty-salt'}). */
  static final byte[] SALT = "salty-salt".getBytes(StandardCharsets.US_ASCII);

  private final SecretKeyFactory factory;
  private final int keyLengthBits;

  Pbkdf2(String algorithm) {
    try {
      this.factory = SecretKeyFactory.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalArgumentException("algorithm: " + algorithm + " is not available", e);
    }
    this.keyLengthBits = digestBits(algorithm);
  }

  /** Derives a key as long as the HMAC's output, as Python's {@code hashlib.pbkdf2_hmac} does. */
  byte[] hash(char[] password, byte[] salt, int iterations) {
    return derive(password, salt, iterations, keyLengthBits / 8);
  }

  byte[] derive(char[] password, byte[] salt, int iterations, int keyLengthBytes) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, keyLengthBytes * 8);
    try {
      return factory.generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2 failed: " + e.getMessage(), e);
    } finally {
      spec.clearPassword();
    }
  }

  private static int digestBits(String algorithm) {
    String digits = algorithm.substring(algorithm.lastIndexOf("SHA") + 3);
    return digits.equals("1") ? 160 : Integer.parseInt(digits);
  }
}
