package io.lambdascaling.operator.plan;

import io.lambdascaling.analysis.Configuration;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic Lambda function names, {@code <prefix><experiment>-<arch>-w<W>-m<MB>}, within
 * Lambda's 64 characters of {@code [A-Za-z0-9_-]}: the experiment part is shortened, and a stable
 * hash of the whole name added, where the limit requires.
 */
public final class FunctionNames {

  public static final int MAX_LENGTH = 64;
  private static final int HASH_CHARS = 8;

  private FunctionNames() {}

  public static String of(String prefix, String experiment, Configuration configuration) {
    // Kubernetes names may hold dots; Lambda names may not.
    String base = experiment.replace('.', '-');
    String suffix = "-" + configuration.key();
    String full = prefix + base + suffix;
    if (full.length() <= MAX_LENGTH) {
      return full;
    }
    String hash = "-" + stableHash(full);
    int room = MAX_LENGTH - prefix.length() - suffix.length() - hash.length();
    if (room < 1) {
      throw new IllegalArgumentException(
          "function name prefix "
              + prefix
              + " leaves no room within "
              + MAX_LENGTH
              + " characters");
    }
    String shortened = base.substring(0, Math.min(room, base.length())).replaceAll("-+$", "");
    return prefix + shortened + hash + suffix;
  }

  /** Eight hex characters of the text's SHA-256: stable across processes and versions. */
  public static String stableHash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
