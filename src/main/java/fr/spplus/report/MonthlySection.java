package fr.spplus.report;

import fr.spplus.report.Charts.MonthCell;
import fr.spplus.report.Charts.MonthlyPanel;
import fr.spplus.report.ReportData.Region;
import fr.spplus.report.ReportData.RegionKpi;
import fr.spplus.report.ReportData.RegionMonth;
import fr.spplus.report.SmallCellPolicy.Tally;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Monthly volume and sentiment per region (gold/kpi_by_region_month): one panel per shown region,
 * in the regions' order; a region's months are withheld against the region's total.
 *
 * @param panels one per shown region
 * @param months every month from the first to the last one of a shown region, the panels' x axis
 */
record MonthlySection(List<MonthlyPanel> panels, List<LocalDate> months, Tally tally) implements ReportSection {

  private static final DateTimeFormatter MONTH_YEAR = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK);

  static MonthlySection of(ReportData data, SmallCellPolicy policy, ShownRegions regions) {
    Map<Region, List<RegionMonth>> byRegion = new HashMap<>();
    for (RegionMonth m : data.months()) {
      byRegion.computeIfAbsent(m.region(), r -> new ArrayList<>()).add(m);
    }
    Tally tally = Tally.NONE;
    List<MonthlyPanel> panels = new ArrayList<>();
    LocalDate first = null;
    LocalDate last = null;
    for (RegionKpi r : regions.all()) {
      List<RegionMonth> months = byRegion.getOrDefault(r.region(), List.of());
      if (!regions.isShown(r)) {
        tally = tally.plus(regions.hiddenWith(r, months.size()));
        continue;
      }
      SmallCellPolicy.Withheld<RegionMonth> withheld = policy.againstTotal(months, RegionMonth::experiences,
          m -> policy.small(m.experiences(), m.smallCell()));
      tally = tally.plus(withheld.tally());
      List<MonthCell> cells = new ArrayList<>();
      for (RegionMonth m : months) {
        cells.add(withheld.contains(m) ? new MonthCell(m.month(), 0, 0, 0, 0, true)
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
    return new MonthlySection(panels, months, tally);
  }

  @Override
  public String html() {
    String span = months.isEmpty() ? "" : " from " + months.get(0).format(MONTH_YEAR) + " to "
        + months.get(months.size() - 1).format(MONTH_YEAR);
    return Cards.section("section-monthly", "Monthly volume and sentiment per region",
        "Experiences published each month (Paris time)" + span + ", stacked by the user's sentiment, one panel "
            + "per region in the order above.",
        panels.isEmpty() ? Cards.empty() : Charts.monthlySentiment("chart-region-monthly", panels, months), "",
        "Source: gold/kpi_by_region_month.");
  }
}
