package fr.spplus.report;

import static fr.spplus.report.Html.attr;
import static fr.spplus.report.Html.count;
import static fr.spplus.report.Html.hours;
import static fr.spplus.report.Html.percent;
import static fr.spplus.report.Html.text;

import fr.spplus.report.Charts.CountBar;
import fr.spplus.report.Charts.HeatCell;
import fr.spplus.report.Charts.HeatColumn;
import fr.spplus.report.Charts.HeatRow;
import fr.spplus.report.Charts.MonthCell;
import fr.spplus.report.Charts.MonthlyPanel;
import fr.spplus.report.Charts.PendingBar;
import fr.spplus.report.Charts.RateBar;
import fr.spplus.report.Charts.RegionBar;
import fr.spplus.report.ReportData.BusinessTagShare;
import fr.spplus.report.ReportData.FileSummary;
import fr.spplus.report.ReportData.Region;
import fr.spplus.report.ReportData.RegionKpi;
import fr.spplus.report.ReportData.RegionMonth;
import fr.spplus.report.ReportData.RunSummary;
import fr.spplus.report.ReportData.StructureKpi;
import fr.spplus.report.ReportData.TagShare;
import fr.spplus.report.ReportData.TypologyKpi;
import fr.spplus.source.ClosedLists;
import fr.spplus.source.SourceColumns;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The report as one self-contained HTML page: inline CSS and inline SVG, no script, no external
 * resource of any kind. A Content-Security-Policy forbids scripts and every load, so that even a
 * name that slipped past escaping could run nothing and fetch nothing. Every figure comes from
 * {@link ReportData} (gold and audit rows) after {@link SmallCellPolicy} has withheld the small
 * cells; every data-born string is escaped by {@link Html}.
 */
final class ReportPage {

  static final String TITLE = "SP+ experiences — report";
  static final int TOP_STRUCTURES = 15;
  static final int TOP_TYPOLOGIES = 20;
  static final int TOP_BUSINESS_TAGS = 12;

  /** Scripts, frames, fonts, images, fetches: none. Only the page's own inline styles apply. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.UK);

  private final ReportData data;
  private final SmallCellPolicy policy;
  private final Instant generatedAt;
  private final List<RegionKpi> regions;
  private final SmallCellPolicy.Withheld<RegionKpi> withheldRegions;
  private int withheldRows;
  private int complementaryRows;

  private ReportPage(ReportData data, int minCellSize, Instant generatedAt) {
    this.data = data;
    this.policy = new SmallCellPolicy(minCellSize);
    this.generatedAt = generatedAt;
    List<RegionKpi> byVolume = new ArrayList<>(data.regions());
    byVolume.sort(Comparator.comparingLong(RegionKpi::experiences).reversed()
        .thenComparing(r -> r.region().label()));
    this.regions = byVolume;
    this.withheldRegions = policy.againstTotal(byVolume, RegionKpi::experiences,
        r -> policy.small(r.experiences(), r.smallCell()));
  }

  /**
   * @param minCellSize K: figures describing fewer than K experiences are withheld
   * @return the whole page
   */
  static String render(ReportData data, int minCellSize, Instant generatedAt) {
    return new ReportPage(data, minCellSize, generatedAt).page();
  }

  private String page() {
    String regionsSection = regionsSection();
    String monthly = monthlySection();
    String pending = pendingSection();
    String conversion = conversionSection();
    String tags = tagsSection();
    String quality = qualitySection();
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
    html.append(regionsSection).append(monthly).append(pending).append(conversion).append(tags).append(quality);
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
    long experiences = data.regions().stream().mapToLong(RegionKpi::experiences).sum();
    long answered = data.regions().stream().mapToLong(RegionKpi::answered).sum();
    long negative = data.regions().stream().mapToLong(RegionKpi::negative).sum();
    long rated = data.regions().stream().mapToLong(RegionKpi::negativeRated).sum();
    long converted = data.regions().stream().mapToLong(RegionKpi::negativeConverted).sum();
    boolean enough = policy.enough(experiences);
    StringBuilder b = new StringBuilder("<section class=\"tiles\" id=\"summary\" aria-label=\"Summary\">");
    b.append(tile("tile-experiences", "Experiences", enough ? count(experiences) : withheldText(),
        "published on Services Publics+, all regions"));
    b.append(tile("tile-response-rate", "Answered", enough ? percent(rate(answered, experiences)) : withheldText(),
        enough ? count(answered) + " experiences with a first response or treated" : ""));
    b.append(tile("tile-negative", "Négatif", enough ? percent(rate(negative, experiences)) : withheldText(),
        enough ? count(negative) + " experiences with a negative sentiment" : ""));
    b.append(tile("tile-conversion", "Conversion after answers",
        policy.enough(rated) ? percent(rate(converted, rated)) : withheldText(),
        policy.enough(rated) ? count(converted) + " of " + count(rated)
            + " rated Négatif experiences rated « utile »" : "fewer than K rated Négatif experiences"));
    return b.append("</section>").toString();
  }

  private static String tile(String id, String label, String value, String detail) {
    return "<div class=\"tile\" id=\"" + attr(id) + "\"><div class=\"label\">" + text(label)
        + "</div><div class=\"value\">" + text(value) + "</div><div class=\"detail\">" + text(detail)
        + "</div></div>";
  }

  private String smallCellNote() {
    int k = policy.k();
    return "<p class=\"note\" id=\"small-cell-note\"><strong>Small cells.</strong> So that no figure can single "
        + "out a person, every figure describing fewer than <strong>K = " + k + "</strong> experiences is "
        + "withheld (shown hatched, or as <span class=\"lt\">" + text(withheldText()) + "</span>), as are rows the run "
        + "flagged <code>small_cell</code>. Where a total is shown, the next smallest figures are withheld too, "
        + "so that a withheld one cannot be recovered by subtraction. In this report: <strong id=\"withheld-count\">"
        + withheldRows + "</strong> figures withheld for their size, <strong id=\"complementary-count\">"
        + complementaryRows + "</strong> more to protect them. K is set with <code>--min-cell-size</code> "
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

  private String withheldText() {
    return "< " + policy.k();
  }

  // ------------------------------------------------------------------ regions

  private boolean regionShown(RegionKpi r) {
    return !withheldRegions.contains(r);
  }

  /**
   * Counts rows hidden with their region: withheld for their size when the region is (its rows are
   * smaller still), to protect another when the region only protects another.
   */
  private void countHidden(RegionKpi region, int rows) {
    if (withheldRegions.companions().contains(region)) {
      complementaryRows += rows;
    } else {
      withheldRows += rows;
    }
  }

  private void countHidden(Region region) {
    regions.stream().filter(r -> r.region().equals(region)).findFirst().ifPresent(r -> countHidden(r, 1));
  }

  private List<RegionKpi> shownRegions() {
    return regions.stream().filter(this::regionShown).toList();
  }

  private String regionsSection() {
    List<RegionBar> bars = new ArrayList<>();
    for (RegionKpi r : shownRegions()) {
      bars.add(new RegionBar(r.region().label(), r.experiences(), r.responseRate(), r.medianDelayHours(),
          r.p90DelayHours(), false));
    }
    List<RegionKpi> hidden = regions.stream().filter(r -> !regionShown(r))
        .sorted(Comparator.comparing(r -> r.region().label())).toList();
    for (RegionKpi r : hidden) {
      bars.add(new RegionBar(r.region().label(), 0, null, null, null, true));
    }
    withheldRows += withheldRegions.rows().size() - withheldRegions.complementary();
    complementaryRows += withheldRegions.complementary();

    List<List<String>> rows = new ArrayList<>();
    for (RegionKpi r : regions) {
      if (regionShown(r)) {
        rows.add(List.of(r.region().label(), Objects.toString(r.region().code(), ""), count(r.experiences()),
            count(r.answered()), percent(r.responseRate()), hours(r.medianDelayHours()), hours(r.p90DelayHours()),
            count(r.negative()), count(r.negativeRated()),
            policy.enough(r.negativeRated()) ? percent(r.conversionRate()) : withheldText() + " rated"));
      } else {
        rows.add(List.of(r.region().label(), Objects.toString(r.region().code(), ""), "withheld", "", "", "", "",
            "", "", ""));
      }
    }
    return section("section-regions", "Response rate and median delay by region",
        "Share of experiences answered (a first response, or treated) and the median time from publication to "
            + "the first response, per user region, largest regions first. Hover a bar for the 90th percentile.",
        Charts.regionResponse("chart-region-response", bars),
        table("table-regions", List.of("Region", "Code", "Experiences", "Answered", "Response rate", "Median delay",
            "p90 delay", "Négatif", "Négatif rated", "Conversion"), rows),
        "Source: gold/kpi_by_region.");
  }

  // ------------------------------------------------------------------ monthly

  private String monthlySection() {
    Map<Region, List<RegionMonth>> byRegion = new HashMap<>();
    for (RegionMonth m : data.months()) {
      byRegion.computeIfAbsent(m.region(), r -> new ArrayList<>()).add(m);
    }
    List<MonthlyPanel> panels = new ArrayList<>();
    LocalDate first = null;
    LocalDate last = null;
    for (RegionKpi r : regions) {
      List<RegionMonth> months = byRegion.getOrDefault(r.region(), List.of());
      if (!regionShown(r)) {
        countHidden(r, months.size());
        continue;
      }
      SmallCellPolicy.Withheld<RegionMonth> withheld = policy.againstTotal(months, RegionMonth::experiences,
          m -> policy.small(m.experiences(), m.smallCell()));
      withheldRows += withheld.rows().size() - withheld.complementary();
      complementaryRows += withheld.complementary();
      List<MonthCell> cells = new ArrayList<>();
      for (RegionMonth m : months) {
        boolean hidden = withheld.contains(m);
        cells.add(hidden ? new MonthCell(m.month(), 0, 0, 0, 0, true)
            : new MonthCell(m.month(), m.negative(), m.neutral(), m.positive(), m.unknown(), false));
        first = first == null || m.month().isBefore(first) ? m.month() : first;
        last = last == null || m.month().isAfter(last) ? m.month() : last;
      }
      cells.sort(Comparator.comparing(MonthCell::month));
      panels.add(new MonthlyPanel(r.region().label(), r.experiences(), cells));
    }
    List<LocalDate> months = new ArrayList<>();
    for (LocalDate m = first; m != null && !m.isAfter(last); m = m.plusMonths(1)) {
      months.add(m);
    }
    String span = months.isEmpty() ? "" : " from " + months.get(0).format(DateTimeFormatter.ofPattern("MMMM yyyy",
        Locale.UK)) + " to " + months.get(months.size() - 1).format(DateTimeFormatter.ofPattern("MMMM yyyy",
        Locale.UK));
    return section("section-monthly", "Monthly volume and sentiment per region",
        "Experiences published each month (Paris time)" + span + ", stacked by the user's sentiment, one panel "
            + "per region in the order above.",
        panels.isEmpty() ? empty() : Charts.monthlySentiment("chart-region-monthly", panels, months), "",
        "Source: gold/kpi_by_region_month.");
  }

  // ------------------------------------------------------------------ structures

  private String pendingSection() {
    List<StructureKpi> shown = new ArrayList<>();
    for (StructureKpi s : data.structures()) {
      if (policy.small(s.experiences(), s.smallCell())) {
        withheldRows++;
      } else {
        shown.add(s);
      }
    }
    List<StructureKpi> top = shown.stream().filter(s -> s.pending() > 0)
        .sorted(Comparator.comparingLong(StructureKpi::pending).reversed()
            .thenComparing(Comparator.comparingLong(StructureKpi::experiences).reversed())
            .thenComparing(s -> Objects.toString(s.name(), "")))
        .limit(TOP_STRUCTURES).toList();
    List<PendingBar> bars = top.stream()
        .map(s -> new PendingBar(structureName(s), s.id(), s.pending(), s.experiences())).toList();
    List<List<String>> rows = top.stream().map(s -> List.of(s.id(), structureName(s), count(s.experiences()),
        count(s.answered()), count(s.pending()), percent(s.responseRate()), hours(s.medianDelayHours()))).toList();
    long small = data.structures().size() - shown.size();
    return section("section-pending", "Structures with the most pending experiences",
        "Pending = experiences linked to the structure − experiences it answered (its own response status). The "
            + TOP_STRUCTURES + " structures with the most, among the " + count(shown.size()) + " with at least K = "
            + policy.k() + " experiences (" + count(small) + " smaller ones withheld).",
        Charts.pendingStructures("chart-pending-structures", bars),
        table("table-pending", List.of("Structure id", "Structure", "Experiences", "Answered", "Pending",
            "Response rate", "Median delay"), rows),
        "Source: gold/kpi_by_structure.");
  }

  private static String structureName(StructureKpi s) {
    return s.name() == null || s.name().isBlank() ? "(no name) " + s.id() : s.name();
  }

  // ------------------------------------------------------------------ typologies

  private String conversionSection() {
    List<TypologyKpi> shown = new ArrayList<>();
    int tooFewRated = 0;
    int smallTypologies = 0;
    for (TypologyKpi t : data.typologies()) {
      if (policy.small(t.experiences(), t.smallCell())) {
        withheldRows++;
        smallTypologies++;
      } else if (!policy.enough(t.negativeRated()) || t.conversionRate() == null) {
        tooFewRated++;
      } else {
        shown.add(t);
      }
    }
    List<TypologyKpi> top = shown.stream()
        .sorted(Comparator.comparingLong(TypologyKpi::negativeRated).reversed()
            .thenComparing(t -> Objects.toString(t.name(), "")))
        .limit(TOP_TYPOLOGIES)
        .sorted(Comparator.comparingDouble(TypologyKpi::conversionRate).reversed()
            .thenComparing(Comparator.comparingLong(TypologyKpi::negativeRated).reversed()))
        .toList();
    List<RateBar> bars = top.stream().map(t -> new RateBar(typologyName(t), t.id(), t.conversionRate(),
        t.negativeConverted(), t.negativeRated())).toList();
    List<List<String>> rows = top.stream().map(t -> List.of(t.id(), typologyName(t), count(t.experiences()),
        count(t.negativeExperiences()), count(t.negativeRated()), count(t.negativeConverted()),
        percent(t.conversionRate()))).toList();
    return section("section-conversion", "Conversion after answers by typology",
        "Of the Négatif experiences whose author rated an answer, the share rated « utile »: how often an unhappy "
            + "user found the answer useful. Typologies with at least K = " + policy.k() + " rated Négatif "
            + "experiences (at most the " + TOP_TYPOLOGIES + " with the most), best first; " + count(tooFewRated)
            + " typologies with fewer are left out, and " + count(smallTypologies) + " with fewer than K "
            + "experiences.",
        Charts.typologyConversion("chart-typology-conversion", bars),
        table("table-conversion", List.of("Typology id", "Typology", "Experiences", "Négatif", "Négatif rated",
            "Rated « utile »", "Conversion"), rows),
        "Source: gold/kpi_by_typology.");
  }

  private static String typologyName(TypologyKpi t) {
    return t.name() == null || t.name().isBlank() ? "(no name) " + t.id() : t.name();
  }

  // ------------------------------------------------------------------ tags

  private String tagsSection() {
    List<RegionKpi> shownRegions = shownRegions();
    List<String> valences = List.of(ClosedLists.SENTIMENT_POSITIVE, ClosedLists.SENTIMENT_NEGATIVE);
    List<HeatColumn> columns = new ArrayList<>();
    for (SourceColumns.Column tag : SourceColumns.GENERAL_TAGS) {
      for (String v : valences) {
        columns.add(new HeatColumn(tag.label(), v, v.equals(ClosedLists.SENTIMENT_POSITIVE)
            ? Charts.POSITIVE : Charts.NEGATIVE));
      }
    }
    Map<Region, Map<String, TagShare>> tags = new HashMap<>();
    for (TagShare t : data.tags()) {
      tags.computeIfAbsent(t.region(), r -> new HashMap<>()).put(t.tag() + "\u0000" + t.valence(), t);
      if (!isShown(t.region())) {
        countHidden(t.region());
      } else if (policy.small(t.experiences(), t.smallCell())) {
        withheldRows++;
      }
    }
    List<HeatRow> tagRows = new ArrayList<>();
    for (RegionKpi r : shownRegions) {
      Map<String, TagShare> mine = tags.getOrDefault(r.region(), Map.of());
      List<HeatCell> cells = new ArrayList<>();
      for (HeatColumn c : columns) {
        TagShare t = mine.get(c.group() + "\u0000" + c.label());
        cells.add(t == null ? HeatCell.zero() : policy.small(t.experiences(), t.smallCell()) ? HeatCell.hidden()
            : new HeatCell(t.share(), t.experiences(), false));
      }
      tagRows.add(new HeatRow(r.region().label(), r.experiences(), cells));
    }

    Map<String, Long> totals = new HashMap<>();
    Map<Region, Map<String, BusinessTagShare>> business = new HashMap<>();
    for (BusinessTagShare t : data.businessTags()) {
      business.computeIfAbsent(t.region(), r -> new HashMap<>()).put(t.tag(), t);
      if (!isShown(t.region())) {
        countHidden(t.region());
      } else if (policy.small(t.experiences(), t.smallCell())) {
        withheldRows++;
      } else {
        totals.merge(t.tag(), t.experiences(), Long::sum);
      }
    }
    List<String> topTags = totals.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(TOP_BUSINESS_TAGS).map(Map.Entry::getKey).toList();
    List<HeatColumn> businessColumns = topTags.stream().map(t -> new HeatColumn(null, t, Charts.BUSINESS)).toList();
    List<HeatRow> businessRows = new ArrayList<>();
    for (RegionKpi r : shownRegions) {
      Map<String, BusinessTagShare> mine = business.getOrDefault(r.region(), Map.of());
      List<HeatCell> cells = new ArrayList<>();
      for (String tag : topTags) {
        BusinessTagShare t = mine.get(tag);
        cells.add(t == null ? HeatCell.zero() : policy.small(t.experiences(), t.smallCell()) ? HeatCell.hidden()
            : new HeatCell(t.share(), t.experiences(), false));
      }
      businessRows.add(new HeatRow(r.region().label(), r.experiences(), cells));
    }
    String general = tagRows.isEmpty() ? empty() : Charts.heatMap("chart-tag-heatmap",
        "Share of experiences giving each general tag, by valence and region", columns, tagRows, false,
        withheldText());
    String businessMap = businessRows.isEmpty() || topTags.isEmpty() ? empty() : Charts.heatMap(
        "chart-business-tag-heatmap", "Share of experiences carrying each of the most frequent business tags, by "
            + "region", businessColumns, businessRows, true, withheldText());
    return "<section class=\"card\" id=\"section-tags\"><h2>Tag frequencies by region</h2><p class=\"lede\">"
        + "Share of a region's experiences whose author gave each general tag, positive or negative (an "
        + "experience may give several). Darker is more frequent; hatched cells describe fewer than K = "
        + policy.k() + " experiences.</p><figure>" + general + "</figure>"
        + "<h3>Business tags</h3><p class=\"lede\">The business tags (« Tags métier ») carried by the most "
        + "experiences (at most " + TOP_BUSINESS_TAGS + "), as a share of each region's experiences.</p><figure>"
        + businessMap
        + "</figure><p class=\"source\">Sources: gold/tag_frequency_by_region, "
        + "gold/business_tag_frequency_by_region.</p></section>";
  }

  private boolean isShown(Region region) {
    return regions.stream().anyMatch(r -> r.region().equals(region) && regionShown(r));
  }

  // ------------------------------------------------------------------ data quality

  private String qualitySection() {
    RunSummary run = data.run();
    StringBuilder b = new StringBuilder("<section class=\"card\" id=\"section-data-quality\">")
        .append("<h2>Data quality of the last run</h2><p class=\"lede\">Run <code>").append(text(run.runId()))
        .append("</code>, started ").append(text(when(run.startedAt()))).append(", status <span class=\"badge ")
        .append(attr(run.status())).append("\">").append(text(run.status())).append("</span>.</p>");
    b.append("<div class=\"tiles small\" id=\"run-figures\">")
        .append(tile("run-files-seen", "Files seen", count(run.filesSeen()), ""))
        .append(tile("run-files-ingested", "Ingested", count(run.filesIngested()), ""))
        .append(tile("run-files-skipped", "Skipped", count(run.filesSkipped()), "already ingested"))
        .append(tile("run-files-rejected", "Rejected", count(run.filesRejected()), ""))
        .append(tile("run-records-read", "Records read", count(run.recordsRead()), ""))
        .append(tile("run-records-accepted", "Accepted", count(run.recordsAccepted()), ""))
        .append(tile("run-records-quarantined", "Quarantined", count(run.recordsQuarantined()), ""))
        .append(tile("run-experiences", "Experiences in silver", count(run.experiences()), ""))
        .append("</div>");
    RunSummary files = data.qualityRun();
    if (files == null) {
      return b.append("<p class=\"note\">No run has ingested or rejected a file yet.</p></section>").toString();
    }
    if (!files.runId().equals(run.runId())) {
      b.append("<p class=\"note\">Run <code>").append(text(run.runId())).append("</code> found no new file. The ")
          .append("files below are those of run <code>").append(text(files.runId())).append("</code> (")
          .append(text(when(files.startedAt()))).append("), the last run that ingested or rejected files.</p>");
    }
    Map<String, Long> byReason = new TreeMap<>();
    for (FileSummary f : data.files()) {
      f.quarantinedByReason().forEach((reason, n) -> byReason.merge(reason, n, Long::sum));
    }
    List<CountBar> reasons = byReason.entrySet().stream().filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .map(e -> new CountBar(e.getKey(), e.getValue())).toList();
    b.append("<h3>Quarantined records by reason</h3><figure>")
        .append(Charts.counts("chart-quarantine-reasons", "Quarantined records by reason", reasons,
            Charts.QUARANTINE))
        .append("</figure>");
    List<List<String>> rows = new ArrayList<>();
    for (FileSummary f : data.files()) {
      rows.add(List.of(f.sourceFile(), Objects.toString(f.status(), ""),
          f.snapshotDate() == null ? "" : f.snapshotDate().toString(), Objects.toString(f.encoding(), ""),
          f.recordsRead() == null ? "" : count(f.recordsRead()),
          f.recordsAccepted() == null ? "" : count(f.recordsAccepted()),
          f.recordsQuarantined() == null ? "" : count(f.recordsQuarantined()),
          f.quarantinedByReason().entrySet().stream().filter(e -> e.getValue() > 0)
              .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")),
          Objects.toString(f.rejectionReason(), "")));
    }
    long rejected = data.files().stream().filter(f -> "rejected".equals(f.status())).count();
    b.append("<h3>Files (").append(count(data.files().size())).append(", ").append(count(rejected))
        .append(" rejected)</h3>")
        .append(table("table-files", List.of("File", "Status", "Snapshot", "Encoding", "Read", "Accepted",
            "Quarantined", "Quarantine reasons", "Rejection reason"), rows, true))
        .append("<p class=\"source\">Sources: audit/runs, audit/files.</p></section>");
    return b.toString();
  }

  // ------------------------------------------------------------------ pieces

  private String footer() {
    Map<String, Long> versions = new LinkedHashMap<>(data.tableVersions());
    String list = versions.entrySet().stream()
        .map(e -> "<code>" + text(e.getKey()) + "</code> v" + (e.getValue() < 0 ? "–" : e.getValue()))
        .collect(Collectors.joining(", "));
    return "<footer class=\"wrap\"><p>Every figure comes from the gold and audit Delta tables, read at the versions "
        + "the run recorded: " + list + ". Definitions: docs/gold-metrics.md; small cells: docs/report.md.</p>"
        + "</footer>";
  }

  private static String section(String id, String title, String lede, String chart, String table, String source) {
    return "<section class=\"card\" id=\"" + attr(id) + "\"><h2>" + text(title) + "</h2><p class=\"lede\">"
        + text(lede) + "</p><figure>" + chart + "</figure>" + table + "<p class=\"source\">" + text(source)
        + "</p></section>";
  }

  private static String table(String id, List<String> headers, List<List<String>> rows) {
    return table(id, headers, rows, false);
  }

  /** A data table, in a closed details element unless {@code open}; every cell escaped. */
  private static String table(String id, List<String> headers, List<List<String>> rows, boolean open) {
    StringBuilder b = new StringBuilder();
    if (!open) {
      b.append("<details><summary>The figures as a table</summary>");
    }
    b.append("<div class=\"scroll\"><table class=\"data\" id=\"").append(attr(id)).append("\"><thead><tr>");
    for (String h : headers) {
      b.append("<th>").append(text(h)).append("</th>");
    }
    b.append("</tr></thead><tbody>");
    for (List<String> row : rows) {
      b.append("<tr>");
      for (int i = 0; i < row.size(); i++) {
        String v = row.get(i);
        boolean numeric = i > 0 && !v.isEmpty() && (Character.isDigit(v.charAt(0)) || v.equals("–"));
        b.append(numeric ? "<td class=\"num\">" : "<td>").append(text(v)).append("</td>");
      }
      b.append("</tr>");
    }
    if (rows.isEmpty()) {
      b.append("<tr><td colspan=\"").append(headers.size()).append("\">none</td></tr>");
    }
    b.append("</tbody></table></div>");
    if (!open) {
      b.append("</details>");
    }
    return b.toString();
  }

  private static String empty() {
    return "<p class=\"note\">Nothing to show: every figure is withheld or the table is empty.</p>";
  }

  private static Double rate(long numerator, long denominator) {
    return denominator == 0 ? null : (double) numerator / denominator;
  }

  private static String when(Instant instant) {
    return instant == null ? "–" : WHEN.format(instant.atZone(PARIS));
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
