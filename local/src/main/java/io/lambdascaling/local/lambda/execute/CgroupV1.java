package io.lambdascaling.local.lambda.execute;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * cgroup v1: the cpu controller's CFS quota ({@code cpu.cfs_quota_us} per {@code
 * cpu.cfs_period_us}) and the memory controller's {@code memory.limit_in_bytes}, whose {@code
 * memory.max_usage_in_bytes} gives Max Memory Used. Memory groups are made under this process's own
 * memory group, as the kernel requires here.
 */
final class CgroupV1 implements CgroupDriver {

  /** Two platforms in one process (tests) must not share, or remove, each other's groups. */
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  static final long MIN_QUOTA_US = 1_000;

  private final Path cpuBase;
  private final Path memoryBase;

  CgroupV1(Path cpuBase, Path memoryBase) {
    this.cpuBase = cpuBase;
    this.memoryBase = memoryBase;
  }

  static CgroupV1 forSelf(Path root, List<String> procSelfCgroup) throws IOException {
    String cpuPath = Cgroups.ownPath(procSelfCgroup, "cpu");
    String memoryPath = Cgroups.ownPath(procSelfCgroup, "memory");
    if (cpuPath == null || memoryPath == null) {
      throw new IOException("this process is in no cgroup v1 cpu and memory hierarchy");
    }
    String name = "lse-local-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
    Path cpu = root.resolve("cpu").resolve(cpuPath.substring(1)).resolve(name);
    Path memory = root.resolve("memory").resolve(memoryPath.substring(1)).resolve(name);
    if (!Files.exists(cpu.getParent().resolve("cpu.cfs_quota_us"))) {
      throw new IOException("no cpu.cfs_quota_us under " + cpu.getParent());
    }
    Files.createDirectories(cpu);
    Files.createDirectories(memory);
    return new CgroupV1(cpu, memory);
  }

  @Override
  public String description() {
    return "cgroup v1 CPU quotas";
  }

  @Override
  public boolean enforces() {
    return true;
  }

  static long quotaMicros(double cpus) {
    return Math.max(MIN_QUOTA_US, Math.round(cpus * Cgroups.periodMicros(cpus)));
  }

  @Override
  public Group create(String id, double cpus, long memoryBytes) throws IOException {
    Path cpu = Files.createDirectories(cpuBase.resolve(id));
    Path memory = Files.createDirectories(memoryBase.resolve(id));
    try {
      Cgroups.write(cpu.resolve("cpu.cfs_period_us"), Long.toString(Cgroups.periodMicros(cpus)));
      Cgroups.write(cpu.resolve("cpu.cfs_quota_us"), Long.toString(quotaMicros(cpus)));
      Cgroups.write(memory.resolve("memory.limit_in_bytes"), Long.toString(memoryBytes));
    } catch (IOException e) {
      Cgroups.remove(cpu);
      Cgroups.remove(memory);
      throw e;
    }
    return new Group() {
      @Override
      public List<Path> procsFiles() {
        return List.of(cpu.resolve("cgroup.procs"), memory.resolve("cgroup.procs"));
      }

      @Override
      public long peakMemoryBytes() {
        return Cgroups.readLong(memory.resolve("memory.max_usage_in_bytes"));
      }

      @Override
      public void close() {
        Cgroups.remove(cpu);
        Cgroups.remove(memory);
      }
    };
  }

  @Override
  public List<Path> directories() {
    return List.of(cpuBase, memoryBase);
  }

  @Override
  public void close() {
    Cgroups.remove(cpuBase);
    Cgroups.remove(memoryBase);
  }
}
