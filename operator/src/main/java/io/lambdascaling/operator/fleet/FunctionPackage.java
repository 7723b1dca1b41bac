package io.lambdascaling.operator.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The hashing function's deployment package, embedded in the operator, and its CodeSha256 as Lambda
 * reports it (so that a function running other code is noticed and updated).
 */
public record FunctionPackage(byte[] zip, String codeSha256) {

  public static final String HANDLER = "io.lambdascaling.function.HashingHandler::handleRequest";

  public static FunctionPackage of(byte[] zip) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(zip);
      return new FunctionPackage(zip, Base64.getEncoder().encodeToString(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The package built from {@code function/} and copied into the operator's classes. */
  public static FunctionPackage embedded() {
    try (InputStream in = FunctionPackage.class.getResourceAsStream("/lse-function.zip")) {
      if (in == null) {
        throw new IllegalStateException(
            "lse-function.zip is missing from the operator's classpath");
      }
      return of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
