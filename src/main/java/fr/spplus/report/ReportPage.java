package fr.spplus.report;

import static fr.spplus.report.Html.attr;
import static fr.spplus.report.Html.count;
import static fr.spplus.report.Html.percent;
import static fr.spplus.report.Html.text;
import static fr.spplus.report.Html.when;

import fr.spplus.report.ReportData.RunSummary;
import fr.spplus.report.ReportModel.Summary;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The report as one self-contained HTML page: inline CSS and inline SVG, no script, no external
 * resource of any kind. A Content-Security-Policy forbids scripts and every load, so that even a
 * name that slipped past escaping could run nothing and fetch nothing. Every figure comes from a
 * {@link ReportModel}, computed first from {@link ReportData} (gold and audit rows) with the small
 * cells withheld by {@link SmallCellPolicy}; this class only renders it: the header, the summary
 * tiles, the small-cell note, each {@link ReportSection} in order, the footer. Every data-born
 * string is escaped by {@link Html}.
 */
final class ReportPage {

  static final String TITLE = "SP+ experiences — report";

  /** Scripts, frames, fonts, images, fetches: none. Only the page's own inline styles apply. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

  private final ReportModel model;
  private final ReportData data;
  private final SmallCellPolicy policy;
  private final Instant generatedAt;

  private ReportPage(ReportModel model, Instant generatedAt) {
    this.model = model;
    this.data = model.data();
    this.policy = model.policy();
    this.generatedAt = generatedAt;
  }

  /**
   * @param minCellSize K: figures describing fewer than K experiences are withheld
   * @return the whole page
   */
  static String render(ReportData data, int minCellSize, Instant generatedAt) {
    return render(ReportModel.of(data, minCellSize), generatedAt);
  }

  static String render(ReportModel model, Instant generatedAt) {
    return new ReportPage(model, generatedAt).page();
  }

  private String page() {
    StringBuilder html = new StringBuilder(200_000);
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(attr(CONTENT_SECURITY_POLICY))
        .append("\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<meta name=\"color-scheme\" content=\"light\">")
        .append("<meta name=\"generator\" content=\"spplus report\">")
        .append("<title>").append(text(TITLE)).append("</title><style>").append(CSS).append("</style></head>")
        .append("<body>");
    html.append(header());
    html.append("<main class=\"wrap\">");
    html.append(failedRunWarning());
    html.append(tiles());
    html.append(smallCellNote());
    model.sections().forEach(section -> html.append(section.html()));
    html.append("</main>");
    html.append(footer());
    html.append("</body></html>\n");
    return html.toString();
  }

  // ------------------------------------------------------------------ header, tiles, notes

  private String header() {
    RunSummary run = data.run();
    return "<header class=\"top\"><div class=\"wrap\"><h1>Services Publics+ — user experiences</h1>"
        + "<p class=\"sub\">Indicators of the warehouse <code>" + text(data.warehouse())
        + "</code> as written by run <code>"
        + text(run.runId()) + "</code> (" + text(run.status()) + ", finished " + text(when(run.finishedAt()))
        + "). Report generated " + text(when(generatedAt)) + ", Paris time.</p></div></header>";
  }

  private String failedRunWarning() {
    RunSummary failed = data.failedAfter();
    if (failed == null) {
      return "";
    }
    return "<div class=\"warning\" id=\"failed-run\" role=\"alert\"><strong>The latest run, <code>"
        + text(failed.runId()) + "</code>, failed</strong> (started " + text(when(failed.startedAt())) + "): "
        + text(failed.error() == null ? "no error message" : failed.error())
        + ". Its tables were not published; this report shows run <code>" + text(data.run().runId())
        + "</code>, the last run that finished.</div>";
  }

  private String tiles() {
    Summary s = model.summary();
    String withheld = policy.mark();
    StringBuilder b = new StringBuilder("<section class=\"tiles\" id=\"summary\" aria-label=\"Summary\">");
    b.append(Cards.tile("tile-experiences", "Experiences", s.shown() ? count(s.experiences()) : withheld,
        "published on Services Publics+, all regions"));
    b.append(Cards.tile("tile-response-rate", "Answered",
        s.shown() ? percent(rate(s.answered(), s.experiences())) : withheld,
        s.shown() ? count(s.answered()) + " experiences with a first response or treated" : ""));
    b.append(Cards.tile("tile-negative", "Négatif",
        s.shown() ? percent(rate(s.negative(), s.experiences())) : withheld,
        s.shown() ? count(s.negative()) + " experiences with a negative sentiment" : ""));
    b.append(Cards.tile("tile-conversion", "Conversion after answers",
        s.conversionShown() ? percent(rate(s.negativeConverted(), s.negativeRated())) : withheld,
        s.conversionShown() ? count(s.negativeConverted()) + " of " + count(s.negativeRated())
            + " rated Négatif experiences rated « utile »" : "fewer than K rated Négatif experiences"));
    return b.append("</section>").toString();
  }

  private String smallCellNote() {
    int k = policy.k();
    return "<p class=\"note\" id=\"small-cell-note\"><strong>Small cells.</strong> So that no figure can single "
        + "out a person, every figure describing fewer than <strong>K = " + k + "</strong> experiences is "
        + "withheld (shown hatched, or as <span class=\"lt\">" + text(policy.mark()) + "</span>), as are rows the run "
        + "flagged <code>small_cell</code>. Where a total is shown, the next smallest figures are withheld too, "
        + "so that a withheld one cannot be recovered by subtraction. In this report: <strong id=\"withheld-count\">"
        + model.tally().forSize() + "</strong> figures withheld for their size, <strong id=\"complementary-count\">"
        + model.tally().complementary() + "</strong> more to protect them. K is set with <code>--min-cell-size</code> "
        + "(default 5)" + runThreshold() + ".</p>";
  }

  /** What the run that wrote the gold used as K, when it recorded it. */
  private String runThreshold() {
    Integer runK = data.goldMinCellSize();
    if (runK == null) {
      return "";
    }
    return "; the run that computed these tables flagged rows under <span id=\"run-k\">K = " + runK + "</span>"
        + (runK > policy.k() ? ", stricter than this report: its flags are honoured" : "");
  }

  // ------------------------------------------------------------------ footer

  private String footer() {
    Map<String, Long> versions = new LinkedHashMap<>(data.tableVersions());
    String list = versions.entrySet().stream()
        .map(e -> "<code>" + text(e.getKey()) + "</code> v" + (e.getValue() < 0 ? "–" : e.getValue()))
        .collect(Collectors.joining(", "));
    return "<footer class=\"wrap\"><p>Every figure comes from the gold and audit Delta tables, read at the versions "
        + "the run recorded: " + list + ". Definitions: docs/gold-metrics.md; small cells: docs/report.md.</p>"
        + "</footer>";
  }

  private static Double rate(long numerator, long denominator) {
    return denominator == 0 ? null : (double) numerator / denominator;
  }

  private static final String CSS = """
      :root{--ink:#1f2937;--muted:#6b7280;--line:#e5e7eb;--bg:#f4f5f7;--accent:#1d4ed8}
      *{box-sizing:border-box}
      body{margin:0;background:var(--bg);color:var(--ink);
        font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Liberation Sans","DejaVu Sans",sans-serif}
      .wrap{max-width:1240px;margin:0 auto;padding:0 32px}
      header.top{background:linear-gradient(120deg,#1e3a8a,#1d4ed8);color:#fff;padding:26px 0 22px}
      header.top h1{margin:0 0 6px;font-size:28px;font-weight:700;letter-spacing:-.01em}
      header.top .sub{margin:0;opacity:.92;font-size:14px}
      header.top code{background:rgba(255,255,255,.16);color:#fff}
      main.wrap{padding-top:26px;padding-bottom:12px}
      code{font:13px ui-monospace,"DejaVu Sans Mono",monospace;background:#eef0f4;padding:1px 5px;border-radius:4px;
        overflow-wrap:anywhere}
      .tiles{display:grid;grid-template-columns:repeat(4,1fr);gap:16px;margin:0 0 18px}
      .tiles.small{grid-template-columns:repeat(8,1fr);gap:10px}
      .tile{background:#fff;border-radius:10px;padding:16px 18px;box-shadow:0 1px 2px rgba(0,0,0,.06);
        border-top:4px solid var(--accent)}
      .tiles.small .tile{padding:10px 12px;border-top-width:3px;border-top-color:#94a3b8}
      .tile .label{font-size:13px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
      .tile .value{font-size:30px;font-weight:700;line-height:1.2}
      .tiles.small .tile .value{font-size:22px}
      .tiles.small .tile .label{font-size:11px}
      .tile .detail{font-size:13px;color:var(--muted)}
      .note{background:#fffbeb;border:1px solid #fde68a;border-radius:8px;padding:10px 14px;font-size:14px}
      .warning{background:#fef2f2;border:1px solid #fecaca;color:#7f1d1d;border-radius:8px;padding:12px 16px;
        margin:0 0 18px}
      .card{background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.07);padding:22px 26px 16px;
        margin:0 0 22px}
      .card h2{margin:0 0 4px;font-size:21px}
      .card h3{margin:18px 0 4px;font-size:16px}
      .lede{margin:0 0 14px;color:#4b5563;max-width:900px}
      figure{margin:0}
      figure svg{display:block;width:100%;height:auto;font-family:inherit}
      .source{color:var(--muted);font-size:12px;margin:8px 0 0}
      details{margin-top:10px}
      summary{cursor:pointer;color:var(--accent);font-size:14px}
      .scroll{overflow-x:auto}
      table.data{border-collapse:collapse;font-size:13px;margin-top:8px;width:100%}
      table.data th{text-align:left;background:#f1f5f9;font-weight:600;white-space:nowrap}
      table.data th,table.data td{padding:5px 9px;border-bottom:1px solid var(--line);vertical-align:top}
      table.data td{overflow-wrap:break-word;word-break:break-word}
      table.data td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
      .badge{display:inline-block;padding:0 8px;border-radius:10px;font-size:13px;font-weight:600;
        background:#e5e7eb}
      .badge.succeeded{background:#dcfce7;color:#166534}
      .badge.partial{background:#fef3c7;color:#92400e}
      .badge.failed{background:#fee2e2;color:#991b1b}
      .lt{font-style:italic;color:var(--muted)}
      footer{color:var(--muted);font-size:12px;padding-bottom:28px}
      """;
}
