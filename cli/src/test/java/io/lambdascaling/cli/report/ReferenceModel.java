package io.lambdascaling.cli.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes result files in the reference experiment's formats with times from the model Lambda
 * follows: 8 s of one vCPU's work shared by W workers, 1,769 MB buying one vCPU, so the time is 8 s
 * / min(W, MB / 1769), with 0.5 % noise and a first (cold) run 30 % slower, written newest first.
 */
final class ReferenceModel {

  static final int[] SIZES = sizes();
  static final int RUNS = 8;

  private ReferenceModel() {}

  private static int[] sizes() {
    int[] s = new int[15];
    for (int i = 0; i < s.length; i++) {
      s[i] = 512 + 256 * i; // 512 .. 4096
    }
    return s;
  }

  static double seconds(int workers, int memoryMb) {
    return 8.0 / Math.min(workers, memoryMb / 1769.0);
  }

  /** One Lambda_<MB>_<W>_arm64.csv per configuration, workers 1 and 2; returns the rows written. */
  static int writePerConfiguration(Path dir) throws IOException {
    Random noise = new Random(42);
    int rows = 0;
    for (int workers = 1; workers <= 2; workers++) {
      for (int mb : SIZES) {
        List<String> lines = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
          double t =
              seconds(workers, mb) * (1 + 0.005 * noise.nextGaussian()) * (run == 0 ? 1.3 : 1);
          lines.add(
              String.format(
                  Locale.ROOT,
                  "arm64,%d,%d,20221224_%02d%02d%02d,2,%s\n",
                  mb,
                  workers,
                  4 + run / 30,
                  (2 * run) % 60,
                  workers * 7 + mb % 60 % 7,
                  Double.toString(t)));
          rows++;
        }
        // Newest first: the cold run is the chronologically first, not the first line.
        Collections.reverse(lines);
        String csv = "Architecture,Memory,Workers,sk,cores,proc_time\n" + String.join("", lines);
        Files.writeString(
            dir.resolve(String.format(Locale.ROOT, "Lambda_%d_%d_arm64.csv", mb, workers)), csv);
      }
    }
    return rows;
  }

  /** AggregatedResults.csv: the model's mean per configuration, workers 1 and 2. */
  static Path writeAggregated(Path dir) throws IOException {
    StringBuilder csv = new StringBuilder("Architecture,Memory,Workers,cores,avg_proc_time\n");
    for (int workers = 1; workers <= 2; workers++) {
      for (int mb : SIZES) {
        csv.append(
            String.format(
                Locale.ROOT, "arm64,%d,%d,2,%s\n", mb, workers, seconds(workers, mb) * 1.001));
      }
    }
    return Files.writeString(dir.resolve("AggregatedResults.csv"), csv);
  }
}
