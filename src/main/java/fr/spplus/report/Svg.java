package fr.spplus.report;

import static fr.spplus.report.Html.attr;
import static fr.spplus.report.Html.n;

/**
 * A small writer of inline SVG: shapes with coordinates, and text that is always escaped. Each
 * drawing gets its own id prefix, so that its hatch pattern (the mark of a withheld figure) has an
 * id unique in the page.
 */
final class Svg {

  static final String INK = "#1f2937";
  static final String MUTED = "#6b7280";
  static final String GRID = "#e5e7eb";

  private final StringBuilder out = new StringBuilder(8_192);
  private final String id;

  /**
   * @param id the element id (tests and links find the chart by it)
   * @param label what the chart shows, for screen readers (aria-label)
   */
  Svg(String id, String label, double width, double height) {
    this.id = id;
    out.append("<svg id=\"").append(attr(id)).append("\" role=\"img\" aria-label=\"").append(attr(label))
        .append("\" viewBox=\"0 0 ").append(n(width)).append(' ').append(n(height))
        .append("\" width=\"").append(n(width)).append("\" preserveAspectRatio=\"xMinYMin meet\">")
        .append("<defs><pattern id=\"").append(attr(hatchId())).append("\" patternUnits=\"userSpaceOnUse\" ")
        .append("width=\"6\" height=\"6\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" ")
        .append("fill=\"#f3f4f6\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#c0c4cc\" ")
        .append("stroke-width=\"2\"/></pattern></defs>");
  }

  /** The fill of a withheld figure. */
  String hatch() {
    return "url(#" + hatchId() + ")";
  }

  private String hatchId() {
    return id + "-withheld";
  }

  /**
   * Opens a group.
   *
   * @param tooltip its SVG title (escaped), or null
   * @param attributes name, value, name, value…: names are the caller's constants, values are
   *     escaped
   */
  Svg group(String tooltip, String... attributes) {
    out.append("<g");
    for (int i = 0; i + 1 < attributes.length; i += 2) {
      out.append(' ').append(attributes[i]).append("=\"").append(attr(attributes[i + 1])).append('"');
    }
    out.append('>');
    if (tooltip != null) {
      out.append("<title>").append(Html.text(tooltip)).append("</title>");
    }
    return this;
  }

  Svg end() {
    out.append("</g>");
    return this;
  }

  Svg rect(double x, double y, double w, double h, String fill) {
    return rect(x, y, w, h, fill, null);
  }

  Svg rect(double x, double y, double w, double h, String fill, String tooltip) {
    out.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"")
        .append(n(Math.max(0, w))).append("\" height=\"").append(n(Math.max(0, h))).append("\" fill=\"")
        .append(attr(fill)).append('"');
    if (tooltip == null) {
      out.append("/>");
    } else {
      out.append("><title>").append(Html.text(tooltip)).append("</title></rect>");
    }
    return this;
  }

  Svg line(double x1, double y1, double x2, double y2, String stroke, double width) {
    out.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
        .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(attr(stroke)).append("\" stroke-width=\"")
        .append(n(width)).append("\"/>");
    return this;
  }

  /**
   * Text at (x, y), escaped.
   *
   * @param anchor start, middle or end
   * @param style extra attributes, written as given (constants of the caller, never data)
   */
  Svg text(double x, double y, String raw, String anchor, String style) {
    out.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"")
        .append(anchor).append('"');
    if (style != null && !style.isEmpty()) {
      out.append(' ').append(style);
    }
    out.append('>').append(Html.text(raw)).append("</text>");
    return this;
  }

  /** Text whose full value is in a tooltip, shown shortened to {@code max} characters. */
  Svg label(double x, double y, String raw, int max, String anchor, String style) {
    String shown = Html.shorten(raw, max);
    if (shown.equals(raw == null ? "" : raw)) {
      return text(x, y, shown, anchor, style);
    }
    out.append("<g><title>").append(Html.text(raw)).append("</title>");
    text(x, y, shown, anchor, style);
    out.append("</g>");
    return this;
  }

  String close() {
    return out + "</svg>";
  }

  /** {@code colour} mixed with white: t = 0 is white, 1 the colour. */
  static String tint(String colour, double t) {
    double c = Math.max(0, Math.min(1, t));
    int r = Integer.parseInt(colour.substring(1, 3), 16);
    int g = Integer.parseInt(colour.substring(3, 5), 16);
    int b = Integer.parseInt(colour.substring(5, 7), 16);
    return String.format("#%02x%02x%02x", mix(r, c), mix(g, c), mix(b, c));
  }

  private static int mix(int channel, double t) {
    return (int) Math.round(255 + (channel - 255) * t);
  }

  /**
   * Round axis ticks from 0 to at least {@code max}: a step of 1, 2 or 5 times a power of ten, the
   * smallest that needs at most {@code intervals} steps (a step of at least 1 when {@code whole}).
   */
  static double[] ticks(double max, int intervals, boolean whole) {
    double top = max > 0 ? max : 1;
    double step = Math.pow(10, Math.floor(Math.log10(top / intervals)));
    while (true) {
      for (double m : new double[] {1, 2, 5}) {
        double candidate = m * step;
        if ((!whole || candidate >= 1) && Math.ceil(top / candidate - 1e-9) <= intervals) {
          int n = (int) Math.ceil(top / candidate - 1e-9);
          double[] ticks = new double[n + 1];
          for (int i = 0; i <= n; i++) {
            ticks[i] = i * candidate;
          }
          return ticks;
        }
      }
      step *= 10;
    }
  }
}
