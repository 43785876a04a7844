package fr.spplus.report;

import fr.spplus.report.ReportData.Region;
import fr.spplus.report.ReportData.RegionKpi;
import fr.spplus.report.SmallCellPolicy.Tally;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The regions in the page's order (largest first, then by name) and which of them the small-cell
 * policy withholds against the total of experiences the summary shows. Decided once, before any
 * section is computed: every section that has a row per region hides the rows of a withheld region
 * and counts them with it.
 */
final class ShownRegions {

  private final List<RegionKpi> byVolume;
  private final SmallCellPolicy.Withheld<RegionKpi> withheld;

  private ShownRegions(List<RegionKpi> byVolume, SmallCellPolicy.Withheld<RegionKpi> withheld) {
    this.byVolume = byVolume;
    this.withheld = withheld;
  }

  static ShownRegions of(List<RegionKpi> regions, SmallCellPolicy policy) {
    List<RegionKpi> byVolume = new ArrayList<>(regions);
    byVolume.sort(Comparator.comparingLong(RegionKpi::experiences).reversed()
        .thenComparing(r -> r.region().label()));
    return new ShownRegions(List.copyOf(byVolume), policy.againstTotal(byVolume, RegionKpi::experiences,
        r -> policy.small(r.experiences(), r.smallCell())));
  }

  /** Every region, largest first. */
  List<RegionKpi> all() {
    return byVolume;
  }

  /** The regions shown, largest first. */
  List<RegionKpi> shown() {
    return byVolume.stream().filter(this::isShown).toList();
  }

  boolean isShown(RegionKpi region) {
    return !withheld.contains(region);
  }

  /** Whether a region of another gold table has a shown row in gold/kpi_by_region. */
  boolean isShown(Region region) {
    return byVolume.stream().anyMatch(r -> r.region().equals(region) && isShown(r));
  }

  /** The regions themselves, as withheld. */
  Tally tally() {
    return withheld.tally();
  }

  /**
   * {@code rows} hidden with a withheld region: withheld for their size when the region is (its
   * rows are smaller still), to protect another when the region only protects another.
   */
  Tally hiddenWith(RegionKpi region, int rows) {
    return withheld.companions().contains(region) ? new Tally(0, rows) : Tally.forSize(rows);
  }

  /** One row hidden with its region, found by name and code; none when the region has no KPI row. */
  Tally hiddenWith(Region region) {
    return byVolume.stream().filter(r -> r.region().equals(region)).findFirst()
        .map(r -> hiddenWith(r, 1)).orElse(Tally.NONE);
  }
}
