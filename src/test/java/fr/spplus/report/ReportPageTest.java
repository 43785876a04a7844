package fr.spplus.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.spplus.report.ReportData.BacklogRow;
import fr.spplus.report.ReportData.AiAnswers;
import fr.spplus.report.ReportData.BusinessTagShare;
import fr.spplus.report.ReportData.FileSummary;
import fr.spplus.report.ReportData.Region;
import fr.spplus.report.ReportData.RegionKpi;
import fr.spplus.report.ReportData.RegionMonth;
import fr.spplus.report.ReportData.RunSummary;
import fr.spplus.report.ReportData.StructureKpi;
import fr.spplus.report.ReportData.TagShare;
import fr.spplus.report.ReportData.TypologyKpi;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The page rendered from hand-built gold and audit rows (no Spark): what is withheld at K = 5, and
 * that no string from the data ever becomes markup. Regions, with K = 5:
 *
 * <pre>
 *  Alpha 40 (Jan 30, Feb 8, Mar 2)  shown; its March (2 &lt; K) withheld, and February with it
 *                                   (the smallest other month), so that 40 − 30 gives nothing
 *  Beta  12 (Jan 12)                shown
 *  Delta  6                         withheld with Gamma: Gamma alone (3) could be derived from the total
 *  Gamma  3                         withheld: 3 &lt; K
 * </pre>
 */
class ReportPageTest {

  private static final Instant NOW = Instant.parse("2024-09-01T08:00:00Z");
  private static final Region ALPHA = new Region("Alpha", "01");
  private static final Region BETA = new Region("Beta", "02");
  private static final Region GAMMA = new Region("Gamma", "03");
  private static final Region DELTA = new Region("Delta", "04");

  private static RegionKpi region(Region r, long experiences, long answered) {
    return new RegionKpi(r, experiences, experiences / 2, 0, experiences - experiences / 2, answered,
        (double) answered / experiences, 12.0, 30.0, 0, 0, null, false);
  }

  private static RegionMonth month(Region r, String month, long experiences) {
    return new RegionMonth(r, LocalDate.parse(month), experiences, experiences, 0, 0, false);
  }

  private static RunSummary run(String id, String status, String error) {
    return new RunSummary(id, NOW.minusSeconds(600), NOW.minusSeconds(60), status, 2, 1, 0, 1, 100, 98, 2, 61,
        error);
  }

  private static ReportData data(String text) {
    Region hostileRegion = new Region("Alpha", "01");
    return new ReportData("/data/" + text, run("r2", "partial", null), run("r2", "partial", null),
        run("r3", "failed", "IllegalStateException: " + text), 8,
        Map.of("gold/kpi_by_region", 3L, "audit/files", 2L),
        List.of(region(hostileRegion, 40, 20), region(BETA, 12, 6), region(GAMMA, 3, 1), region(DELTA, 6, 3)),
        List.of(month(ALPHA, "2024-01-01", 30), month(ALPHA, "2024-02-01", 8), month(ALPHA, "2024-03-01", 2),
            month(BETA, "2024-01-01", 12), month(GAMMA, "2024-01-01", 3), month(DELTA, "2024-02-01", 6)),
        List.of(new StructureKpi("S1", "Structure " + text, 10, 4, 0.4, 20.0, false),
            new StructureKpi("S2", "Small structure", 3, 0, 0.0, null, true)),
        List.of(new TypologyKpi("T1", "Typology " + text, 20, 15, 8, 6, 3, 0.5, false),
            new TypologyKpi("T2", "Few ratings", 10, 8, 6, 2, 2, 1.0, false),
            new TypologyKpi("T3", "Small typology", 4, 4, 4, 4, 4, 1.0, true)),
        List.of(new TagShare(ALPHA, "Accessibilité", "Positif", 10, 40, 0.25, false),
            new TagShare(ALPHA, "Relation", "Négatif", 2, 40, 0.05, true),
            new TagShare(GAMMA, "Relation", "Négatif", 3, 3, 1.0, true)),
        List.of(new BusinessTagShare(ALPHA, "Tag " + text, 12, 40, 0.3, false)),
        List.of(new FileSummary("export " + text + ".csv", "ingested", null, "UTF-8", LocalDate.of(2024, 8, 30),
                100L, 98L, 2L, Map.of("missing_id", 2L)),
            new FileSummary("rejected " + text + ".csv", "rejected", "missing required column " + text, null, null,
                null, null, null, Map.of())),
        backlog(), List.of());
  }

  /**
   * gold/response_backlog: on 1 March 3 experiences present in all (withheld at K = 5); on 31 May
   * Alpha 30 present, 10 open, 6 over 7 days, 4 over 30 days, and Gamma (flagged, but part of the
   * national total) 3, 2, 1, 1: 33 present, 12 open, 7 and 5.
   */
  private static List<BacklogRow> backlog() {
    return List.of(new BacklogRow(LocalDate.parse("2024-03-01"), ALPHA, 3, 2, 1, 0, true),
        new BacklogRow(LocalDate.parse("2024-05-31"), ALPHA, 30, 10, 6, 4, false),
        new BacklogRow(LocalDate.parse("2024-05-31"), GAMMA, 3, 2, 1, 1, true));
  }

  private static ReportData withBacklog(ReportData d, List<BacklogRow> backlog) {
    return new ReportData(d.warehouse(), d.run(), d.qualityRun(), d.failedAfter(), d.goldMinCellSize(),
        d.tableVersions(), d.regions(), d.months(), d.structures(), d.typologies(), d.tags(), d.businessTags(),
        d.files(), backlog, d.aiAnswers());
  }

  /** {@code d} with these gold/ai_answer_quality rows. */
  private static ReportData withAiAnswers(ReportData d, List<AiAnswers> rows) {
    return new ReportData(d.warehouse(), d.run(), d.qualityRun(), d.failedAfter(), d.goldMinCellSize(),
        d.tableVersions(), d.regions(), d.months(), d.structures(), d.typologies(), d.tags(), d.businessTags(),
        d.files(), d.backlog(), rows);
  }

  private static AiAnswers ai(String month, String band, long answers, long experiences, long rated, long useful,
                              long negativeRated, long negativeConverted, boolean smallCell) {
    return new AiAnswers(LocalDate.parse(month), band, answers, experiences, rated, useful, negativeRated,
        negativeConverted, smallCell);
  }

  @Test
  void aiBandsCompareUsefulAndConversionRatesFromTheFirstMonthWithASimilarityWithholdingSmallCells() {
    ReportData d = withAiAnswers(data("x"), List.of(
        // January has no similarity yet: its "none" answers are left out of the comparison.
        ai("2024-01-01", "none", 50, 40, 20, 10, 10, 4, false),
        ai("2024-03-01", "none", 30, 25, 12, 6, 8, 2, false),
        ai("2024-04-01", "none", 10, 8, 6, 3, 5, 1, false),
        ai("2024-03-01", "identical", 12, 10, 8, 6, 4, 3, false),
        ai("2024-04-01", "identical", 6, 5, 4, 2, 0, 0, false),
        ai("2024-03-01", "high", 8, 4, 4, 4, 2, 2, true)));
    ReportModel model = ReportModel.of(d, 5);
    String html = ReportPage.render(model, NOW);
    // identical: rated 8 + 4 = 12, useful 6 + 2 = 8 -> 66.7 %; rated Négatif 4 + 0 = 4 < K: conversion withheld.
    assertTrue(html.contains("<g class=\"ai-band-row\" data-band=\"identical\" data-useful-rate=\"66.7%\" "
        + "data-conversion-rate=\"withheld\">"), html);
    assertTrue(html.contains("66.7%  (12 rated)"), "the number of rated answers beside the bar");
    // none from March: rated 12 + 6 = 18, useful 9 -> 50.0 %; Négatif 8 + 5 = 13, converted 3 -> 23.1 %.
    assertTrue(html.contains("<g class=\"ai-band-row\" data-band=\"none\" data-useful-rate=\"50.0%\" "
        + "data-conversion-rate=\"23.1%\">"));
    assertTrue(html.contains("23.1%  (13 rated)"));
    // high: 4 experiences < K (and flagged by the run): withheld whole; low has no answer: no row.
    assertTrue(html.contains("<g class=\"ai-band-row withheld\" data-band=\"high\">"));
    assertFalse(html.contains("data-band=\"low\""));
    assertTrue(html.contains("from March 2024 on"));
    // The page's tallies: those of the other sections, plus the high band and identical's conversion.
    assertEquals(ReportModel.of(data("x"), 5).tally().plus(SmallCellPolicy.Tally.forSize(2)), model.tally());
    assertFalse(Pattern.compile("<script").matcher(html).find());
  }

  @Test
  void withoutAnySimilarityTheAiCardSaysSo() {
    String html = ReportPage.render(withAiAnswers(data("x"), List.of(ai("2024-01-01", "none", 50, 40, 20, 10, 10,
        4, false))), 5, NOW);
    assertTrue(html.contains("No export read so far carries an AI similarity."));
    assertFalse(html.contains("class=\"ai-band-row"));
  }

  @Test
  void regionsUnderKAreWithheldAndSoIsTheNextSmallest() {
    String html = ReportPage.render(data("x"), 5, NOW);
    assertTrue(html.contains("<g class=\"region-row\" data-region=\"Alpha\" data-experiences=\"40\">"));
    assertTrue(html.contains("<g class=\"region-row\" data-region=\"Beta\" data-experiences=\"12\">"));
    assertTrue(html.contains("<g class=\"region-row withheld\" data-region=\"Gamma\">"), "3 < K");
    assertTrue(html.contains("<g class=\"region-row withheld\" data-region=\"Delta\">"),
        "withheld so that Gamma's 3 cannot be derived from the total 61");
    assertFalse(html.contains("data-region=\"Gamma\" data-experiences"));
    assertTrue(html.contains("<div class=\"value\">61</div>"), "the total of all regions is shown");
    assertFalse(html.contains("class=\"month-panel\" data-region=\"Gamma\""), "no panel for a withheld region");
    assertFalse(html.contains("class=\"heat-row\" data-region=\"Gamma\""), "no heat-map row either");
  }

  @Test
  void monthsAreWithheldAgainstTheirRegionsTotal() {
    String html = ReportPage.render(data("x"), 5, NOW);
    assertTrue(html.contains("<title>Alpha, Jan 24: 30 experiences"), "January is shown");
    assertTrue(html.contains("<title>Alpha, Mar 24: withheld (small cell)</title>"), "2 < K");
    assertTrue(html.contains("<title>Alpha, Feb 24: withheld (small cell)</title>"),
        "8 is withheld too: 40 − 30 would give March's 2");
    // For their size: Gamma, its month and its tag row, Alpha's March, S2, T3, Alpha's Relation cell, the
    // backlog of 1 March = 8. To protect them: Delta and its month, Alpha's February = 3.
    assertTrue(html.contains("<strong id=\"withheld-count\">8</strong>"), count(html, "withheld-count"));
    assertTrue(html.contains("<strong id=\"complementary-count\">3</strong>"), count(html, "complementary-count"));
  }

  @Test
  void theModelIsDecidedBeforeRenderingWhateverTheOrderOfTheSections() {
    List<ReportSection.Factory> reversed = new ArrayList<>(ReportModel.SECTIONS);
    Collections.reverse(reversed);
    ReportModel model = ReportModel.of(data("x"), 5, reversed);
    assertEquals(new SmallCellPolicy.Tally(8, 3), model.tally(), "the counts of the test above");
    assertEquals(ReportModel.of(data("x"), 5).tally(), model.tally());
    String once = ReportPage.render(ReportModel.of(data("x"), 5), NOW);
    assertEquals(once, ReportPage.render(ReportModel.of(data("x"), 5), NOW), "rendering changes nothing");
  }

  @Test
  void smallStructuresAndTypologiesAreLeftOutAndRatesNeedKCases() {
    String html = ReportPage.render(data("x"), 5, NOW);
    assertTrue(html.contains("data-structure=\"Structure x\" data-pending=\"6\""));
    assertFalse(html.contains("Small structure"));
    assertTrue(html.contains("data-typology=\"Typology x\" data-rate=\"50.0%\""));
    assertFalse(html.contains("Few ratings"), "2 rated Négatif experiences: no rate");
    assertFalse(html.contains("Small typology"));
    assertTrue(html.contains("&lt; 5</text>"), "the withheld heat-map cell");
  }

  @Test
  void theBacklogSumsTheRegionsOfEachSnapshotAndWithholdsTheSmallSnapshots() {
    String html = ReportPage.render(data("x"), 5, NOW);
    assertTrue(html.contains("<g class=\"backlog-snapshot\" data-snapshot=\"31 May 2024\" data-open=\"12\" "
        + "data-open-over-30-days=\"5\"><title>31 May 2024: 12 open of 33 present, 5 of them for more than 30 "
        + "days</title>"), "Alpha and Gamma summed");
    assertTrue(html.contains("<g class=\"backlog-snapshot withheld\" data-snapshot=\"1 Mar 2024\"><title>1 Mar "
        + "2024: withheld, fewer than K experiences present</title>"), "3 present < K");
    assertFalse(html.contains("data-snapshot=\"1 Mar 2024\" data-open"));
    // 5 of the 12 open experiences for more than 30 days: 41.7 %.
    assertTrue(html.contains("<tr><td>2024-05-31</td><td class=\"num\">33</td><td class=\"num\">12</td>"
        + "<td class=\"num\">7</td><td class=\"num\">5</td><td class=\"num\">41.7%</td></tr>"));
    assertTrue(html.contains("<tr><td>2024-03-01</td><td>&lt; 5</td><td>withheld</td><td>withheld</td>"));
    assertTrue(html.contains("Snapshots with fewer than K = 5 experiences present are withheld (1)."));
  }

  @Test
  void aWarehouseWithoutTheBacklogTableSaysSoInsteadOfAnEmptyChart() {
    String html = ReportPage.render(withBacklog(data("x"), null), 5, NOW);
    assertTrue(html.contains("<p class=\"note\" id=\"backlog-absent\">No backlog table in this warehouse.</p>"));
    assertTrue(html.contains("This warehouse has no gold/response_backlog"));
    assertFalse(html.contains("id=\"chart-backlog\""));
    assertTrue(html.contains("<strong id=\"withheld-count\">7</strong>"), "nothing withheld from an absent table");
  }

  @Test
  void aLargerKWithholdsMore() {
    String html = ReportPage.render(data("x"), 13, NOW);
    assertTrue(html.contains("<g class=\"region-row withheld\" data-region=\"Beta\">"), "12 < 13");
    assertTrue(html.contains("<strong>K = 13</strong>"));
    assertTrue(html.contains("flagged rows under <span id=\"run-k\">K = 8</span>."), "the run's own K, weaker");
  }

  @Test
  void statesTheRunsOwnThresholdWhenStricter() {
    String html = ReportPage.render(data("x"), 5, NOW);
    assertTrue(html.contains("flagged rows under <span id=\"run-k\">K = 8</span>, stricter than this report: its "
        + "flags are honoured."));
  }

  @Test
  void noStringFromTheDataBecomesMarkup() {
    String payload = "<script>alert(1)</script>\"><img src=x onerror=alert(1)>'<svg onload=alert(1)>&amp;";
    String html = ReportPage.render(data(payload), 5, NOW);
    Set<String> tags = new TreeSet<>();
    Matcher m = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)").matcher(html);
    while (m.find()) {
      tags.add(m.group(1).toLowerCase());
    }
    assertEquals(new TreeSet<>(Set.of("body", "code", "defs", "details", "div", "figure", "footer", "g", "h1", "h2",
        "h3", "head", "header", "html", "line", "main", "meta", "p", "pattern", "rect", "section", "span", "strong",
        "style", "summary", "svg", "table", "tbody", "td", "text", "th", "thead", "title", "tr")), tags,
        "only the page's own elements");
    String escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&#39;"
        + "&lt;svg onload=alert(1)&gt;&amp;amp;";
    for (String where : List.of("<td>Structure " + escaped + "</td>", "<td>Typology " + escaped + "</td>",
        "data-label=\"Tag " + escaped + "\"", "<td>export " + escaped + ".csv</td>",
        "<td>missing required column " + escaped + "</td>", "IllegalStateException: " + escaped,
        "<code>/data/" + escaped + "</code>")) {
      assertTrue(html.contains(where), "escaped: " + where);
    }
  }

  @Test
  void announcesAFailedRunAfterTheReportedOne() {
    String html = ReportPage.render(data("boom"), 5, NOW);
    assertTrue(html.contains("<div class=\"warning\" id=\"failed-run\" role=\"alert\"><strong>The latest run, "
        + "<code>r3</code>, failed</strong>"));
    assertTrue(html.contains("IllegalStateException: boom"));
  }

  @Test
  void anEmptyGoldStillGivesAPage() {
    ReportData empty = new ReportData("/w", run("r1", "succeeded", null), null, null, null, Map.of(), List.of(),
        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    String html = ReportPage.render(empty, 5, NOW);
    assertTrue(html.contains("id=\"section-data-quality\""));
    assertTrue(html.contains("No run has ingested or rejected a file yet."));
    assertTrue(html.endsWith("</body></html>\n"));
  }

  private static String count(String html, String id) {
    Matcher m = Pattern.compile("<strong id=\"" + id + "\">(\\d+)</strong>").matcher(html);
    return m.find() ? id + " = " + m.group(1) : id + " missing";
  }
}
