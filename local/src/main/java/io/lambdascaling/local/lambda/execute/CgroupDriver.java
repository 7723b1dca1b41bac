package io.lambdascaling.local.lambda.execute;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Puts a child process under a CPU quota and a memory limit before it runs (cgroup v1 or v2). */
interface CgroupDriver extends AutoCloseable {

  /** For every response's platform description. */
  String description();

  /** False when nothing is enforced (no writable cgroups): timings are then unthrottled. */
  boolean enforces();

  /** The directories this driver made its groups under (empty without cgroups). */
  default List<Path> directories() {
    return List.of();
  }

  /** Removes what the driver made, once its groups are gone. */
  @Override
  default void close() {}

  /** Creates the group; the child joins it through {@link Group#procsFiles()} before exec. */
  Group create(String id, double cpus, long memoryBytes) throws IOException;

  /** One instance's group. */
  interface Group extends AutoCloseable {

    /** Files the child writes its pid to, before exec, to join the group. */
    List<Path> procsFiles();

    /** The group's peak memory use in bytes, or -1 when unknown. */
    long peakMemoryBytes();

    /** Removes the group; retried while the kernel still counts the dead child. */
    @Override
    void close();
  }

  /** No cgroups: the child runs unthrottled. */
  final class None implements CgroupDriver {
    private final String why;

    None(String why) {
      this.why = why;
    }

    @Override
    public String description() {
      return "NO CPU QUOTAS (" + why + "): timings are UNTHROTTLED";
    }

    @Override
    public boolean enforces() {
      return false;
    }

    @Override
    public Group create(String id, double cpus, long memoryBytes) {
      return new Group() {
        @Override
        public List<Path> procsFiles() {
          return List.of();
        }

        @Override
        public long peakMemoryBytes() {
          return -1;
        }

        @Override
        public void close() {}
      };
    }
  }
}
