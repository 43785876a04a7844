package fr.spplus.gold;

import static fr.spplus.gold.GoldColumns.EXPERIENCES;
import static fr.spplus.gold.GoldColumns.MONTH;
import static fr.spplus.gold.GoldColumns.REGION_CODE;
import static fr.spplus.gold.GoldColumns.REGION_NAME;
import static fr.spplus.gold.GoldColumns.SENTIMENT;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_if;

import fr.spplus.publish.GoldTables;
import fr.spplus.source.ClosedLists;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold/kpi_by_region and gold/kpi_by_region_month: the experience-level indicators per region
 * (the pair region_name, region_code; a null code is a group of its own), and per region and
 * Europe/Paris month of publication.
 */
public final class KpiByRegion {

  private KpiByRegion() {}

  /**
   * @param facts {@link ExperienceFacts#of}
   * @param minCellSize K of {@link SmallCells}: rows with experiences &lt; K are flagged
   * @return the rows of {@link GoldTables#KPI_BY_REGION}, in its schema
   */
  public static Dataset<Row> compute(Dataset<Row> facts, int minCellSize) {
    SmallCells.requireValid(minCellSize);
    return GoldTables.KPI_BY_REGION.conform(
        SmallCells.flag(indicators(facts, col(REGION_NAME), col(REGION_CODE)), minCellSize, EXPERIENCES));
  }

  /**
   * One row per (region, month) with at least one experience.
   *
   * @param facts {@link ExperienceFacts#of}
   * @param minCellSize K of {@link SmallCells}: rows with experiences &lt; K are flagged
   * @return the rows of {@link GoldTables#KPI_BY_REGION_MONTH}, in its schema
   */
  public static Dataset<Row> computeMonthly(Dataset<Row> facts, int minCellSize) {
    SmallCells.requireValid(minCellSize);
    return GoldTables.KPI_BY_REGION_MONTH.conform(
        SmallCells.flag(indicators(facts, col(REGION_NAME), col(REGION_CODE), col(MONTH)), minCellSize, EXPERIENCES));
  }

  private static Dataset<Row> indicators(Dataset<Row> facts, Column... groups) {
    return Measures.experienceIndicators(facts.groupBy(groups),
        sentimentCount(ClosedLists.SENTIMENT_POSITIVE).as("positive"),
        sentimentCount(ClosedLists.SENTIMENT_NEUTRAL).as("neutral"),
        sentimentCount(ClosedLists.SENTIMENT_NEGATIVE).as("negative"));
  }

  private static Column sentimentCount(String sentiment) {
    return count_if(col(SENTIMENT).equalTo(sentiment));
  }
}
