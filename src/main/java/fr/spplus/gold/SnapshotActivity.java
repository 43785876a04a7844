package fr.spplus.gold;

import static fr.spplus.gold.GoldColumns.ANSWERED;
import static fr.spplus.gold.GoldColumns.CHANGE;
import static fr.spplus.gold.GoldColumns.CHANGE_CHANGED;
import static fr.spplus.gold.GoldColumns.CHANGE_PUBLISHED;
import static fr.spplus.gold.GoldColumns.CHANGE_REAPPEARED;
import static fr.spplus.gold.GoldColumns.CHANGE_REMOVED;
import static fr.spplus.gold.GoldColumns.EXPERIENCE_ID;
import static fr.spplus.gold.GoldColumns.PRESENT;
import static fr.spplus.gold.GoldColumns.PREVIOUS_SNAPSHOT_DATE;
import static fr.spplus.gold.GoldColumns.SNAPSHOT_DATE;
import static fr.spplus.gold.GoldColumns.VALID_FROM;
import static fr.spplus.gold.GoldColumns.VALID_TO;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import fr.spplus.publish.GoldTables;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold/snapshot_activity (docs/contract.md section 6): for each snapshot asked for, the experiences
 * present there and the versions of silver/experience_history starting there, by change, plus the
 * experiences newly answered since the previous snapshot.
 *
 * <p>A version starting at d is the version covering d with valid_from = d, so one pass over the
 * covering versions gives both present and the four change counts. Because every version starts
 * at a snapshot and versions of one experience follow each other, present(d) = present(previous)
 * + published + reappeared − removed holds by construction (a changed version replaces a present
 * one by a present one).
 *
 * <p>Pure: it builds a plan, runs nothing.
 */
public final class SnapshotActivity {

  private static final String PREVIOUS_PRESENT = "previous_present";
  private static final String PREVIOUS_ANSWERED = "previous_answered";
  private static final String NEWLY_ANSWERED = "newly_answered";
  private static final List<String> COUNTS = List.of(PRESENT, CHANGE_PUBLISHED, CHANGE_CHANGED, CHANGE_REMOVED,
      CHANGE_REAPPEARED, NEWLY_ANSWERED);

  private SnapshotActivity() {}

  /**
   * @param history silver/experience_history (at least experience_id, valid_from, valid_to, change,
   *     present, answered)
   * @param snapshots the snapshots to compute, one row each: snapshot_date (DATE) and
   *     previous_snapshot_date (DATE, the latest snapshot before it among all snapshots, null for the
   *     first): every one gets a row, with zero counts if nothing covers it
   * @param minCellSize K of {@link SmallCells}: rows with present &lt; K are flagged
   * @return the rows of {@link GoldTables#SNAPSHOT_ACTIVITY} for those snapshots, in its schema
   */
  public static Dataset<Row> compute(Dataset<Row> history, Dataset<Row> snapshots, int minCellSize) {
    int k = SmallCells.requireValid(minCellSize);
    Coverage.requireHistory(history);
    Coverage.requireSnapshots(snapshots);
    Dataset<Row> versions =
        history.select(col(EXPERIENCE_ID), col(VALID_FROM), col(VALID_TO), col(CHANGE), col(PRESENT), col(ANSWERED));
    Dataset<Row> dates = snapshots.select(col(SNAPSHOT_DATE), col(PREVIOUS_SNAPSHOT_DATE));

    Dataset<Row> atSnapshot = Coverage.at(versions, dates.select(col(SNAPSHOT_DATE)), SNAPSHOT_DATE);
    Dataset<Row> atPrevious = Coverage.at(versions, dates, PREVIOUS_SNAPSHOT_DATE)
        .select(col(SNAPSHOT_DATE), col(EXPERIENCE_ID), col(PRESENT).as(PREVIOUS_PRESENT),
            coalesce(col(ANSWERED), lit(false)).as(PREVIOUS_ANSWERED));

    // The previous version must be present: an experience back after an absence is reappeared, not
    // newly answered, even if it comes back answered.
    Column newlyAnswered = coalesce(col(ANSWERED), lit(false))
        .and(coalesce(col(PREVIOUS_PRESENT), lit(false)))
        .and(not(col(PREVIOUS_ANSWERED)));
    Dataset<Row> counts = atSnapshot
        .join(atPrevious, new String[] {SNAPSHOT_DATE, EXPERIENCE_ID}, "left")
        .groupBy(col(SNAPSHOT_DATE))
        .agg(count_if(col(PRESENT)).as(PRESENT),
            startingHere(CHANGE_PUBLISHED),
            startingHere(CHANGE_CHANGED),
            startingHere(CHANGE_REMOVED),
            startingHere(CHANGE_REAPPEARED),
            count_if(newlyAnswered).as(NEWLY_ANSWERED));

    // Every snapshot asked for gets its row, even one nothing covers (counts 0).
    Dataset<Row> activity = dates.join(counts, new String[] {SNAPSHOT_DATE}, "left");
    for (String count : COUNTS) {
      activity = activity.withColumn(count, coalesce(col(count), lit(0L)));
    }
    return GoldTables.SNAPSHOT_ACTIVITY.conform(SmallCells.flag(activity, k, PRESENT));
  }

  /** The versions with this change covering the snapshot and starting there, named after the change. */
  private static Column startingHere(String change) {
    return count_if(col(VALID_FROM).equalTo(col(SNAPSHOT_DATE)).and(col(CHANGE).equalTo(change))).as(change);
  }
}
