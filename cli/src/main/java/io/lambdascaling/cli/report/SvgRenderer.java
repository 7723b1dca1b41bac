package io.lambdascaling.cli.report;

import java.awt.Color;
import java.util.Locale;

/** Writes a {@link Drawing} as SVG text, by hand: the same marks as the PNG. */
final class SvgRenderer {

  private SvgRenderer() {}

  static String svg(Drawing d) {
    StringBuilder s = new StringBuilder();
    s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append(
            f(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0"
                    + " %d %d\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n",
                d.width, d.height, d.width, d.height))
        .append(f("<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", d.width, d.height));
    for (Drawing.Mark m : d.marks) {
      s.append(mark(m)).append('\n');
    }
    return s.append("</svg>\n").toString();
  }

  private static String mark(Drawing.Mark mark) {
    if (mark instanceof Drawing.Line l) {
      return line(l);
    }
    if (mark instanceof Drawing.Polyline p) {
      return polyline(p);
    }
    if (mark instanceof Drawing.Dot c) {
      return dot(c);
    }
    if (mark instanceof Drawing.Rect r) {
      return rect(r);
    }
    return text((Drawing.Text) mark);
  }

  private static String line(Drawing.Line l) {
    return f(
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
            + " stroke-width=\"%.1f\"%s/>",
        l.x1(),
        l.y1(),
        l.x2(),
        l.y2(),
        hex(l.color()),
        l.width(),
        l.dashed() ? " stroke-dasharray=\"5 4\"" : " stroke-linecap=\"round\"");
  }

  private static String polyline(Drawing.Polyline p) {
    StringBuilder points = new StringBuilder();
    for (int i = 0; i < p.xs().length; i++) {
      points.append(i == 0 ? "" : " ").append(f("%.1f,%.1f", p.xs()[i], p.ys()[i]));
    }
    return f(
        "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\""
            + " stroke-linejoin=\"round\" stroke-linecap=\"round\"/>",
        points, hex(p.color()), p.width());
  }

  private static String dot(Drawing.Dot c) {
    return f(
        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" stroke=\"%s\""
            + " stroke-width=\"%.1f\"/>",
        c.x(),
        c.y(),
        c.radius(),
        c.fill() == null ? "#ffffff" : hex(c.fill()),
        hex(c.stroke()),
        c.width());
  }

  private static String rect(Drawing.Rect r) {
    return f(
        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"%s/>",
        r.x(),
        r.y(),
        r.width(),
        r.height(),
        r.fill() == null ? "none" : hex(r.fill()),
        r.stroke() == null ? "" : " stroke=\"" + hex(r.stroke()) + "\" stroke-width=\"1\"");
  }

  private static String text(Drawing.Text t) {
    String anchor =
        switch (t.anchor()) {
          case START -> "start";
          case MIDDLE -> "middle";
          case END -> "end";
        };
    return f(
        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\" fill=\"%s\" text-anchor=\"%s\"%s%s>"
            + "%s</text>",
        t.x(),
        t.y(),
        t.size(),
        hex(t.color()),
        anchor,
        t.bold() ? " font-weight=\"bold\"" : "",
        t.vertical() ? f(" transform=\"rotate(-90 %.1f %.1f)\"", t.x(), t.y()) : "",
        escape(t.text()));
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static String hex(Color c) {
    return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
