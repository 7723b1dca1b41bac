package io.lambdascaling.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A function's deployment package as CreateFunction and UpdateFunctionCode take it: a base64 zip of
 * at most 50 MB that holds the handler's class, and its CodeSha256.
 */
final class DeploymentPackage {

  private static final int MAX_ZIP_BYTES = 50 * 1024 * 1024;

  private DeploymentPackage() {}

  /** The zip of a request's {@code Code} (or of the request itself, for UpdateFunctionCode). */
  static byte[] from(JsonNode code, String where) {
    if (code == null || !code.isObject()) {
      throw ApiError.invalidParameter(
          where + ": Code.ZipFile (the deployment package) is required");
    }
    if (code.has("S3Bucket") || code.has("ImageUri")) {
      throw ApiError.invalidParameter(
          "The local Lambda takes the deployment package as ZipFile only (no S3 or images)");
    }
    JsonNode zip = code.get("ZipFile");
    if (zip == null || !zip.isTextual()) {
      throw ApiError.invalidParameter("ZipFile (the deployment package) is required");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(zip.asText());
    } catch (IllegalArgumentException e) {
      throw ApiError.invalidParameter("ZipFile must be base64: " + e.getMessage());
    }
    if (bytes.length > MAX_ZIP_BYTES) {
      throw ApiError.tooLarge("Zipped deployment package larger than 50 MB");
    }
    return bytes;
  }

  /** CodeSha256: the package's SHA-256, base64. */
  static String sha256(byte[] zip) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(zip));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Lambda would only fail at the first invocation; the local one says so at once. */
  static void checkHandler(byte[] zip, String handler) {
    String className =
        handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
    String entry = className.replace('.', '/') + ".class";
    boolean sawEntry = false;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        sawEntry = true;
        if (e.getName().equals(entry)) {
          return;
        }
        if (e.getName().startsWith("lib/") && e.getName().endsWith(".jar") && jarHas(in, entry)) {
          return;
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      throw ApiError.invalidParameter(
          "Could not unzip uploaded file. Please check your file, then try to upload again.");
    }
    if (!sawEntry) {
      throw ApiError.invalidParameter(
          "Could not unzip uploaded file. Please check your file, then try to upload again.");
    }
    throw ApiError.invalidParameter(
        "Handler class " + className + " (" + entry + ") is not in the deployment package");
  }

  private static boolean jarHas(ZipInputStream outer, String entry) throws IOException {
    ZipInputStream jar = new ZipInputStream(outer);
    for (ZipEntry e; (e = jar.getNextEntry()) != null; ) {
      if (e.getName().equals(entry)) {
        return true;
      }
    }
    return false;
  }
}
