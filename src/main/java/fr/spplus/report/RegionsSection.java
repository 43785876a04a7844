package fr.spplus.report;

import static fr.spplus.report.Html.count;
import static fr.spplus.report.Html.hours;
import static fr.spplus.report.Html.percent;

import fr.spplus.report.Charts.RegionBar;
import fr.spplus.report.ReportData.RegionKpi;
import fr.spplus.report.SmallCellPolicy.Tally;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Response rate and median delay by region (gold/kpi_by_region): shown regions largest first, then
 * the withheld ones by name, as hatched rows without figures.
 *
 * @param bars the chart's rows
 * @param rows the table's rows, every region largest first ("withheld" for a withheld one)
 */
record RegionsSection(List<RegionBar> bars, List<List<String>> rows, Tally tally) implements ReportSection {

  static RegionsSection of(ReportData data, SmallCellPolicy policy, ShownRegions regions) {
    List<RegionBar> bars = new ArrayList<>();
    for (RegionKpi r : regions.shown()) {
      bars.add(new RegionBar(r.region().label(), r.experiences(), r.responseRate(), r.medianDelayHours(),
          r.p90DelayHours(), false));
    }
    regions.all().stream().filter(r -> !regions.isShown(r)).sorted(Comparator.comparing(r -> r.region().label()))
        .forEach(r -> bars.add(new RegionBar(r.region().label(), 0, null, null, null, true)));
    List<List<String>> rows = new ArrayList<>();
    for (RegionKpi r : regions.all()) {
      String code = Objects.toString(r.region().code(), "");
      if (regions.isShown(r)) {
        rows.add(List.of(r.region().label(), code, count(r.experiences()),
            count(r.answered()), percent(r.responseRate()), hours(r.medianDelayHours()), hours(r.p90DelayHours()),
            count(r.negative()), count(r.negativeRated()),
            policy.enough(r.negativeRated()) ? percent(r.conversionRate()) : policy.mark() + " rated"));
      } else {
        rows.add(List.of(r.region().label(), code, "withheld", "", "", "", "", "", "", ""));
      }
    }
    return new RegionsSection(bars, rows, regions.tally());
  }

  @Override
  public String html() {
    return Cards.section("section-regions", "Response rate and median delay by region",
        "Share of experiences answered (a first response, or treated) and the median time from publication to "
            + "the first response, per user region, largest regions first. Hover a bar for the 90th percentile.",
        Charts.regionResponse("chart-region-response", bars),
        Cards.table("table-regions", List.of("Region", "Code", "Experiences", "Answered", "Response rate",
            "Median delay", "p90 delay", "Négatif", "Négatif rated", "Conversion"), rows),
        "Source: gold/kpi_by_region.");
  }
}
