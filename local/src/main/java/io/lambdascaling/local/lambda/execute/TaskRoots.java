package io.lambdascaling.local.lambda.execute;

import io.lambdascaling.local.lambda.FunctionSnapshot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The deployment packages unpacked, once per code hash, as {@code /var/task} is on Lambda: the
 * directory an instance's runtime loads the function from.
 */
final class TaskRoots {

  private final Path workDir;
  private final Map<String, Path> roots = new ConcurrentHashMap<>();

  TaskRoots(Path workDir) {
    this.workDir = workDir;
  }

  /** The function's package unpacked, the first time its code hash is seen. */
  Path of(FunctionSnapshot fn) {
    String key = fn.codeSha256().replaceAll("[^A-Za-z0-9]", "_");
    return roots.computeIfAbsent(
        key,
        k -> {
          Path dir = workDir.resolve("task-" + k);
          try {
            unzip(fn.zip(), dir);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return dir;
        });
  }

  static void unzip(byte[] zip, Path dir) throws IOException {
    Files.createDirectories(dir);
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        Path target = dir.resolve(e.getName()).normalize();
        if (!target.startsWith(dir)) {
          throw new IOException("zip entry outside the package: " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(in, target);
        }
      }
    }
  }
}
