package fr.spplus.report;

import static fr.spplus.report.Svg.GRID;
import static fr.spplus.report.Svg.MUTED;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * The report's charts as inline SVG, drawn from figures the page has already filtered through
 * {@link SmallCellPolicy}: a chart never decides what may be shown, it draws a withheld figure as a
 * hatched mark and says "withheld". All text passes through {@link Svg}, which escapes it.
 */
final class Charts {

  /** The width of every chart, in SVG units (the page scales it to the column). */
  static final double WIDTH = 1160;

  static final String RATE = "#2563eb";
  static final String DELAY = "#0d9488";
  static final String PENDING = "#f59e0b";
  static final String TOTAL = "#dbe4f0";
  static final String CONVERSION = "#16a34a";
  static final String POSITIVE = "#2b83ba";
  static final String NEUTRAL = "#b8bcc4";
  static final String NEGATIVE = "#e4572e";
  static final String UNKNOWN = "#e8e2d0";
  static final String BUSINESS = "#6d28d9";
  static final String QUARANTINE = "#b45309";
  static final String BACKLOG_OLD = "#9a3412";

  private static final String BOLD = "font-weight=\"600\"";
  private static final String SMALL_MUTED = "font-size=\"11\" fill=\"" + MUTED + "\"";
  private static final String ROW_TEXT = "font-size=\"13\"";
  private static final String VALUE_TEXT = "font-size=\"12\"";
  private static final String WITHHELD_TEXT = "font-size=\"12\" font-style=\"italic\" fill=\"" + MUTED + "\"";
  private static final double[] PERCENT_TICKS = {0, 0.25, 0.5, 0.75, 1};
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yy", Locale.UK);

  private Charts() {}

  // ------------------------------------------------------------------ region bars

  /** One region of the response chart; {@code withheld} rows carry no figure. */
  record RegionBar(String label, long experiences, Double responseRate, Double medianDelayHours,
                   Double p90DelayHours, boolean withheld) {}

  /** Response rate and median delay by region: two bar panels sharing the region rows. */
  static String regionResponse(String id, List<RegionBar> rows) {
    double labelX = 0;
    double countX = 318;
    double aX = 346;
    double bX = 770;
    double panelW = 360;
    double top = 56;
    double rowH = 26;
    double height = top + rows.size() * rowH + 34;
    double[] delayTicks = Svg.ticks(rows.stream().filter(r -> !r.withheld() && r.medianDelayHours() != null)
        .mapToDouble(RegionBar::medianDelayHours).max().orElse(1), 5, false);
    double maxDelay = delayTicks[delayTicks.length - 1];
    Svg svg = new Svg(id, "Response rate and median delay to the first response, by region", WIDTH, height);
    svg.text(labelX, 18, "Region", "start", BOLD + " " + ROW_TEXT)
        .text(countX, 18, "Experiences", "end", BOLD + " " + ROW_TEXT)
        .text(aX, 18, "Response rate (answered / experiences)", "start", BOLD + " " + ROW_TEXT)
        .text(bX, 18, "Median delay to the first response (hours)", "start", BOLD + " " + ROW_TEXT);
    axis(svg, aX, panelW, PERCENT_TICKS, top, height - 28, Charts::wholePercent);
    axis(svg, bX, panelW, delayTicks, top, height - 28, v -> Html.n(v).replace(".0", "") + " h");
    double y = top;
    for (RegionBar r : rows) {
      double mid = y + rowH / 2;
      if (r.withheld()) {
        svg.group("Withheld: fewer than K experiences, or needed to keep another region from being derived",
            "class", "region-row withheld", "data-region", r.label());
        svg.label(labelX, mid + 4, r.label(), 34, "start", WITHHELD_TEXT)
            .text(countX, mid + 4, "withheld", "end", WITHHELD_TEXT)
            .rect(aX, mid - 7, 54, 14, svg.hatch())
            .rect(bX, mid - 7, 54, 14, svg.hatch())
            .end();
      } else {
        svg.group(r.label() + ": " + Html.count(r.experiences()) + " experiences, response rate "
                + Html.percent(r.responseRate()) + ", median delay " + Html.hours(r.medianDelayHours())
                + ", p90 delay " + Html.hours(r.p90DelayHours()),
            "class", "region-row", "data-region", r.label(), "data-experiences", Long.toString(r.experiences()));
        svg.label(labelX, mid + 4, r.label(), 34, "start", ROW_TEXT)
            .text(countX, mid + 4, Html.count(r.experiences()), "end", ROW_TEXT + " class=\"experiences\"");
        double rate = r.responseRate() == null ? 0 : r.responseRate();
        bar(svg, aX, mid, rate * panelW, panelW, RATE, Html.percent(r.responseRate()));
        if (r.medianDelayHours() == null) {
          svg.text(bX + 4, mid + 4, "no delay known", "start", WITHHELD_TEXT);
        } else {
          bar(svg, bX, mid, r.medianDelayHours() / maxDelay * panelW, panelW, DELAY,
              Html.hours(r.medianDelayHours()));
        }
        svg.end();
      }
      y += rowH;
    }
    return svg.close();
  }

  private static void bar(Svg svg, double x, double mid, double w, double panelW, String colour, String value) {
    svg.rect(x, mid - 8, Math.max(w, 1), 16, colour);
    if (w > panelW - 56) {
      svg.text(x + w - 5, mid + 4, value, "end", VALUE_TEXT + " fill=\"#ffffff\" " + BOLD);
    } else {
      svg.text(x + w + 5, mid + 4, value, "start", VALUE_TEXT);
    }
  }

  /** Vertical grid lines at {@code ticks} (the last one is the axis' end), labelled above. */
  private static void axis(Svg svg, double x, double w, double[] ticks, double top, double bottom,
                           DoubleFunction<String> format) {
    double max = ticks[ticks.length - 1];
    for (int i = 0; i < ticks.length; i++) {
      double gx = x + w * ticks[i] / max;
      svg.line(gx, top - 6, gx, bottom, GRID, 1);
      svg.text(gx, top - 12, format.apply(ticks[i]), i == 0 ? "start" : i == ticks.length - 1 ? "end" : "middle",
          SMALL_MUTED);
    }
  }

  private static String wholePercent(double rate) {
    return Math.round(rate * 100) + "%";
  }

  // ------------------------------------------------------------------ monthly small multiples

  /** One month of one region: sentiment counts, or withheld. */
  record MonthCell(LocalDate month, long negative, long neutral, long positive, long unknown, boolean withheld) {

    long total() {
      return negative + neutral + positive + unknown;
    }
  }

  /** One region's panel. */
  record MonthlyPanel(String label, long experiences, List<MonthCell> cells) {}

  /** Monthly volume by sentiment, one panel per region, all panels on the same scales. */
  static String monthlySentiment(String id, List<MonthlyPanel> panels, List<LocalDate> months) {
    int columns = 4;
    double gap = 16;
    double panelW = (WIDTH - gap * (columns - 1)) / columns;
    double panelH = 178;
    double legendH = 34;
    int panelRows = (panels.size() + columns - 1) / columns;
    double height = legendH + panelRows * (panelH + gap);
    long max = panels.stream().flatMap(p -> p.cells().stream()).filter(c -> !c.withheld())
        .mapToLong(MonthCell::total).max().orElse(1);
    double[] yTicks = Svg.ticks(max, 3, true);
    double yMax = yTicks[yTicks.length - 1];
    Svg svg = new Svg(id, "Monthly volume of experiences by sentiment, one panel per region", WIDTH, height);
    double lx = 0;
    for (String[] item : new String[][] {{NEGATIVE, "Négatif"}, {NEUTRAL, "Neutre"}, {POSITIVE, "Positif"},
        {UNKNOWN, "no sentiment"}}) {
      svg.rect(lx, 8, 14, 14, item[0]).text(lx + 20, 20, item[1], "start", ROW_TEXT);
      lx += 34 + item[1].length() * 7.5;
    }
    svg.rect(lx, 8, 14, 14, svg.hatch()).text(lx + 20, 20, "withheld month (small cell)", "start", ROW_TEXT);
    svg.text(WIDTH, 20, "Same vertical scale in every panel: 0 to " + Html.count((long) yMax) + " experiences",
        "end", SMALL_MUTED);
    for (int i = 0; i < panels.size(); i++) {
      MonthlyPanel p = panels.get(i);
      double px = (i % columns) * (panelW + gap);
      double py = legendH + (i / columns) * (panelH + gap);
      panel(svg, p, months, px, py, panelW, panelH, yTicks);
    }
    return svg.close();
  }

  private static void panel(Svg svg, MonthlyPanel p, List<LocalDate> months, double px, double py, double w,
                            double h, double[] yTicks) {
    double yMax = yTicks[yTicks.length - 1];
    svg.group(null, "class", "month-panel", "data-region", p.label(), "data-experiences",
        Long.toString(p.experiences()));
    svg.rect(px, py, w, h, "#fbfbfc");
    svg.label(px + 8, py + 17, p.label(), 27, "start", BOLD + " " + ROW_TEXT)
        .text(px + w - 8, py + 17, Html.count(p.experiences()), "end", SMALL_MUTED);
    double plotX = px + 34;
    double plotW = w - 42;
    double plotTop = py + 30;
    double plotH = h - 56;
    double base = plotTop + plotH;
    for (double tick : yTicks) {
      double gy = base - plotH * tick / yMax;
      svg.line(plotX, gy, plotX + plotW, gy, tick == 0 ? "#9ca3af" : GRID, 1);
      svg.text(plotX - 4, gy + 4, Html.count(Math.round(tick)), "end", SMALL_MUTED);
    }
    double band = plotW / Math.max(1, months.size());
    double barW = Math.max(1, band * 0.76);
    for (MonthCell c : p.cells()) {
      int index = months.indexOf(c.month());
      double x = plotX + index * band + (band - barW) / 2;
      String when = c.month().format(MONTH);
      if (c.withheld()) {
        svg.rect(x, base - 7, barW, 7, svg.hatch(), p.label() + ", " + when + ": withheld (small cell)");
        continue;
      }
      svg.group(p.label() + ", " + when + ": " + Html.count(c.total()) + " experiences (Négatif "
          + c.negative() + ", Neutre " + c.neutral() + ", Positif " + c.positive() + ", no sentiment "
          + c.unknown() + ")");
      double y = base;
      for (Object[] part : new Object[][] {{c.negative(), NEGATIVE}, {c.neutral(), NEUTRAL},
          {c.positive(), POSITIVE}, {c.unknown(), UNKNOWN}}) {
        double hh = (Long) part[0] / yMax * plotH;
        svg.rect(x, y - hh, barW, hh, (String) part[1]);
        y -= hh;
      }
      svg.end();
    }
    int lastLabelled = -99;
    for (int i = 0; i < months.size(); i++) {
      boolean edge = i == 0 || i == months.size() - 1;
      boolean january = months.get(i).getMonthValue() == 1;
      if ((edge || january) && i - lastLabelled >= 3 || months.size() <= 6) {
        String anchor = i == 0 ? "start" : i == months.size() - 1 ? "end" : "middle";
        double lx = plotX + band * (i == 0 ? 0 : i == months.size() - 1 ? i + 1 : i + 0.5);
        svg.text(lx, base + 15, months.get(i).format(MONTH), anchor, SMALL_MUTED);
        lastLabelled = i;
      }
    }
    svg.end();
  }

  // ------------------------------------------------------------------ ranked bars

  /**
   * The geometry of a chart with one labelled bar per row: label column width, bar area width,
   * height above the first row, row height, margin below the last row.
   */
  record RowLayout(double labelW, double barW, double top, double rowH, double bottom) {
    double barX() {
      return labelW + 10;
    }

    /** The chart's height for n rows (room for one row when there are none, for the message). */
    double height(int n) {
      return top + Math.max(1, n) * rowH + bottom;
    }
  }

  /** Rows labelled with long names (structures, typologies). */
  static final RowLayout NAMED_ROWS = new RowLayout(390, 560, 44, 28, 10);
  /** Rows of plain counts (quarantine reasons). */
  static final RowLayout COUNT_ROWS = new RowLayout(230, 700, 28, 26, 8);

  /** A structure and its pending experiences (experiences − answered). */
  record PendingBar(String label, String id, long pending, long experiences) {}

  /** The structures with the most pending experiences: pending over the structure's total. */
  static String pendingStructures(String id, List<PendingBar> rows) {
    RowLayout l = NAMED_ROWS;
    double height = l.height(rows.size());
    double[] ticks = Svg.ticks(rows.stream().mapToLong(PendingBar::experiences).max().orElse(1), 5, true);
    double max = ticks[ticks.length - 1];
    Svg svg = new Svg(id, "Structures with the most pending experiences", WIDTH, height);
    svg.text(0, 18, "Structure", "start", BOLD + " " + ROW_TEXT)
        .rect(l.barX(), 7, 14, 14, PENDING)
        .text(l.barX() + 20, 18, "pending (experiences − answered)", "start", ROW_TEXT)
        .rect(l.barX() + 270, 7, 14, 14, TOTAL).text(l.barX() + 290, 18, "answered", "start", ROW_TEXT);
    axisCounts(svg, l.barX(), l.barW(), ticks, l.top(), height - 8);
    double y = l.top();
    for (PendingBar r : rows) {
      double mid = y + l.rowH() / 2;
      double total = r.experiences() / max * l.barW();
      double pending = r.pending() / max * l.barW();
      svg.group(r.label() + " (" + r.id() + "): " + Html.count(r.pending()) + " pending of "
              + Html.count(r.experiences()) + " experiences",
          "class", "structure-row", "data-structure", r.label(), "data-pending", Long.toString(r.pending()));
      svg.label(l.labelW(), mid + 4, r.label(), 52, "end", ROW_TEXT)
          .rect(l.barX(), mid - 9, total, 18, TOTAL)
          .rect(l.barX(), mid - 9, pending, 18, PENDING)
          .text(l.barX() + total + 6, mid + 4, Html.count(r.pending()) + " pending of " + Html.count(r.experiences()),
              "start", VALUE_TEXT)
          .end();
      y += l.rowH();
    }
    if (rows.isEmpty()) {
      svg.text(l.barX(), l.top() + 18, "No structure with at least K experiences has pending experiences.", "start",
          WITHHELD_TEXT);
    }
    return svg.close();
  }

  /** A typology's conversion after answers: converted / rated negative experiences. */
  record RateBar(String label, String id, double rate, long numerator, long denominator) {}

  /** Conversion after answers by typology, as 0–100 % bars. */
  static String typologyConversion(String id, List<RateBar> rows) {
    RowLayout l = NAMED_ROWS;
    double height = l.height(rows.size());
    Svg svg = new Svg(id, "Conversion after answers by typology", WIDTH, height);
    svg.text(0, 18, "Typology", "start", BOLD + " " + ROW_TEXT)
        .text(l.barX(), 18, "Négatif experiences rated « utile » by their author, of those rated", "start",
            BOLD + " " + ROW_TEXT);
    axis(svg, l.barX(), l.barW(), PERCENT_TICKS, l.top(), height - 8, Charts::wholePercent);
    double y = l.top();
    for (RateBar r : rows) {
      double mid = y + l.rowH() / 2;
      svg.group(r.label() + " (" + r.id() + "): " + Html.count(r.numerator()) + " of "
              + Html.count(r.denominator()) + " rated Négatif experiences rated « utile »",
          "class", "typology-row", "data-typology", r.label(), "data-rate", Html.percent(r.rate()));
      svg.label(l.labelW(), mid + 4, r.label(), 52, "end", ROW_TEXT)
          .rect(l.barX(), mid - 9, l.barW(), 18, "#f1f5f9")
          .rect(l.barX(), mid - 9, Math.max(1, r.rate() * l.barW()), 18, CONVERSION);
      String value = Html.percent(r.rate()) + "  (" + Html.count(r.numerator()) + " of "
          + Html.count(r.denominator()) + ")";
      svg.text(l.barX() + l.barW() + 8, mid + 4, value, "start", VALUE_TEXT).end();
      y += l.rowH();
    }
    if (rows.isEmpty()) {
      svg.text(l.barX(), l.top() + 18, "No typology has at least K rated Négatif experiences.", "start",
          WITHHELD_TEXT);
    }
    return svg.close();
  }

  // ------------------------------------------------------------------ AI-assisted answers

  /**
   * One band of similarity to the AI draft: its useful rate over {@code rated} answers and its
   * conversion over {@code negativeRated}; a null rate is withheld (too few to show).
   */
  record BandBar(String band, String range, boolean withheld, Double usefulRate, long rated, Double conversionRate,
                 long negativeRated) {}

  /**
   * The bands side by side: useful rate and conversion rate as 0–100 % bars, each followed by the
   * number of rated answers it is computed over; a withheld band or rate is hatched.
   */
  static String aiBands(String id, List<BandBar> rows) {
    double labelW = 250;
    double aX = 262;
    double bX = 712;
    double panelW = 300;
    double top = 56;
    double rowH = 34;
    double height = top + Math.max(1, rows.size()) * rowH + 12;
    Svg svg = new Svg(id, "Useful rate and conversion rate of answers, by band of similarity to the AI draft",
        WIDTH, height);
    svg.text(0, 18, "Similarity to the AI draft", "start", BOLD + " " + ROW_TEXT)
        .text(aX, 18, "Rated answers rated « utile »", "start", BOLD + " " + ROW_TEXT)
        .text(bX, 18, "Négatif experiences: rated answers rated « utile »", "start", BOLD + " " + ROW_TEXT);
    axis(svg, aX, panelW, PERCENT_TICKS, top, height - 8, Charts::wholePercent);
    axis(svg, bX, panelW, PERCENT_TICKS, top, height - 8, Charts::wholePercent);
    double y = top;
    for (BandBar r : rows) {
      double mid = y + rowH / 2;
      String label = r.band() + " (" + r.range() + ")";
      if (r.withheld()) {
        svg.group(label + ": withheld, fewer than K experiences", "class", "ai-band-row withheld", "data-band",
            r.band());
        svg.text(labelW, mid + 4, label, "end", WITHHELD_TEXT)
            .rect(aX, mid - 8, 54, 16, svg.hatch())
            .rect(bX, mid - 8, 54, 16, svg.hatch())
            .text(aX + 62, mid + 4, "withheld", "start", WITHHELD_TEXT)
            .text(bX + 62, mid + 4, "withheld", "start", WITHHELD_TEXT)
            .end();
      } else {
        svg.group(label + ": useful rate " + rateText(r.usefulRate(), r.rated()) + " rated answers; conversion "
                + rateText(r.conversionRate(), r.negativeRated()) + " rated answers to Négatif experiences",
            "class", "ai-band-row", "data-band", r.band(), "data-useful-rate", rateText(r.usefulRate()),
            "data-conversion-rate", rateText(r.conversionRate()));
        svg.text(labelW, mid + 4, label, "end", ROW_TEXT);
        bandBar(svg, aX, mid, panelW, r.usefulRate(), r.rated(), RATE);
        bandBar(svg, bX, mid, panelW, r.conversionRate(), r.negativeRated(), CONVERSION);
        svg.end();
      }
      y += rowH;
    }
    if (rows.isEmpty()) {
      svg.text(aX, top + 18, "No answer read so far carries an AI similarity.", "start", WITHHELD_TEXT);
    }
    return svg.close();
  }

  /** A rate bar and, beside it, its value and the number of rated answers it is over; hatched when withheld. */
  private static void bandBar(Svg svg, double x, double mid, double panelW, Double rate, long rated, String colour) {
    svg.rect(x, mid - 9, panelW, 18, "#f1f5f9");
    if (rate == null) {
      svg.rect(x, mid - 9, 54, 18, svg.hatch())
          .text(x + panelW + 8, mid + 4, "withheld: fewer than K rated", "start", WITHHELD_TEXT);
      return;
    }
    svg.rect(x, mid - 9, Math.max(1, rate * panelW), 18, colour)
        .text(x + panelW + 8, mid + 4, Html.percent(rate) + "  (" + Html.count(rated) + " rated)", "start", VALUE_TEXT);
  }

  private static String rateText(Double rate) {
    return rate == null ? "withheld" : Html.percent(rate);
  }

  private static String rateText(Double rate, long rated) {
    return rate == null ? "withheld (fewer than K)" : Html.percent(rate) + " of " + Html.count(rated);
  }

  /** A plain count per category (quarantine reasons). */
  record CountBar(String label, long value) {}

  static String counts(String id, String ariaLabel, List<CountBar> rows, String colour) {
    if (rows.isEmpty()) {
      return new Svg(id, ariaLabel, WIDTH, 30).text(0, 20, "None.", "start", WITHHELD_TEXT).close();
    }
    RowLayout l = COUNT_ROWS;
    double height = l.height(rows.size());
    double[] ticks = Svg.ticks(rows.stream().mapToLong(CountBar::value).max().orElse(1), 5, true);
    double max = ticks[ticks.length - 1];
    Svg svg = new Svg(id, ariaLabel, WIDTH, height);
    axisCounts(svg, l.barX(), l.barW(), ticks, l.top(), height - 6);
    double y = l.top();
    for (CountBar r : rows) {
      double mid = y + l.rowH() / 2;
      double w = r.value() / max * l.barW();
      svg.group(r.label() + ": " + Html.count(r.value()), "class", "count-row", "data-label", r.label(),
          "data-value", Long.toString(r.value()));
      svg.label(l.labelW(), mid + 4, r.label(), 34, "end", ROW_TEXT)
          .rect(l.barX(), mid - 8, Math.max(1, w), 16, colour)
          .text(l.barX() + w + 6, mid + 4, Html.count(r.value()), "start", VALUE_TEXT)
          .end();
      y += l.rowH();
    }
    return svg.close();
  }

  private static void axisCounts(Svg svg, double x, double w, double[] ticks, double top, double bottom) {
    axis(svg, x, w, ticks, top, bottom, v -> Html.count(Math.round(v)));
  }

  // ------------------------------------------------------------------ backlog columns

  /**
   * One snapshot of the backlog chart: open experiences, those open over 30 days (a part of them),
   * out of the present ones; a withheld snapshot carries no figure.
   */
  record BacklogColumn(String label, long open, long openOver30Days, long present, boolean withheld) {}

  /**
   * Open experiences per snapshot as columns, oldest on the left, the part open for more than 30
   * days darker at the foot of each column. Every snapshot gets a column (evenly spaced: exports
   * are not); the axis names as many as fit.
   */
  static String backlog(String id, List<BacklogColumn> columns) {
    double left = 72;
    double top = 46;
    double plotH = 240;
    double bottom = top + plotH;
    double height = bottom + 40;
    double plotW = WIDTH - left - 8;
    double slot = plotW / Math.max(1, columns.size());
    double barW = Math.max(1, Math.min(56, slot * 0.7));
    double[] ticks = Svg.ticks(columns.stream().filter(c -> !c.withheld()).mapToLong(BacklogColumn::open).max()
        .orElse(1), 5, true);
    double max = ticks[ticks.length - 1];
    Svg svg = new Svg(id, "Open experiences at each snapshot, and those open for more than 30 days", WIDTH, height);
    svg.rect(left, 8, 14, 14, PENDING).text(left + 20, 19, "Open (present, not answered)", "start", ROW_TEXT)
        .rect(left + 250, 8, 14, 14, BACKLOG_OLD)
        .text(left + 270, 19, "of which open for more than 30 days", "start", ROW_TEXT);
    for (double t : ticks) {
      double y = bottom - t / max * plotH;
      svg.line(left, y, left + plotW, y, GRID, 1)
          .text(left - 6, y + 4, Html.count(Math.round(t)), "end", SMALL_MUTED);
    }
    int every = (int) Math.ceil(columns.size() / Math.max(1, Math.floor(plotW / 96)));
    for (int i = 0; i < columns.size(); i++) {
      BacklogColumn c = columns.get(i);
      double x = left + i * slot + (slot - barW) / 2;
      if (c.withheld()) {
        svg.group(c.label() + ": withheld, fewer than K experiences present", "class", "backlog-snapshot withheld",
            "data-snapshot", c.label());
        svg.rect(x, bottom - 24, barW, 24, svg.hatch()).end();
      } else {
        double h = c.open() / max * plotH;
        double hOld = c.openOver30Days() / max * plotH;
        svg.group(c.label() + ": " + Html.count(c.open()) + " open of " + Html.count(c.present())
                + " present, " + Html.count(c.openOver30Days()) + " of them for more than 30 days",
            "class", "backlog-snapshot", "data-snapshot", c.label(), "data-open", Long.toString(c.open()),
            "data-open-over-30-days", Long.toString(c.openOver30Days()));
        svg.rect(x, bottom - h, barW, Math.max(h, 1), PENDING);
        if (c.openOver30Days() > 0) {
          svg.rect(x, bottom - hOld, barW, Math.max(hOld, 1), BACKLOG_OLD);
        }
        if (slot >= 40) {
          svg.text(x + barW / 2, bottom - h - 5, Html.count(c.open()), "middle", VALUE_TEXT);
        }
        svg.end();
      }
      if (i % every == 0) {
        svg.text(x + barW / 2, bottom + 18, c.label(), "middle", SMALL_MUTED);
      }
    }
    svg.line(left, bottom, left + plotW, bottom, MUTED, 1);
    return svg.close();
  }

  // ------------------------------------------------------------------ heat maps

  /** A heat-map column: an optional group heading (spanning its columns), a label and a colour. */
  record HeatColumn(String group, String label, String colour) {}

  /** A cell: a share, a zero (no experience), or withheld. */
  record HeatCell(Double share, long experiences, boolean withheld) {

    static HeatCell zero() {
      return new HeatCell(0.0, 0, false);
    }

    static HeatCell hidden() {
      return new HeatCell(null, 0, true);
    }
  }

  record HeatRow(String label, long experiences, List<HeatCell> cells) {}

  /**
   * A region × category heat map of shares. Colour intensity is the share over the largest share
   * shown; the share is printed in every cell.
   *
   * @param rotatedHeadings column labels written at an angle (long, user-written labels)
   * @param withheldText what a withheld cell says (e.g. "&lt; 5")
   */
  static String heatMap(String id, String ariaLabel, List<HeatColumn> columns, List<HeatRow> rows,
                        boolean rotatedHeadings, String withheldText) {
    double labelW = 230;
    double countX = 300;
    double gridX = 316;
    double cellW = Math.min(84, (WIDTH - gridX - (rotatedHeadings ? 60 : 0)) / Math.max(1, columns.size()));
    double cellH = 28;
    double top = rotatedHeadings ? 132 : 52;
    double height = top + rows.size() * cellH + 6;
    double maxShare = rows.stream().flatMap(r -> r.cells().stream())
        .filter(c -> !c.withheld() && c.share() != null).mapToDouble(HeatCell::share).max().orElse(1);
    Svg svg = new Svg(id, ariaLabel, WIDTH, height);
    svg.text(0, top - 10, "Region", "start", BOLD + " " + ROW_TEXT)
        .text(countX, top - 10, "Experiences", "end", BOLD + " " + SMALL_MUTED);
    for (int c = 0; c < columns.size(); c++) {
      HeatColumn col = columns.get(c);
      double cx = gridX + c * cellW + cellW / 2;
      if (rotatedHeadings) {
        String shown = Html.shorten(col.label(), 26);
        svg.group(col.label(), "class", "heat-heading", "data-label", col.label(), "transform",
            "translate(" + Html.n(cx + 4) + " " + Html.n(top - 8) + ") rotate(-40)");
        svg.text(0, 0, shown, "start", ROW_TEXT).end();
      } else {
        boolean firstOfGroup = c == 0 || !col.group().equals(columns.get(c - 1).group());
        if (firstOfGroup) {
          int span = 1;
          while (c + span < columns.size() && columns.get(c + span).group().equals(col.group())) {
            span++;
          }
          svg.label(gridX + c * cellW + span * cellW / 2, 16, col.group(), 24, "middle", BOLD + " " + ROW_TEXT);
          svg.line(gridX + c * cellW + 4, 22, gridX + (c + span) * cellW - 4, 22, "#9ca3af", 1);
        }
        svg.text(cx, top - 10, col.label(), "middle", "font-size=\"12\" fill=\"" + col.colour() + "\" " + BOLD);
      }
    }
    double y = top;
    for (HeatRow r : rows) {
      svg.group(null, "class", "heat-row", "data-region", r.label());
      svg.label(0, y + cellH / 2 + 4, r.label(), 30, "start", ROW_TEXT)
          .text(countX, y + cellH / 2 + 4, Html.count(r.experiences()), "end", SMALL_MUTED);
      for (int c = 0; c < columns.size(); c++) {
        HeatColumn col = columns.get(c);
        HeatCell cell = r.cells().get(c);
        double x = gridX + c * cellW;
        String where = r.label() + " × " + (col.group() == null ? "" : col.group() + " ") + col.label();
        if (cell.withheld()) {
          svg.rect(x + 1, y + 1, cellW - 2, cellH - 2, svg.hatch(), where + ": withheld (small cell)");
          svg.text(x + cellW / 2, y + cellH / 2 + 4, withheldText, "middle", WITHHELD_TEXT);
          continue;
        }
        double t = cell.share() == null || maxShare <= 0 ? 0 : cell.share() / maxShare;
        String fill = cell.experiences() == 0 ? "#ffffff" : Svg.tint(col.colour(), 0.10 + 0.90 * t);
        svg.rect(x + 1, y + 1, cellW - 2, cellH - 2, fill, where + ": " + Html.percent(cell.share()) + " ("
            + Html.count(cell.experiences()) + " of " + Html.count(r.experiences()) + " experiences)");
        String ink = t > 0.55 ? "fill=\"#ffffff\"" : cell.experiences() == 0 ? "fill=\"#9ca3af\"" : "";
        svg.text(x + cellW / 2, y + cellH / 2 + 4, Html.percent(cell.share()), "middle", VALUE_TEXT + " " + ink);
      }
      svg.end();
      y += cellH;
    }
    return svg.close();
  }
}
