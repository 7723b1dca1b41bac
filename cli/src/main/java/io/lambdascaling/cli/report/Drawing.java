package io.lambdascaling.cli.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * A picture as a list of marks in pixel coordinates (y down), drawn in order: one model that the
 * PNG and the SVG renderers both draw, so the two files cannot disagree.
 */
final class Drawing {

  /** One thing drawn. */
  sealed interface Mark permits Line, Polyline, Dot, Rect, Text {}

  record Line(double x1, double y1, double x2, double y2, Color color, double width, boolean dashed)
      implements Mark {}

  record Polyline(double[] xs, double[] ys, Color color, double width) implements Mark {}

  /** A circle; hollow (white inside) when fill is null. */
  record Dot(double x, double y, double radius, Color fill, Color stroke, double width)
      implements Mark {}

  /** A rectangle; no fill or no outline when that colour is null. */
  record Rect(double x, double y, double width, double height, Color fill, Color stroke)
      implements Mark {}

  enum Anchor {
    START,
    MIDDLE,
    END
  }

  /** Text with its baseline at y; turned 90 degrees anticlockwise about (x, y) when vertical. */
  record Text(
      double x,
      double y,
      String text,
      double size,
      Color color,
      Anchor anchor,
      boolean bold,
      boolean vertical)
      implements Mark {}

  final int width;
  final int height;
  final List<Mark> marks = new ArrayList<>();

  Drawing(int width, int height) {
    this.width = width;
    this.height = height;
  }

  Drawing add(Mark mark) {
    marks.add(mark);
    return this;
  }

  Drawing text(double x, double y, String text, double size, Color color, Anchor anchor) {
    return add(new Text(x, y, text, size, color, anchor, false, false));
  }
}
