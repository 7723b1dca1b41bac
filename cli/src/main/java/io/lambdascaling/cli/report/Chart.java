package io.lambdascaling.cli.report;

import io.lambdascaling.analysis.ConfigurationFigures;
import io.lambdascaling.analysis.Findings;
import io.lambdascaling.analysis.Knee;
import io.lambdascaling.analysis.ThreadsToMemory;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The plot's layout: processing time (log scale, since worker counts differ by integer factors)
 * against memory, one line per worker count, its knee marked (filled when confident), one panel per
 * architecture, the platform in the header.
 */
final class Chart {

  static final int PANEL_WIDTH = 620;
  static final int PANEL_HEIGHT = 470;

  /** Title, then up to four lines of small print (the platform and the method, wrapped). */
  static final int HEADER = 118;

  static final int MARGIN = 16;

  private static final Color INK = new Color(0x22, 0x22, 0x22);
  private static final Color MUTED = new Color(0x66, 0x66, 0x66);
  private static final Color GRID = new Color(0xe4, 0xe4, 0xe4);
  private static final Color WARNING = new Color(0xc0, 0x1c, 0x1c);

  /** Ten colours told apart by most eyes (Tableau 10). */
  private static final Color[] PALETTE = {
    new Color(0x1f77b4),
    new Color(0xff7f0e),
    new Color(0x2ca02c),
    new Color(0xd62728),
    new Color(0x9467bd),
    new Color(0x8c564b),
    new Color(0xe377c2),
    new Color(0x7f7f7f),
    new Color(0xbcbd22),
    new Color(0x17becf)
  };

  private final Analysis analysis;
  private final List<Integer> workerCounts;

  private Chart(Analysis analysis) {
    this.analysis = analysis;
    this.workerCounts =
        new ArrayList<>(
            new TreeSet<>(analysis.results().stream().map(Findings.Series::workers).toList()));
  }

  /**
   * The smallest and largest time drawn in any panel: one scale for all, so that architectures
   * compare at a glance. {1, 10} when there is none.
   */
  double[] timeRange() {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (Findings.Series s : analysis.results()) {
      for (ConfigurationFigures r : s.sizes()) {
        Double t = time(r);
        if (t != null && t > 0) {
          lo = Math.min(lo, t);
          hi = Math.max(hi, t);
        }
      }
    }
    return hi == 0 ? new double[] {1, 10} : new double[] {lo, hi};
  }

  static Drawing of(Analysis analysis) {
    return new Chart(analysis).draw();
  }

  /** Both image sizes, for a caller that wants to know before drawing. */
  static int width(int architectures) {
    return 2 * MARGIN + Math.max(1, architectures) * PANEL_WIDTH;
  }

  static int height() {
    return HEADER + PANEL_HEIGHT + MARGIN;
  }

  private Drawing draw() {
    List<String> archs =
        analysis.results().stream().map(s -> s.architecture()).distinct().sorted().toList();
    Drawing d = new Drawing(width(archs.size()), height());
    header(d);
    if (archs.isEmpty()) {
      d.text(
          d.width / 2.0, HEADER + PANEL_HEIGHT / 2.0, "no data", 16, MUTED, Drawing.Anchor.MIDDLE);
    }
    for (int i = 0; i < archs.size(); i++) {
      String arch = archs.get(i);
      new Panel(this, MARGIN + i * PANEL_WIDTH, HEADER, PANEL_WIDTH, PANEL_HEIGHT)
          .draw(d, arch, series(arch), kneeRows(arch));
    }
    return d;
  }

  private void header(Drawing d) {
    d.add(
        new Drawing.Text(
            MARGIN,
            30,
            analysis.name() + ": processing time vs memory",
            20,
            INK,
            Drawing.Anchor.START,
            true,
            false));
    double y = 52;
    int room = d.width - 2 * MARGIN;
    for (String line : wrap(analysis.platformLine(), 13, room, 2)) {
      d.text(MARGIN, y, line, 13, analysis.simulated() ? WARNING : MUTED, Drawing.Anchor.START);
      y += 17;
    }
    String method =
        String.format(
            Locale.ROOT,
            "10%% trimmed mean of the steady-state times per configuration; knee = smallest memory"
                + " within %s%% of the plateau, filled when confident at %s",
            number(analysis.tolerancePercent()),
            number(analysis.confidenceLevel()));
    for (String line : wrap(method, 12, room, 2)) {
      d.text(MARGIN, y, line, 12, MUTED, Drawing.Anchor.START);
      y += 16;
    }
    if (analysis.simulated()) {
      d.add(
          new Drawing.Text(
              d.width - MARGIN, 30, "SIMULATED", 20, WARNING, Drawing.Anchor.END, true, false));
    }
  }

  /**
   * Splits text at spaces into lines that fit {@code width} pixels at {@code size} (a sans-serif
   * character is taken as 0.56 of the size wide), at most {@code lines} of them; the last one is
   * cut with an ellipsis if need be.
   */
  static List<String> wrap(String text, int size, int width, int lines) {
    int perLine = Math.max(10, (int) (width / (size * 0.56)));
    List<String> out = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > perLine) {
        out.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() == 0 ? "" : " ").append(word);
    }
    out.add(line.toString());
    if (out.size() > lines) {
      List<String> kept = new ArrayList<>(out.subList(0, lines));
      String last = kept.get(lines - 1);
      kept.set(lines - 1, last.substring(0, Math.min(last.length(), perLine - 1)) + "…");
      return kept;
    }
    return out;
  }

  private List<Findings.Series> series(String arch) {
    return analysis.results().stream()
        .filter(s -> s.architecture().equals(arch))
        .sorted((a, b) -> Integer.compare(a.workers(), b.workers()))
        .toList();
  }

  private List<Knee> kneeRows(String arch) {
    return analysis.table().stream()
        .filter(t -> t.architecture().equals(arch))
        .map(ThreadsToMemory.ArchitectureTable::rows)
        .findFirst()
        .orElse(List.of());
  }

  Color colour(int workers) {
    return PALETTE[Math.max(0, workerCounts.indexOf(workers)) % PALETTE.length];
  }

  /** The time a configuration is drawn at: its trimmed mean, else its mean; null when none. */
  static Double time(ConfigurationFigures r) {
    return r.trimmedMeanMs() != null ? r.trimmedMeanMs() : r.meanMs();
  }

  static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e9
        ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%s", v);
  }

  static Knee row(List<Knee> rows, int workers) {
    return rows.stream().filter(r -> Objects.equals(r.workers(), workers)).findFirst().orElse(null);
  }

  static Color ink() {
    return INK;
  }

  static Color muted() {
    return MUTED;
  }

  static Color grid() {
    return GRID;
  }
}
