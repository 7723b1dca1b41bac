package io.lambdascaling.local.lambda.execute;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a child JVM runs: the AWS Lambda Java runtime interface client and the libraries the managed
 * runtime provides (aws-lambda-java-core, -serialization), and nothing of this process, so that the
 * uploaded deployment package is the only function code it can load.
 */
final class RuntimeClasspath {

  static final String MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
  static final String JNI_PROPERTY =
      "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

  private static final List<String> CLASSES =
      List.of(
          MAIN,
          "com.amazonaws.services.lambda.runtime.Context",
          "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
          // the client's own dependency (software.amazon.awssdk:utils-lite)
          "software.amazon.awssdk.utilslite.SdkInternalThreadLocal");

  private RuntimeClasspath() {}

  static String classpath() {
    Set<String> entries = new LinkedHashSet<>();
    for (String name : CLASSES) {
      try {
        Class<?> c = Class.forName(name, false, RuntimeClasspath.class.getClassLoader());
        entries.add(
            Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
      } catch (ClassNotFoundException | URISyntaxException | NullPointerException e) {
        throw new IllegalStateException(
            "execute mode needs "
                + name
                + " (aws-lambda-java-runtime-interface-client) on the"
                + " classpath",
            e);
      }
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  /**
   * Unpacks the client's native library once: left to itself, every child would write it to the
   * same file in /tmp at start, racing the others.
   */
  static Path extractNativeLibrary(Path dir) throws IOException {
    String arch = System.getProperty("os.arch").matches("aarch64|arm64") ? "aarch_64" : "x86_64";
    boolean musl =
        Files.exists(Path.of("/lib/ld-musl-x86_64.so.1"))
            || Files.exists(Path.of("/lib/ld-musl-aarch64.so.1"));
    String name = "libaws-lambda-jni.linux" + (musl ? "_musl-" : "-") + arch + ".so";
    Path target = dir.resolve(name);
    try (InputStream in = classLoaderOfClient().getResourceAsStream("jni/" + name)) {
      if (in == null) {
        throw new IOException("the runtime interface client has no native library " + name);
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  private static ClassLoader classLoaderOfClient() {
    try {
      return Class.forName(MAIN, false, RuntimeClasspath.class.getClassLoader()).getClassLoader();
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
