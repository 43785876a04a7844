package fr.spplus.gold;

import static fr.spplus.gold.GoldColumns.ANSWERED;
import static fr.spplus.gold.GoldColumns.EXPERIENCE_ID;
import static fr.spplus.gold.GoldColumns.PRESENT;
import static fr.spplus.gold.GoldColumns.PUBLISHED_AT;
import static fr.spplus.gold.GoldColumns.REGION_CODE;
import static fr.spplus.gold.GoldColumns.REGION_NAME;
import static fr.spplus.gold.GoldColumns.SNAPSHOT_DATE;
import static fr.spplus.gold.GoldColumns.VALID_FROM;
import static fr.spplus.gold.GoldColumns.VALID_TO;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_timestamp;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import fr.spplus.publish.GoldTables;
import fr.spplus.publish.Tables;
import fr.spplus.source.ExportZone;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold/response_backlog (docs/contract.md section 6): for each snapshot d asked for and each
 * region with an experience present at d, how many experiences were present, answered and open,
 * and how old the open ones were.
 *
 * <p>Presence and answered come from the version of silver/experience_history covering d; the
 * region and the publication date from silver/experiences (the experience's latest known record),
 * so an experience counts in the same region at every snapshot. The age of an open experience at d
 * is measured from d at midnight, Paris time: the export of a day describes the platform at the
 * start of that day, and the Paris offset on d (not the session's zone) decides the instant.
 *
 * <p>Pure: it builds a plan, runs nothing.
 */
public final class ResponseBacklog {

  private static final String OPEN = "open";
  private static final String AGE_DAYS = "age_days";
  private static final double MICROS_PER_DAY = 86_400_000_000d;

  private ResponseBacklog() {}

  /**
   * @param history silver/experience_history (at least experience_id, valid_from, valid_to, present,
   *     answered)
   * @param experiences silver/experiences (experience_id, published_at, region_name, region_code)
   * @param snapshots the snapshots to compute, one row each: snapshot_date (DATE) and
   *     previous_snapshot_date (DATE, unused here)
   * @param minCellSize K of {@link SmallCells}: rows with present &lt; K are flagged
   * @return the rows of {@link GoldTables#RESPONSE_BACKLOG} for those snapshots, in its schema
   */
  public static Dataset<Row> compute(Dataset<Row> history, Dataset<Row> experiences, Dataset<Row> snapshots,
      int minCellSize) {
    int k = SmallCells.requireValid(minCellSize);
    Coverage.requireHistory(history);
    Coverage.requireSnapshots(snapshots);
    Measures.requireColumns(experiences, Tables.SILVER_EXPERIENCES.path(), EXPERIENCE_ID, PUBLISHED_AT,
        REGION_NAME, REGION_CODE);

    Dataset<Row> present = Coverage.at(
            history.select(col(EXPERIENCE_ID), col(VALID_FROM), col(VALID_TO), col(PRESENT), col(ANSWERED)),
            snapshots.select(col(SNAPSHOT_DATE)), SNAPSHOT_DATE)
        .where(col(PRESENT));
    // Left join: an experience of the history missing from silver/experiences (which the job never
    // produces) still counts, in the missing region, so that present agrees with snapshot_activity.
    Dataset<Row> withRegion = present
        .join(experiences.select(EXPERIENCE_ID, PUBLISHED_AT, REGION_NAME, REGION_CODE),
            new String[] {EXPERIENCE_ID}, "left")
        .select(col(SNAPSHOT_DATE), ExperienceFacts.regionName(), ExperienceFacts.regionCode(),
            coalesce(col(ANSWERED), lit(false)).as(ANSWERED),
            when(not(coalesce(col(ANSWERED), lit(false))), ageDays(col(SNAPSHOT_DATE), col(PUBLISHED_AT)))
                .as(AGE_DAYS));

    Column open = not(col(ANSWERED));
    Dataset<Row> counts = withRegion
        .groupBy(col(SNAPSHOT_DATE), col(REGION_NAME), col(REGION_CODE))
        .agg(count(lit(1)).as(PRESENT),
            count_if(col(ANSWERED)).as(ANSWERED),
            count_if(open.and(col(AGE_DAYS).gt(lit(7)))).as("open_over_7_days"),
            count_if(open.and(col(AGE_DAYS).gt(lit(30)))).as("open_over_30_days"),
            Measures.median(col(AGE_DAYS)).as("median_open_age_days"))
        .withColumn(OPEN, col(PRESENT).minus(col(ANSWERED)))
        .withColumn("response_rate", Measures.rate(col(ANSWERED), col(PRESENT)));
    return GoldTables.RESPONSE_BACKLOG.conform(SmallCells.flag(counts, k, PRESENT));
  }

  /**
   * Days from {@code publishedAt} to {@code snapshotDate} at 00:00 Europe/Paris (microseconds /
   * 86,400,000,000, so fractions of a day are kept); null without a publication date. Negative when
   * the experience was published after that midnight (the snapshot's own day).
   */
  public static Column ageDays(Column snapshotDate, Column publishedAt) {
    Column parisMidnight = make_timestamp(year(snapshotDate), month(snapshotDate), dayofmonth(snapshotDate),
        lit(0), lit(0), lit(0), lit(ExportZone.ID));
    return unix_micros(parisMidnight).minus(unix_micros(publishedAt)).divide(lit(MICROS_PER_DAY));
  }
}
