package fr.spplus.report;

import fr.spplus.report.ReportData.RegionKpi;
import fr.spplus.report.SmallCellPolicy.Tally;
import java.util.List;

/**
 * Everything the page shows, decided before any HTML is written: the small-cell policy applied once
 * to the regions ({@link ShownRegions}), then to each section in {@link #SECTIONS}, and the figures
 * withheld counted from the sections' own tallies. {@link ReportPage} only renders this model.
 *
 * @param summary the totals of the summary tiles, all regions
 * @param sections the cards of the page, in the order of {@link #SECTIONS}
 * @param tally the figures withheld on the whole page (for the small-cell note)
 */
record ReportModel(ReportData data, SmallCellPolicy policy, Summary summary, List<ReportSection> sections,
                   Tally tally) {

  /** The report's cards, top to bottom. A new section is one more entry here (docs/report.md). */
  static final List<ReportSection.Factory> SECTIONS = List.of(
      RegionsSection::of,
      MonthlySection::of,
      PendingSection::of,
      BacklogSection::of,
      ConversionSection::of,
      AiBandsSection::of,
      TagsSection::of,
      QualitySection::of);

  /**
   * The summary tiles' figures. The totals add up every region, shown or withheld (rule 2 protects
   * the withheld ones); a tile is withheld when its denominator is below K.
   *
   * @param shown the number of experiences reaches K (counts and the two shares are shown)
   * @param conversionShown the rated Négatif experiences reach K (the conversion is shown)
   */
  record Summary(long experiences, long answered, long negative, long negativeRated, long negativeConverted,
                 boolean shown, boolean conversionShown) {

    static Summary of(List<RegionKpi> regions, SmallCellPolicy policy) {
      long experiences = regions.stream().mapToLong(RegionKpi::experiences).sum();
      long rated = regions.stream().mapToLong(RegionKpi::negativeRated).sum();
      return new Summary(experiences, regions.stream().mapToLong(RegionKpi::answered).sum(),
          regions.stream().mapToLong(RegionKpi::negative).sum(), rated,
          regions.stream().mapToLong(RegionKpi::negativeConverted).sum(), policy.enough(experiences),
          policy.enough(rated));
    }
  }

  /** @param minCellSize K: figures describing fewer than K experiences are withheld (at least 1) */
  static ReportModel of(ReportData data, int minCellSize) {
    return of(data, minCellSize, SECTIONS);
  }

  static ReportModel of(ReportData data, int minCellSize, List<ReportSection.Factory> factories) {
    SmallCellPolicy policy = new SmallCellPolicy(minCellSize);
    ShownRegions regions = ShownRegions.of(data.regions(), policy);
    List<ReportSection> sections = factories.stream().map(f -> f.of(data, policy, regions)).toList();
    Tally tally = sections.stream().map(ReportSection::tally).reduce(Tally.NONE, Tally::plus);
    return new ReportModel(data, policy, Summary.of(data.regions(), policy), sections, tally);
  }
}
