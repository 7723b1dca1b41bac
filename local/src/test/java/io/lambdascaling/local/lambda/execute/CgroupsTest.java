package io.lambdascaling.local.lambda.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both cgroup versions, on a fake cgroupfs in a temporary directory. */
class CgroupsTest {

  @TempDir Path root;

  @Test
  void v1_writes_quota_period_and_memory_limit_under_the_own_memory_group() throws IOException {
    Files.createDirectories(root.resolve("cpu"));
    Files.writeString(root.resolve("cpu/cpu.cfs_quota_us"), "-1");
    Files.createDirectories(root.resolve("memory/process_api/abc"));
    List<String> self = List.of("4:memory:/process_api/abc", "1:cpu:/", "0::/");

    CgroupV1 v1 = CgroupV1.forSelf(root, self);
    CgroupDriver.Group g = v1.create("i1", 0.5, 885L * 1024 * 1024);

    Path cpu = g.procsFiles().get(0).getParent();
    Path memory = g.procsFiles().get(1).getParent();
    assertThat(cpu.getParent().getParent()).isEqualTo(root.resolve("cpu"));
    assertThat(memory.getParent().getParent()).isEqualTo(root.resolve("memory/process_api/abc"));
    assertThat(Files.readString(cpu.resolve("cpu.cfs_period_us"))).isEqualTo("10000");
    assertThat(Files.readString(cpu.resolve("cpu.cfs_quota_us"))).isEqualTo("5000");
    assertThat(Files.readString(memory.resolve("memory.limit_in_bytes"))).isEqualTo("927989760");
    Files.writeString(memory.resolve("memory.max_usage_in_bytes"), "52428800\n");
    assertThat(g.peakMemoryBytes()).isEqualTo(52_428_800L);
  }

  @Test
  void v1_quota_never_drops_below_the_kernel_minimum() {
    // 0.0072 CPUs: the period grows so that the quota is the kernel's 1 ms minimum, exactly.
    assertThat(Cgroups.periodMicros(128 / 1769.0 * 0.1)).isEqualTo(138_204);
    assertThat(CgroupV1.quotaMicros(128 / 1769.0 * 0.1)).isEqualTo(1000);
    // 5.79 CPUs over the shortest period, 10 ms.
    assertThat(Cgroups.periodMicros(10240 / 1769.0)).isEqualTo(10_000);
    assertThat(CgroupV1.quotaMicros(10240 / 1769.0)).isEqualTo(57_886);
  }

  @Test
  void v2_writes_cpu_max_and_memory_max_and_enables_controllers() throws IOException {
    Files.createDirectories(root.resolve("user.slice/app"));
    Files.writeString(root.resolve("user.slice/app/cgroup.subtree_control"), "");
    Files.writeString(root.resolve("user.slice/app/cgroup.procs"), "");

    CgroupV2 v2 = CgroupV2.forSelf(root, List.of("0::/user.slice/app"));
    CgroupDriver.Group g = v2.create("i7", 2.0, 3538L * 1024 * 1024);

    Path base = root.resolve("user.slice/app");
    assertThat(Files.readString(base.resolve("cgroup.subtree_control"))).isEqualTo("+cpu +memory");
    assertThat(Files.readString(base.resolve("lse-local-self/cgroup.procs")))
        .isEqualTo(Long.toString(ProcessHandle.current().pid()));
    Path group = base.resolve("lse-i7");
    assertThat(g.procsFiles()).containsExactly(group.resolve("cgroup.procs"));
    assertThat(Files.readString(group.resolve("cpu.max"))).isEqualTo("20000 10000");
    assertThat(Files.readString(group.resolve("memory.max"))).isEqualTo("3709861888");
    Files.writeString(group.resolve("memory.peak"), "73400320");
    assertThat(g.peakMemoryBytes()).isEqualTo(73_400_320L);
  }

  @Test
  void own_path_is_found_per_controller() {
    List<String> self =
        List.of("9:name=systemd:/", "4:memory:/process_api/x", "2:cpu,cpuacct:/kube/pod1", "0::/");

    assertThat(Cgroups.ownPath(self, "cpu")).isEqualTo("/kube/pod1");
    assertThat(Cgroups.ownPath(self, "memory")).isEqualTo("/process_api/x");
    assertThat(Cgroups.ownPath(self, "pids")).isNull();
  }

  @Test
  void none_enforces_nothing_and_says_so() {
    CgroupDriver none = Cgroups.detect("none");

    assertThat(none.enforces()).isFalse();
    assertThat(none.description()).contains("UNTHROTTLED");
  }

  @Test
  void auto_scale_fits_the_largest_size_onto_the_host() {
    assertThat(ExecuteOptions.autoScale(2)).isEqualTo(2 / (10240 / 1769.0));
    assertThat(ExecuteOptions.autoScale(16)).isEqualTo(1.0);
  }
}
