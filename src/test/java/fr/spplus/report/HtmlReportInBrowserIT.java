package fr.spplus.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.spplus.cli.Main;
import fr.spplus.job.Progress;
import fr.spplus.job.RunJob;
import fr.spplus.job.RunOptions;
import fr.spplus.publish.DeltaTables;
import fr.spplus.publish.GoldTables;
import fr.spplus.sample.SampleGenerator;
import fr.spplus.testing.SharedSpark;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as its readers get it: a warehouse built by the job from a generated sample plus an
 * export whose names are hostile, the report written, then opened in a real headless Chromium.
 * The browser's DOM (after load) and console are checked, and a screenshot is kept as a build
 * artifact ({@code <build dir>/report-screenshot.png}, the report itself beside it).
 *
 * <p>The injected export adds 24 experiences in one region, with one structure and one typology,
 * so that their figures can be checked by hand: 8 answered 48 hours after publication, 16 pending;
 * all Négatif, 12 rated « utile », 6 « pas utile », 6 not rated. Plus one record without an ID
 * (quarantined, missing_id), and a second file without a publication-date column (rejected).
 */
class HtmlReportInBrowserIT {

  private static final int K = 5;

  static final String HOSTILE_STRUCTURE = "<script>document.title='PWNED'</script>Mairie <b>annexe</b>";
  static final String HOSTILE_TYPOLOGY = "\"><img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">";
  static final String HOSTILE_REGION = "Région <svg onload=alert(1)> & 'Co'";
  static final String HOSTILE_TAG = "<img src=x onerror=alert(1)>";
  static final String HOSTILE_FILE = "export-experiences-2024-04-15 <img src=x onerror=alert(2)>.csv";
  static final String REJECTED_FILE = "export-experiences-2024-04-16 \"><iframe srcdoc=x>.csv";

  private static final List<String> HOSTILE = List.of(HOSTILE_STRUCTURE, HOSTILE_TYPOLOGY, HOSTILE_REGION,
      HOSTILE_TAG, HOSTILE_FILE, REJECTED_FILE);

  @TempDir
  static Path dir;

  private static String warehouse;
  private static String html;
  private static String dom;
  private static Chromium.Result domRun;
  private static Chromium.Result screenshotRun;
  private static Path screenshot;
  private static Row largestRegion;
  private static List<String> smallRegions;
  private static long totalExperiences;
  private static List<Row> regionsAsRecorded;

  @BeforeAll
  static void buildWarehouseWriteTheReportAndOpenItInChromium() throws IOException {
    Path input = dir.resolve("input");
    SampleGenerator.generate(new SampleGenerator.Options(input, 300, 2, LocalDate.of(2024, 3, 1), 30, 7L, false,
        false));
    Files.writeString(input.resolve(HOSTILE_FILE), hostileExport(), StandardCharsets.UTF_8);
    Files.writeString(input.resolve(REJECTED_FILE), "\uFEFFID expérience;Titre\n1;x\n", StandardCharsets.UTF_8);
    warehouse = dir.resolve("warehouse").toString();
    RunOptions options = new RunOptions(List.of(input.toString()), warehouse, null, Map.of(), null, false, null,
        null, Map.of(), K);
    RunJob.Outcome outcome = new RunJob(SharedSpark.spark(), options, new Progress(System.out)).run();
    assertEquals(1, outcome.record().filesRejected(), "one file is rejected on purpose");

    DeltaTables tables = new DeltaTables(SharedSpark.spark(), warehouse);
    regionsAsRecorded = tables.read(GoldTables.KPI_BY_REGION).orderBy(col("region_name")).collectAsList();
    largestRegion = tables.read(GoldTables.KPI_BY_REGION)
        .orderBy(col("experiences").desc(), col("region_name")).first();
    smallRegions = regionsAsRecorded.stream().filter(r -> r.<Boolean>getAs("small_cell"))
        .map(r -> r.<String>getAs("region_name")).toList();
    totalExperiences = regionsAsRecorded.stream().mapToLong(r -> r.<Long>getAs("experiences")).sum();

    Path report = dir.resolve("out").resolve("report.html");
    HtmlReport.write(SharedSpark.spark(), warehouse, K, report);
    html = Files.readString(report, StandardCharsets.UTF_8);
    Files.copy(report, buildDir().resolve("report-test.html"), StandardCopyOption.REPLACE_EXISTING);

    Chromium chromium = Chromium.find(dir.resolve("chromium-profile"));
    domRun = chromium.dumpDom(report);
    dom = domRun.stdout();
    screenshot = buildDir().resolve("report-screenshot.png");
    Files.deleteIfExists(screenshot);
    screenshotRun = chromium.screenshot(report, screenshot, 1400, 6600);
  }

  @Test
  void loadsInChromiumWithoutConsoleErrors() throws IOException {
    assertEquals(0, domRun.exitCode(), domRun.stderr());
    assertTrue(dom.contains("id=\"section-data-quality\""), "the DOM was dumped: " + dom.length() + " chars");
    assertEquals(List.of(), domRun.consoleLines(), "console output while loading the report");
    assertEquals(0, screenshotRun.exitCode(), screenshotRun.stderr());
    assertEquals(List.of(), screenshotRun.consoleLines(), "console output while taking the screenshot");
    assertTrue(Files.size(screenshot) > 50_000, "screenshot " + screenshot + " has " + Files.size(screenshot)
        + " bytes");
  }

  @Test
  void isOneSelfContainedFile() {
    assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;"),
        "a CSP forbids scripts and loads");
    for (String external : List.of("http:", "https:", "<script", "<link", "<img", "<iframe", "<object", "<embed",
        "@import")) {
      assertFalse(html.contains(external), "the report must not contain " + external);
    }
    // Attribute values are dropped first: escaped names inside them may read "src=x" as text.
    String markup = html.replaceAll("\"[^\"]*\"", "\"\"");
    assertFalse(Pattern.compile("<[a-zA-Z][^>]*\\s(src|href|srcset|action)\\s*=").matcher(markup).find(),
        "no element refers to another resource");
    Matcher urls = Pattern.compile("url\\(([^)]*)\\)").matcher(html);
    while (urls.find()) {
      assertTrue(urls.group(1).startsWith("#"), "only in-page references: url(" + urls.group(1) + ")");
    }
  }

  @Test
  void comparesTheAiBandsWithTheRatesOfGoldSummedFromTheFirstMonthWithASimilarity() {
    DeltaTables tables = new DeltaTables(SharedSpark.spark(), warehouse);
    var ai = tables.read(GoldTables.AI_ANSWER_QUALITY);
    Object since = ai.where(col("ai_band").notEqual("none")).agg(org.apache.spark.sql.functions.min("month"))
        .first().get(0);
    assertTrue(since != null, "the generated sample has AI similarities");
    List<Row> bands = ai.where(col("month").geq(lit(since))).groupBy("ai_band")
        .agg(org.apache.spark.sql.functions.sum("experiences").as("e"), org.apache.spark.sql.functions.sum("rated")
            .as("r"), org.apache.spark.sql.functions.sum("useful").as("u"))
        .collectAsList();
    int checked = 0;
    for (Row b : bands) {
      String band = b.getAs("ai_band");
      long experiences = b.getAs("e");
      long rated = b.getAs("r");
      long useful = b.getAs("u");
      if (experiences < K) {
        assertTrue(dom.contains("<g class=\"ai-band-row withheld\" data-band=\"" + band + "\">"), band);
      } else if (rated >= K) {
        String rate = String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * useful / rated);
        assertTrue(dom.contains("<g class=\"ai-band-row\" data-band=\"" + band + "\" data-useful-rate=\"" + rate
            + "\""), band + " " + rate);
        checked++;
      }
    }
    assertTrue(checked > 0, "at least one band is shown with its useful rate: " + bands);
  }

  @Test
  void hasTheExpectedChartsInTheDom() {
    Map<String, String> charts = Map.of(
        "chart-region-response", "Response rate and median delay to the first response, by region",
        "chart-region-monthly", "Monthly volume of experiences by sentiment, one panel per region",
        "chart-pending-structures", "Structures with the most pending experiences",
        "chart-typology-conversion", "Conversion after answers by typology",
        "chart-tag-heatmap", "Share of experiences giving each general tag, by valence and region",
        "chart-quarantine-reasons", "Quarantined records by reason",
        "chart-ai-bands", "Useful rate and conversion rate of answers, by band of similarity to the AI draft",
        "chart-backlog", "Open experiences at each snapshot, and those open for more than 30 days");
    charts.forEach((id, label) -> assertTrue(
        dom.contains("<svg id=\"" + id + "\" role=\"img\" aria-label=\"" + label + "\""), "chart " + id));
    assertTrue(dom.contains("<svg id=\"chart-business-tag-heatmap\" role=\"img\""), "business tag heat map");
    assertTrue(dom.contains("<table class=\"data\" id=\"table-files\">"), "files table");
    assertEquals(shownRegions().size(), count(dom, "class=\"month-panel\""), "a monthly panel per shown region");
  }

  @Test
  void showsTheLatestBacklogSummedOverTheRegionsOfGold() {
    Row latest = new DeltaTables(SharedSpark.spark(), warehouse).read(GoldTables.RESPONSE_BACKLOG)
        .groupBy("snapshot_date").agg(sum("present"), sum("open"), sum("open_over_30_days"))
        .orderBy(col("snapshot_date").desc()).first();
    String label = latest.getDate(0).toLocalDate().format(DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK));
    assertTrue(latest.getLong(1) >= K, "the sample's latest snapshot is not a small cell");
    assertTrue(dom.contains("<g class=\"backlog-snapshot\" data-snapshot=\"" + label + "\" data-open=\""
        + latest.getLong(2) + "\" data-open-over-30-days=\"" + latest.getLong(3) + "\">"), "backlog of " + label);
  }

  @Test
  void showsTheLargestRegionWithItsCountFromGold() {
    String name = largestRegion.getAs("region_name");
    long experiences = largestRegion.getAs("experiences");
    assertTrue(dom.contains("<g class=\"region-row\" data-region=\"" + name + "\" data-experiences=\"" + experiences
        + "\">"), "the first region row is " + name + " with " + experiences + " experiences: " + shownRegions());
    assertEquals(name, shownRegions().get(0), "regions are ordered by volume");
    Matcher row = Pattern.compile("data-region=\"" + Pattern.quote(name)
        + "\" data-experiences=\"\\d+\">.*?class=\"experiences\">([0-9,]+)</text>").matcher(dom);
    assertTrue(row.find());
    assertEquals(Html.count(experiences), row.group(1), "the count printed next to " + name);
    assertTrue(dom.contains("<div class=\"value\">" + Html.count(totalExperiences) + "</div>"),
        "the experiences tile shows the total of gold/kpi_by_region, " + totalExperiences);
  }

  @Test
  void showsTheHandComputedFiguresOfTheInjectedExport() {
    // The region: 24 experiences, 8 answered (33.3 %), each 48 h after publication.
    String row = segment("<g class=\"region-row\" data-region=\"" + inDom(HOSTILE_REGION)
        + "\" data-experiences=\"24\">", "<g class=\"region-row");
    assertTrue(row.contains(">33.3%</text>"), row);
    assertTrue(row.contains(">48.0 h</text>"), row);
    // The structure: 16 pending of 24.
    assertTrue(dom.contains("<g class=\"structure-row\" data-structure=\"" + inDom(HOSTILE_STRUCTURE)
        + "\" data-pending=\"16\">"), "the injected structure's bar");
    assertTrue(dom.contains(">16 pending of 24</text>"));
    // The typology: 12 « utile » of 18 rated Négatif experiences.
    assertTrue(dom.contains("<g class=\"typology-row\" data-typology=\"" + inDom(HOSTILE_TYPOLOGY)
        + "\" data-rate=\"66.7%\">"), "the injected typology's bar");
    assertTrue(dom.contains(">66.7%  (12 of 18)</text>"));
  }

  @Test
  void userWrittenTextShowsAsTextAndRunsNothing() {
    for (String hostile : HOSTILE) {
      assertTrue(dom.contains(">" + inText(hostile) + "<"), "shown as text: " + hostile);
    }
    assertFalse(Pattern.compile("<(img|iframe|script)\\b").matcher(dom).find(), "an element was injected");
    assertFalse(Pattern.compile("<svg\\b[^>]*onload").matcher(dom).find(), "an element was injected");
    assertTrue(dom.contains("<title>" + inText(ReportPage.TITLE) + "</title>"), "document.title unchanged");
    assertFalse(dom.contains("PWNED</title>"));
    assertTrue(dom.contains("<body>"), "the body has no attribute (data-pwned)");
    assertFalse(dom.contains("data-pwned=\"1\""));
  }

  @Test
  void withholdsSmallCells() {
    assertFalse(smallRegions.isEmpty(), "the sample has regions under K = " + K);
    for (String small : smallRegions) {
      assertFalse(dom.contains("data-region=\"" + inDom(small) + "\" data-experiences="),
          small + " is a small cell: its figures must not be shown");
      assertTrue(dom.contains("<g class=\"region-row withheld\" data-region=\"" + inDom(small) + "\">"),
          small + " is listed as withheld");
    }
    assertTrue(dom.contains("<strong>K = 5</strong>"), "the page states K");
    assertTrue(dom.contains("<span id=\"run-k\">K = 5</span>"), "and the run's K, from audit/runs.options");
    Matcher withheld = Pattern.compile("<strong id=\"withheld-count\">(\\d+)</strong>").matcher(dom);
    assertTrue(withheld.find());
    assertTrue(Integer.parseInt(withheld.group(1)) >= smallRegions.size());
    assertTrue(dom.contains("&lt; 5</text>"), "a withheld heat-map cell reads < 5");
  }

  @Test
  void summarisesTheDataQualityOfTheLastRun() {
    assertTrue(dom.contains("<g class=\"count-row\" data-label=\"missing_id\" data-value=\"1\">"),
        "the one record without an ID, quarantined");
    assertTrue(dom.contains("id=\"run-files-rejected\"><div class=\"label\">Rejected</div><div class=\"value\">1<"));
    Matcher rejected = Pattern.compile("<td>" + Pattern.quote(inText(REJECTED_FILE))
        + "</td><td>rejected</td>(.*?)</tr>").matcher(dom);
    assertTrue(rejected.find(), "the rejected file's row");
    assertTrue(rejected.group(1).contains("Date de publication"), "its reason: " + rejected.group(1));
    assertTrue(dom.contains("<td>" + inText(HOSTILE_FILE) + "</td><td>ingested</td>"), "the hostile file's row");
  }

  @Test
  void readsTheGoldVersionsTheLastFinishedRunRecorded() {
    // A run that died after rewriting gold, before its audit row: its figures must not be reported.
    DeltaTables tables = new DeltaTables(SharedSpark.spark(), warehouse);
    tables.overwrite(tables.read(GoldTables.KPI_BY_REGION).withColumn("experiences", lit(999_999L)),
        GoldTables.KPI_BY_REGION, "unfinished-run");
    ReportData data = new ReportSource(SharedSpark.spark(), warehouse).load();
    List<Long> reported = data.regions().stream().sorted(
        java.util.Comparator.comparing(r -> r.region().name())).map(ReportData.RegionKpi::experiences).toList();
    List<Long> recorded = regionsAsRecorded.stream().map(r -> r.<Long>getAs("experiences")).toList();
    assertEquals(recorded, reported);
  }

  @Test
  void theCommandLineWritesTheReport() throws IOException {
    Path out = dir.resolve("cli").resolve("report.html");
    int code = Main.execute(new String[] {"report", "--warehouse", warehouse, "--out", out.toString(),
        "--min-cell-size", "8"});
    assertEquals(0, code);
    String written = Files.readString(out, StandardCharsets.UTF_8);
    assertTrue(written.contains("<strong>K = 8</strong>"), "the command's K");
    assertFalse(written.contains("999,999"), "the figures of the recorded run only");
  }

  // ------------------------------------------------------------------ helpers

  private static List<String> shownRegions() {
    List<String> names = new ArrayList<>();
    Matcher m = Pattern.compile("<g class=\"region-row\" data-region=\"([^\"]*)\"").matcher(dom);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** The DOM from {@code start} (which must be there) to the next {@code end}, or to the end. */
  private static String segment(String start, String end) {
    int from = dom.indexOf(start);
    assertTrue(from >= 0, "not in the DOM: " + start);
    int to = dom.indexOf(end, from + start.length());
    return dom.substring(from, to < 0 ? dom.length() : to);
  }

  private static int count(String haystack, String needle) {
    int n = 0;
    for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  /** A string as Chromium serialises it in text content: {@code & < >} escaped. */
  private static String inText(String raw) {
    return raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\u00A0", "&nbsp;");
  }

  /** A string as Chromium serialises it in an attribute value: {@code & < > "} escaped. */
  private static String inDom(String raw) {
    return inText(raw).replace("\"", "&quot;");
  }

  private static Path buildDir() {
    try {
      Path testClasses = Path.of(HtmlReportInBrowserIT.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI());
      return testClasses.getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The injected export, in the format of docs/contract.md section 1: UTF-8 with a byte-order mark, ';'
   * separated, every field quoted, quotes doubled.
   */
  private static String hostileExport() {
    List<String> header = List.of("ID expérience", "Etat expérience", "Date de publication",
        "Date de première réponse", "Ressenti usager", "Intitulé région usager", "Code INSEE Région usager",
        "ID typologie 1", "Intitulé Typologie 1", "Tags métier typologie 1", "ID structure 1",
        "Intitulé structure 1",
        "Statut réponse structure 1", "Evaluation réponse structure 1 par auteur", "Accessibilité");
    List<List<String>> records = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      boolean answered = i < 8;
      int day = 1 + i % 20;
      String published = String.format("%02d/03/2024 10:00", day);
      String response = answered ? String.format("%02d/03/2024 10:00", day + 2) : "";
      String rating = switch (i % 4) {
        case 0, 1 -> "utile";
        case 2 -> "pas utile";
        default -> "";
      };
      records.add(List.of(Integer.toString(990_000 + i), answered ? "Traitée" : "A traiter", published, response,
          "Négatif", HOSTILE_REGION, "99", "TX-HOSTILE", HOSTILE_TYPOLOGY, HOSTILE_TAG, "SX-HOSTILE",
          HOSTILE_STRUCTURE, answered ? "Réponse apportée" : "En attente de réponse", rating, "Négatif"));
    }
    records.add(List.of("", "A traiter", "02/03/2024 10:00", "", "Négatif", HOSTILE_REGION, "99", "TX-HOSTILE",
        HOSTILE_TYPOLOGY, "", "SX-HOSTILE", HOSTILE_STRUCTURE, "En attente de réponse", "", ""));
    StringBuilder csv = new StringBuilder("\uFEFF").append(line(header));
    records.forEach(r -> csv.append(line(r)));
    return csv.toString();
  }

  private static String line(List<String> fields) {
    return fields.stream().map(f -> "\"" + f.replace("\"", "\"\"") + "\"").collect(Collectors.joining(";")) + "\n";
  }
}
