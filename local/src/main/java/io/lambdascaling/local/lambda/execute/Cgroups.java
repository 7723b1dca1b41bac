package io.lambdascaling.local.lambda.execute;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Finds which cgroup version this host offers and whether this process may use it. */
final class Cgroups {

  /** The shortest CFS period used: the kernel's default is 100 ms. */
  static final long SHORTEST_PERIOD_US = 10_000;

  /**
   * The CFS period for a quota of {@code cpus}: short, so that a run of a few hundred milliseconds
   * is not dominated by where it starts within a period (with 100 ms, a 0.5-CPU quota makes a 300
   * ms run take 500-700 ms by phase alone), but long enough for the quota to be at least 1 ms, the
   * kernel's minimum.
   */
  static long periodMicros(double cpus) {
    long forMinimumQuota = (long) Math.ceil(1_000 / Math.max(cpus, 1e-3));
    return Math.min(1_000_000, Math.max(SHORTEST_PERIOD_US, forMinimumQuota));
  }

  private static final System.Logger LOG = System.getLogger(Cgroups.class.getName());

  static final Path ROOT = Path.of("/sys/fs/cgroup");

  private Cgroups() {}

  /**
   * The driver for {@code mode} ({@code auto}, {@code v1}, {@code v2}, {@code none}). {@code auto}
   * falls back to none, loudly, when nothing is writable (not root, macOS, a locked-down
   * container).
   */
  static CgroupDriver detect(String mode) {
    String m = mode.toLowerCase(Locale.ROOT);
    if (m.equals("none")) {
      return new CgroupDriver.None("cgroups turned off");
    }
    List<String> self;
    try {
      self = Files.readAllLines(Path.of("/proc/self/cgroup"));
    } catch (IOException | RuntimeException e) {
      return fallback(m, "no /proc/self/cgroup");
    }
    boolean unified = Files.exists(ROOT.resolve("cgroup.controllers"));
    if (m.equals("v2") || (m.equals("auto") && unified)) {
      try {
        return CgroupV2.forSelf(ROOT, self);
      } catch (IOException | RuntimeException e) {
        return fallback(m, "cgroup v2 not writable: " + e.getMessage());
      }
    }
    if (m.equals("v1") || m.equals("auto")) {
      try {
        return CgroupV1.forSelf(ROOT, self);
      } catch (IOException | RuntimeException e) {
        return fallback(m, "cgroup v1 not writable: " + e.getMessage());
      }
    }
    throw new IllegalArgumentException("cgroups must be auto, v1, v2 or none, got " + mode);
  }

  private static CgroupDriver fallback(String mode, String why) {
    if (!mode.equals("auto")) {
      throw new IllegalStateException(why);
    }
    LOG.log(
        Level.WARNING,
        "CPU quotas are OFF ({0}): functions run UNTHROTTLED and timings do not follow memory",
        why);
    return new CgroupDriver.None(why);
  }

  /** The path of this process in the hierarchy whose controllers include {@code controller}. */
  static String ownPath(List<String> procSelfCgroup, String controller) {
    for (String line : procSelfCgroup) {
      String[] parts = line.split(":", 3);
      if (parts.length == 3 && List.of(parts[1].split(",")).contains(controller)) {
        return parts[2];
      }
    }
    return null;
  }

  static void write(Path file, String value) throws IOException {
    Files.writeString(file, value);
  }

  /** rmdir, retried: the kernel keeps a group busy until its last task is reaped. */
  static void remove(Path dir) {
    for (int attempt = 0; attempt < 100 && Files.exists(dir); attempt++) {
      try {
        Files.delete(dir);
        return;
      } catch (IOException e) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    if (Files.exists(dir)) {
      LOG.log(Level.WARNING, "could not remove cgroup {0}", dir);
    }
  }

  static long readLong(Path file) {
    try {
      return Long.parseLong(Files.readString(file).trim());
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }
}
