package fr.spplus.report;

import fr.spplus.report.Charts.HeatCell;
import fr.spplus.report.Charts.HeatColumn;
import fr.spplus.report.Charts.HeatRow;
import fr.spplus.report.ReportData.BusinessTagShare;
import fr.spplus.report.ReportData.Region;
import fr.spplus.report.ReportData.RegionKpi;
import fr.spplus.report.ReportData.TagShare;
import fr.spplus.report.SmallCellPolicy.Tally;
import fr.spplus.source.ClosedLists;
import fr.spplus.source.SourceColumns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tag frequencies by region (gold/tag_frequency_by_region, gold/business_tag_frequency_by_region):
 * two heat maps, region × general tag × valence and region × the most frequent business tags. A
 * cell is withheld for its size; a withheld region has no row.
 *
 * @param general the general tags' columns and one row per shown region
 * @param business the business tags' columns (at most {@link #TOP_BUSINESS_TAGS}, by experiences
 *     over the shown cells) and one row per shown region
 */
record TagsSection(HeatMap general, HeatMap business, SmallCellPolicy policy, Tally tally) implements ReportSection {

  static final int TOP_BUSINESS_TAGS = 12;

  /** The columns and rows of one heat map. */
  record HeatMap(List<HeatColumn> columns, List<HeatRow> rows) {

    boolean isEmpty() {
      return rows.isEmpty() || columns.isEmpty();
    }
  }

  static TagsSection of(ReportData data, SmallCellPolicy policy, ShownRegions regions) {
    Tally tally = Tally.NONE;
    Map<Region, Map<String, TagShare>> tags = new HashMap<>();
    for (TagShare t : data.tags()) {
      tags.computeIfAbsent(t.region(), r -> new HashMap<>()).put(key(t.tag(), t.valence()), t);
      tally = tally.plus(hidden(t.region(), t.experiences(), t.smallCell(), policy, regions));
    }
    List<HeatColumn> columns = new ArrayList<>();
    for (SourceColumns.Column tag : SourceColumns.GENERAL_TAGS) {
      for (String v : List.of(ClosedLists.SENTIMENT_POSITIVE, ClosedLists.SENTIMENT_NEGATIVE)) {
        columns.add(new HeatColumn(tag.label(), v, v.equals(ClosedLists.SENTIMENT_POSITIVE)
            ? Charts.POSITIVE : Charts.NEGATIVE));
      }
    }
    List<HeatRow> tagRows = new ArrayList<>();
    for (RegionKpi r : regions.shown()) {
      Map<String, TagShare> mine = tags.getOrDefault(r.region(), Map.of());
      List<HeatCell> cells = new ArrayList<>();
      for (HeatColumn c : columns) {
        TagShare t = mine.get(key(c.group(), c.label()));
        cells.add(t == null ? HeatCell.zero() : cell(t.share(), t.experiences(), t.smallCell(), policy));
      }
      tagRows.add(new HeatRow(r.region().label(), r.experiences(), cells));
    }

    Map<String, Long> totals = new HashMap<>();
    Map<Region, Map<String, BusinessTagShare>> business = new HashMap<>();
    for (BusinessTagShare t : data.businessTags()) {
      business.computeIfAbsent(t.region(), r -> new HashMap<>()).put(t.tag(), t);
      Tally hidden = hidden(t.region(), t.experiences(), t.smallCell(), policy, regions);
      tally = tally.plus(hidden);
      if (regions.isShown(t.region()) && !policy.small(t.experiences(), t.smallCell())) {
        totals.merge(t.tag(), t.experiences(), Long::sum);
      }
    }
    List<String> topTags = totals.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(TOP_BUSINESS_TAGS).map(Map.Entry::getKey).toList();
    List<HeatColumn> businessColumns = topTags.stream().map(t -> new HeatColumn(null, t, Charts.BUSINESS)).toList();
    List<HeatRow> businessRows = new ArrayList<>();
    for (RegionKpi r : regions.shown()) {
      Map<String, BusinessTagShare> mine = business.getOrDefault(r.region(), Map.of());
      List<HeatCell> cells = new ArrayList<>();
      for (String tag : topTags) {
        BusinessTagShare t = mine.get(tag);
        cells.add(t == null ? HeatCell.zero() : cell(t.share(), t.experiences(), t.smallCell(), policy));
      }
      businessRows.add(new HeatRow(r.region().label(), r.experiences(), cells));
    }
    return new TagsSection(new HeatMap(columns, tagRows), new HeatMap(businessColumns, businessRows), policy,
        tally);
  }

  private static String key(String tag, String valence) {
    return tag + "\u0000" + valence;
  }

  /** A cell's share, or withheld for its size. */
  private static HeatCell cell(Double share, long experiences, boolean flagged, SmallCellPolicy policy) {
    return policy.small(experiences, flagged) ? HeatCell.hidden() : new HeatCell(share, experiences, false);
  }

  /** How a row of a tag table counts: hidden with its withheld region, or withheld for its size. */
  private static Tally hidden(Region region, long experiences, boolean flagged, SmallCellPolicy policy,
                              ShownRegions regions) {
    if (!regions.isShown(region)) {
      return regions.hiddenWith(region);
    }
    return policy.small(experiences, flagged) ? Tally.forSize(1) : Tally.NONE;
  }

  @Override
  public String html() {
    String generalMap = general.rows().isEmpty() ? Cards.empty() : Charts.heatMap("chart-tag-heatmap",
        "Share of experiences giving each general tag, by valence and region", general.columns(), general.rows(),
        false, policy.mark());
    String businessMap = business.isEmpty() ? Cards.empty() : Charts.heatMap("chart-business-tag-heatmap",
        "Share of experiences carrying each of the most frequent business tags, by region", business.columns(),
        business.rows(), true, policy.mark());
    return "<section class=\"card\" id=\"section-tags\"><h2>Tag frequencies by region</h2><p class=\"lede\">"
        + "Share of a region's experiences whose author gave each general tag, positive or negative (an "
        + "experience may give several). Darker is more frequent; hatched cells describe fewer than K = "
        + policy.k() + " experiences.</p><figure>" + generalMap + "</figure>"
        + "<h3>Business tags</h3><p class=\"lede\">The business tags (« Tags métier ») carried by the most "
        + "experiences (at most " + TOP_BUSINESS_TAGS + "), as a share of each region's experiences.</p><figure>"
        + businessMap
        + "</figure><p class=\"source\">Sources: gold/tag_frequency_by_region, "
        + "gold/business_tag_frequency_by_region.</p></section>";
  }
}
