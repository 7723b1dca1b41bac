package io.lambdascaling.local.lambda.execute;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * cgroup v2: {@code cpu.max} ("quota period") and {@code memory.max} in a child group per instance,
 * {@code memory.peak} for Max Memory Used. Groups are made under {@code base}, whose {@code
 * cgroup.subtree_control} must enable the cpu and memory controllers.
 */
final class CgroupV2 implements CgroupDriver {

  private final Path base;

  CgroupV2(Path base) throws IOException {
    this.base = base;
    enableControllers(base);
  }

  /**
   * Under this process's own group. v2 lets a group with processes in it have no child groups with
   * controllers, so this process first moves into a leaf of its own.
   */
  static CgroupV2 forSelf(Path root, List<String> procSelfCgroup) throws IOException {
    String own = null;
    for (String line : procSelfCgroup) {
      if (line.startsWith("0::")) {
        own = line.substring(3);
      }
    }
    if (own == null) {
      throw new IOException("this process is in no cgroup v2 group");
    }
    Path self = root.resolve(own.substring(1));
    Path leaf = Files.createDirectories(self.resolve("lse-local-self"));
    Cgroups.write(leaf.resolve("cgroup.procs"), Long.toString(ProcessHandle.current().pid()));
    return new CgroupV2(self);
  }

  private static void enableControllers(Path group) throws IOException {
    String enabled =
        Files.exists(group.resolve("cgroup.subtree_control"))
            ? Files.readString(group.resolve("cgroup.subtree_control"))
            : "";
    if (!enabled.contains("cpu") || !enabled.contains("memory")) {
      Cgroups.write(group.resolve("cgroup.subtree_control"), "+cpu +memory");
    }
  }

  @Override
  public String description() {
    return "cgroup v2 CPU quotas";
  }

  @Override
  public boolean enforces() {
    return true;
  }

  static String cpuMax(double cpus) {
    long period = Cgroups.periodMicros(cpus);
    return Math.max(1_000, Math.round(cpus * period)) + " " + period;
  }

  @Override
  public Group create(String id, double cpus, long memoryBytes) throws IOException {
    Path group = Files.createDirectories(base.resolve("lse-" + id));
    try {
      Cgroups.write(group.resolve("cpu.max"), cpuMax(cpus));
      Cgroups.write(group.resolve("memory.max"), Long.toString(memoryBytes));
    } catch (IOException e) {
      Cgroups.remove(group);
      throw e;
    }
    return new Group() {
      @Override
      public List<Path> procsFiles() {
        return List.of(group.resolve("cgroup.procs"));
      }

      @Override
      public long peakMemoryBytes() {
        return Cgroups.readLong(group.resolve("memory.peak"));
      }

      @Override
      public void close() {
        Cgroups.remove(group);
      }
    };
  }
}
