package io.lambdascaling.cli.report;

import io.lambdascaling.analysis.ConfigurationFigures;
import io.lambdascaling.analysis.Findings;
import io.lambdascaling.analysis.Knee;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One architecture's panel of the plot: axes, grid, a line per worker count, knees, legend. */
final class Panel {

  private static final double LEFT = 74;
  private static final double RIGHT = 18;
  private static final double TOP = 34;
  private static final double BOTTOM = 52;
  private static final int[] MEMORY_STEPS = {128, 256, 512, 1024, 2048, 4096};

  private final Chart chart;
  private final double plotX;
  private final double plotY;
  private final double plotW;
  private final double plotH;
  private final double panelX;
  private final double panelW;
  private double xMax;
  private double logMin;
  private double logMax;

  Panel(Chart chart, double x, double y, double w, double h) {
    this.chart = chart;
    this.panelX = x;
    this.panelW = w;
    this.plotX = x + LEFT;
    this.plotY = y + TOP;
    this.plotW = w - LEFT - RIGHT;
    this.plotH = h - TOP - BOTTOM;
  }

  void draw(Drawing d, String arch, List<Findings.Series> series, List<Knee> knees) {
    d.add(
        new Drawing.Text(
            panelX + panelW / 2,
            plotY - 12,
            arch,
            15,
            Chart.ink(),
            Drawing.Anchor.MIDDLE,
            true,
            false));
    int maxMemory = 0;
    for (Findings.Series s : series) {
      for (ConfigurationFigures r : s.sizes()) {
        maxMemory = Math.max(maxMemory, r.configuration().memoryMb());
      }
    }
    double lo = chart.timeRange()[0];
    double hi = chart.timeRange()[1];
    int step = memoryStep(maxMemory);
    xMax = Math.max(step, Math.ceil(maxMemory / (double) step) * step);
    // A little room above and below, so no point sits on a frame line.
    logMin = Math.log10(lo) - 0.04 - (hi == lo ? 0.2 : 0);
    logMax = Math.log10(hi) + 0.04 + (hi == lo ? 0.2 : 0);
    axes(d, step);
    for (Findings.Series s : series) {
      line(d, s);
    }
    for (Findings.Series s : series) {
      knee(d, s, Chart.row(knees, s.workers()));
    }
    legend(d, series);
  }

  private void axes(Drawing d, int step) {
    for (double m = 0; m <= xMax + 0.5; m += step) {
      double x = x(m);
      d.add(new Drawing.Line(x, plotY, x, plotY + plotH, Chart.grid(), 1, false));
      d.add(new Drawing.Line(x, plotY + plotH, x, plotY + plotH + 5, Chart.ink(), 1, false));
      d.text(
          x, plotY + plotH + 19, Long.toString((long) m), 11, Chart.ink(), Drawing.Anchor.MIDDLE);
    }
    for (double t : timeTicks()) {
      double y = y(t);
      d.add(new Drawing.Line(plotX, y, plotX + plotW, y, Chart.grid(), 1, false));
      d.add(new Drawing.Line(plotX - 5, y, plotX, y, Chart.ink(), 1, false));
      d.text(plotX - 8, y + 4, label(t), 11, Chart.ink(), Drawing.Anchor.END);
    }
    d.add(new Drawing.Rect(plotX, plotY, plotW, plotH, null, Chart.ink()));
    d.text(
        plotX + plotW / 2,
        plotY + plotH + 40,
        "memory (MB)",
        12,
        Chart.ink(),
        Drawing.Anchor.MIDDLE);
    d.add(
        new Drawing.Text(
            panelX + 16,
            plotY + plotH / 2,
            "processing time (ms, log scale)",
            12,
            Chart.ink(),
            Drawing.Anchor.MIDDLE,
            false,
            true));
  }

  private void line(Drawing d, Findings.Series s) {
    List<double[]> points = new ArrayList<>();
    for (ConfigurationFigures r : s.sizes()) {
      Double t = Chart.time(r);
      if (t != null && t > 0) {
        points.add(new double[] {x(r.configuration().memoryMb()), y(t)});
      }
    }
    Color c = chart.colour(s.workers());
    double[] xs = points.stream().mapToDouble(p -> p[0]).toArray();
    double[] ys = points.stream().mapToDouble(p -> p[1]).toArray();
    if (xs.length > 1) {
      d.add(new Drawing.Polyline(xs, ys, c, 2));
    }
    for (int i = 0; i < xs.length; i++) {
      d.add(new Drawing.Dot(xs[i], ys[i], 2.2, c, c, 1));
    }
  }

  private void knee(Drawing d, Findings.Series s, Knee row) {
    if (row == null || row.memoryMb() == null) {
      return;
    }
    Double t =
        s.sizes().stream()
            .filter(r -> row.memoryMb().equals(r.configuration().memoryMb()))
            .map(Chart::time)
            .filter(v -> v != null)
            .findFirst()
            .orElse(row.meanMs());
    if (t == null || t <= 0) {
      return;
    }
    Color c = chart.colour(s.workers());
    d.add(new Drawing.Dot(x(row.memoryMb()), y(t), 6.5, row.confident() ? c : null, c, 2.2));
  }

  private void legend(Drawing d, List<Findings.Series> series) {
    double rowH = 17;
    double w = 158;
    double h = rowH * (series.size() + 2) + 10;
    double x0 = plotX + plotW - w - 8;
    double y0 = plotY + 8;
    d.add(new Drawing.Rect(x0, y0, w, h, Color.WHITE, Chart.grid()));
    double y = y0 + 5 + rowH / 2;
    for (Findings.Series s : series) {
      Color c = chart.colour(s.workers());
      d.add(new Drawing.Line(x0 + 10, y, x0 + 34, y, c, 2, false));
      d.add(new Drawing.Dot(x0 + 22, y, 2.2, c, c, 1));
      String label = s.workers() + (s.workers() == 1 ? " worker" : " workers");
      d.text(x0 + 42, y + 4, label, 11, Chart.ink(), Drawing.Anchor.START);
      y += rowH;
    }
    d.add(new Drawing.Dot(x0 + 22, y, 5.5, Chart.muted(), Chart.muted(), 2));
    d.text(x0 + 42, y + 4, "knee, confident", 11, Chart.ink(), Drawing.Anchor.START);
    y += rowH;
    d.add(new Drawing.Dot(x0 + 22, y, 5.5, null, Chart.muted(), 2));
    d.text(x0 + 42, y + 4, "knee, not confident", 11, Chart.ink(), Drawing.Anchor.START);
  }

  /** The smallest of the usual memory steps that gives at most seven intervals. */
  static int memoryStep(int maxMemory) {
    for (int s : MEMORY_STEPS) {
      if (maxMemory / (double) s <= 7) {
        return s;
      }
    }
    return 2048 * (int) Math.ceil(maxMemory / (2048.0 * 7));
  }

  /** 1-2-5 ticks inside the range; a plain even spacing when the range is too narrow for two. */
  List<Double> timeTicks() {
    List<Double> ticks = new ArrayList<>();
    for (int e = (int) Math.floor(logMin); e <= Math.ceil(logMax); e++) {
      for (int m : new int[] {1, 2, 5}) {
        double t = m * Math.pow(10, e);
        double l = Math.log10(t);
        if (l >= logMin && l <= logMax) {
          ticks.add(t);
        }
      }
    }
    if (ticks.size() > 10) {
      ticks.removeIf(t -> Math.abs(Math.log10(t) - Math.rint(Math.log10(t))) > 1e-9);
    }
    if (ticks.size() >= 2) {
      return ticks;
    }
    double lo = Math.pow(10, logMin);
    double hi = Math.pow(10, logMax);
    double raw = (hi - lo) / 4;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = raw / mag < 2 ? mag : raw / mag < 5 ? 2 * mag : 5 * mag;
    ticks.clear();
    for (double t = Math.ceil(lo / step) * step; t <= hi; t += step) {
      ticks.add(t);
    }
    return ticks;
  }

  static String label(double ms) {
    if (ms >= 1 && Math.abs(ms - Math.rint(ms)) < 1e-9) {
      return String.format(Locale.ROOT, "%,d", (long) Math.rint(ms));
    }
    return String.format(Locale.ROOT, "%.3g", ms);
  }

  private double x(double memoryMb) {
    return plotX + plotW * memoryMb / xMax;
  }

  private double y(double ms) {
    return plotY + plotH * (logMax - Math.log10(ms)) / (logMax - logMin);
  }
}
