package fr.spplus.gold;

import static org.apache.spark.sql.functions.col;

import fr.spplus.faults.FaultPoints;
import fr.spplus.publish.DeltaTables;
import fr.spplus.publish.GoldTables;
import fr.spplus.publish.TableSpec;
import fr.spplus.publish.Tables;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Writes gold/response_backlog and gold/snapshot_activity (docs/contract.md section 6) from
 * silver/experience_history, so that they always equal a computation over every snapshot from
 * scratch:
 *
 * <ul>
 *   <li>after a daily MERGE of one new snapshot, only that snapshot's rows are written (Delta
 *       replaceWhere on snapshot_date): the rows of the earlier snapshots depend on versions that
 *       MERGE does not change (it only sets valid_to = the new date on the versions it closes);</li>
 *   <li>except the backlog's region and age, which come from silver/experiences, i.e. from each
 *       experience's latest record: when this run changed the region or the publication date of an
 *       experience that was already there, every backlog row is recomputed (a region move moves the
 *       experience in every earlier snapshot's row);</li>
 *   <li>after a history rebuild, every row of both tables is rewritten.</li>
 * </ul>
 */
public final class HistoryIndicatorsStage {

  private static final String SNAPSHOT_DATE = "snapshot_date";

  private final DeltaTables tables;
  private final int minCellSize;

  public HistoryIndicatorsStage(DeltaTables tables, int minCellSize) {
    this.tables = tables;
    this.minCellSize = SmallCells.requireValid(minCellSize);
  }

  /**
   * @param snapshots (snapshot_date, previous_snapshot_date) of every snapshot
   * @param newSnapshot the snapshot a daily MERGE added; null after a rebuild (every row rewritten)
   * @param experiencesBefore the version of silver/experiences before this run wrote it (-1: none)
   * @return the version written of each table
   */
  public Map<TableSpec, Long> write(Dataset<Row> snapshots, LocalDate newSnapshot, long experiencesBefore,
                                    String runId) {
    Dataset<Row> history = tables.read(Tables.SILVER_EXPERIENCE_HISTORY);
    Dataset<Row> experiences = tables.read(Tables.SILVER_EXPERIENCES);
    Column onlyNew = newSnapshot == null ? null : col(SNAPSHOT_DATE).equalTo(java.sql.Date.valueOf(newSnapshot));
    boolean allBacklog = newSnapshot == null || experiencesBefore < 0
        || !regionOrPublicationChanged(tables.read(Tables.SILVER_EXPERIENCES, experiencesBefore), experiences)
            .isEmpty();
    Map<TableSpec, Long> versions = new LinkedHashMap<>();
    versions.put(GoldTables.RESPONSE_BACKLOG, write(GoldTables.RESPONSE_BACKLOG,
        ResponseBacklog.compute(history, experiences, allBacklog ? snapshots : snapshots.where(onlyNew), minCellSize),
        allBacklog ? null : newSnapshot, runId));
    versions.put(GoldTables.SNAPSHOT_ACTIVITY, write(GoldTables.SNAPSHOT_ACTIVITY,
        SnapshotActivity.compute(history, newSnapshot == null ? snapshots : snapshots.where(onlyNew), minCellSize),
        newSnapshot, runId));
    return versions;
  }

  /** Replaces the rows of {@code snapshot}, or the whole table when it is null. */
  private long write(TableSpec spec, Dataset<Row> rows, LocalDate snapshot, String runId) {
    long version = snapshot == null
        ? tables.overwrite(rows, spec, runId)
        : tables.replaceWhere(rows, spec, SNAPSHOT_DATE + " = DATE'" + snapshot + "'", runId);
    FaultPoints.reached(FaultPoints.GOLD_HISTORY_AFTER_TABLE);
    return version;
  }

  /**
   * The experiences of {@code before} whose region or publication date differs in {@code after}
   * (both silver/experiences; null-safe comparison). Experiences new in {@code after} have no earlier
   * backlog row and are not listed.
   */
  static Dataset<Row> regionOrPublicationChanged(Dataset<Row> before, Dataset<Row> after) {
    Column same = col("b.region_name").eqNullSafe(col("a.region_name"))
        .and(col("b.region_code").eqNullSafe(col("a.region_code")))
        .and(col("b.published_at").eqNullSafe(col("a.published_at")));
    return before.as("b").join(after.as("a"), col("b.experience_id").equalTo(col("a.experience_id")))
        .where(org.apache.spark.sql.functions.not(same))
        .select(col("b.experience_id").as("experience_id"));
  }
}
