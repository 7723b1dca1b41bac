package io.lambdascaling.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportTest {

  @Test
  void reads_a_warm_report_line() {
    String tail =
        "START RequestId: r1 Version: $LATEST\nEND RequestId: r1\n"
            + "REPORT RequestId: r1\tDuration: 47.28 ms\tBilled Duration: 48 ms\tMemory Size: 10240 MB"
            + "\tMax Memory Used: 86 MB\t\n";

    Report r = Report.find(tail).orElseThrow();

    assertThat(r).isEqualTo(new Report("r1", 47.28, 48, 10240, 86, null));
    assertThat(r.cold()).isFalse();
  }

  @Test
  void reads_init_duration_on_a_cold_start_and_takes_the_last_report() {
    String tail =
        "REPORT RequestId: old\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 50 MB\t\n"
            + "REPORT RequestId: r2\tDuration: 12.34 ms\tBilled Duration: 354 ms\tMemory Size: 1024 MB"
            + "\tMax Memory Used: 56 MB\tInit Duration: 340.74 ms\t\n";

    Report r = Report.find(tail).orElseThrow();

    assertThat(r.requestId()).isEqualTo("r2");
    assertThat(r.initDurationMs()).isEqualTo(340.74);
    assertThat(r.cold()).isTrue();
  }

  @Test
  void no_report_line_is_empty() {
    assertThat(Report.find("START RequestId: x\nsomething else\n")).isEmpty();
  }
}
