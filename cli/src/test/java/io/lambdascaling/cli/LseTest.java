package io.lambdascaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: one clear line naming the problem, exit code 2, no stack trace. */
class LseTest {

  @TempDir Path dir;

  record Ran(int code, String out, String err) {}

  static Ran lse(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Lse.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Ran(code, out.toString(), err.toString());
  }

  private Path file(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  @Test
  void a_file_that_is_not_yaml_is_one_line_and_exit_code_2() throws Exception {
    Ran r = lse("run", file("bad.yaml", "spec: [unclosed").toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).contains("bad.yaml").contains("not valid YAML");
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void a_manifest_of_another_kind_names_what_was_expected() throws Exception {
    Ran r =
        lse("run", file("pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n").toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("kind").contains("LambdaScalingExperiment");
  }

  @Test
  void an_invalid_spec_names_every_field() throws Exception {
    Ran r =
        lse(
            "run",
            file(
                    "invalid.yaml",
                    """
                    apiVersion: lambdascaling.io/v1alpha1
                    kind: LambdaScalingExperiment
                    metadata: {name: broken}
                    spec:
                      workers: [0]
                      architectures: [sparc]
                      function: {roleArn: "arn:aws:iam::123456789012:role/x"}
                    """)
                .toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).contains("spec.workers[0]").contains("spec.architectures[0]");
  }

  @Test
  void a_missing_file_and_an_unknown_option_are_bad_input_too() {
    assertThat(lse("run", dir.resolve("nope.yaml").toString()).err()).contains("no such file");
    assertThat(lse("run", "x.yaml", "--platform", "cloud").code()).isEqualTo(2);
    assertThat(lse("frobnicate").code()).isEqualTo(2);
  }

  @Test
  void verbose_shows_the_stack_trace() throws Exception {
    Ran r = lse("run", "--verbose", file("bad.yaml", "spec: [unclosed").toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("BadInput");
  }
}
