package io.lambdascaling.cli.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Draws a {@link Drawing} into a PNG with Java2D, headless. */
final class PngRenderer {

  private PngRenderer() {}

  static byte[] png(Drawing d) {
    // No display is needed or wanted; must be set before the first AWT toolkit use.
    System.setProperty("java.awt.headless", "true");
    BufferedImage image = new BufferedImage(d.width, d.height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, d.width, d.height);
      for (Drawing.Mark m : d.marks) {
        draw(g, m);
      }
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void draw(Graphics2D g, Drawing.Mark mark) {
    if (mark instanceof Drawing.Line l) {
      g.setColor(l.color());
      g.setStroke(stroke(l.width(), l.dashed()));
      g.draw(new Line2D.Double(l.x1(), l.y1(), l.x2(), l.y2()));
    } else if (mark instanceof Drawing.Polyline p) {
      Path2D.Double path = new Path2D.Double();
      for (int i = 0; i < p.xs().length; i++) {
        if (i == 0) {
          path.moveTo(p.xs()[i], p.ys()[i]);
        } else {
          path.lineTo(p.xs()[i], p.ys()[i]);
        }
      }
      g.setColor(p.color());
      g.setStroke(stroke(p.width(), false));
      g.draw(path);
    } else if (mark instanceof Drawing.Dot c) {
      double r = c.radius();
      Ellipse2D.Double e = new Ellipse2D.Double(c.x() - r, c.y() - r, 2 * r, 2 * r);
      g.setColor(c.fill() == null ? Color.WHITE : c.fill());
      g.fill(e);
      g.setColor(c.stroke());
      g.setStroke(stroke(c.width(), false));
      g.draw(e);
    } else if (mark instanceof Drawing.Rect r) {
      Rectangle2D.Double rect = new Rectangle2D.Double(r.x(), r.y(), r.width(), r.height());
      if (r.fill() != null) {
        g.setColor(r.fill());
        g.fill(rect);
      }
      if (r.stroke() != null) {
        g.setColor(r.stroke());
        g.setStroke(stroke(1, false));
        g.draw(rect);
      }
    } else if (mark instanceof Drawing.Text t) {
      text(g, t);
    }
  }

  private static void text(Graphics2D g, Drawing.Text t) {
    g.setFont(
        new Font(Font.SANS_SERIF, t.bold() ? Font.BOLD : Font.PLAIN, (int) Math.round(t.size())));
    g.setColor(t.color());
    double w = g.getFontMetrics().getStringBounds(t.text(), g).getWidth();
    double shift =
        switch (t.anchor()) {
          case START -> 0;
          case MIDDLE -> -w / 2;
          case END -> -w;
        };
    AffineTransform saved = g.getTransform();
    g.translate(t.x(), t.y());
    if (t.vertical()) {
      g.rotate(-Math.PI / 2);
    }
    g.drawString(t.text(), (float) shift, 0f);
    g.setTransform(saved);
  }

  private static BasicStroke stroke(double width, boolean dashed) {
    return dashed
        ? new BasicStroke(
            (float) width,
            BasicStroke.CAP_BUTT,
            BasicStroke.JOIN_ROUND,
            10f,
            new float[] {5f, 4f},
            0f)
        : new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  }
}
