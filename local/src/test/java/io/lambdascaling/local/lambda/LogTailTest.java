package io.lambdascaling.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogTailTest {

  @Test
  void report_line_has_lambdas_exact_format() {
    assertThat(LogTail.report("abc", 12.344, null, 1024, 56))
        .isEqualTo(
            "REPORT RequestId: abc\tDuration: 12.34 ms\tBilled Duration: 13 ms\t"
                + "Memory Size: 1024 MB\tMax Memory Used: 56 MB\t");
    assertThat(LogTail.report("abc", 47.28, 340.74, 10240, 86))
        .isEqualTo(
            "REPORT RequestId: abc\tDuration: 47.28 ms\tBilled Duration: 389 ms\t"
                + "Memory Size: 10240 MB\tMax Memory Used: 86 MB\tInit Duration: 340.74 ms\t");
  }

  @Test
  void billing_rounds_up_to_the_millisecond() {
    assertThat(LogTail.billedMs(1.0, null)).isEqualTo(1);
    assertThat(LogTail.billedMs(1.0001, null)).isEqualTo(2);
    assertThat(LogTail.billedMs(0.2, 0.3)).isEqualTo(1);
  }

  @Test
  void the_tail_is_the_last_4_kb_and_keeps_the_report() {
    List<String> lines = Collections.nCopies(500, "a line the function printed, again and again");
    Invocation inv = new Invocation(new byte[0], null, lines, 5.0, null, 60, 1.5);

    String log = LogTail.log("req", inv, "test platform", 512);
    byte[] tail = Base64.getDecoder().decode(LogTail.tail(log));

    assertThat(log.length()).isGreaterThan(LogTail.TAIL_BYTES);
    assertThat(tail.length).isLessThanOrEqualTo(LogTail.TAIL_BYTES);
    String text = new String(tail, StandardCharsets.UTF_8);
    assertThat(text).endsWith(LogTail.report("req", 5.0, null, 512, 60) + "\n");
    assertThat(text).contains("END RequestId: req").contains("queued 1.50 ms (not in Duration)");
  }
}
