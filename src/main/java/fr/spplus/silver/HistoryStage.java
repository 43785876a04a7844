package fr.spplus.silver;

import static org.apache.spark.sql.functions.col;

import fr.spplus.faults.FaultPoints;
import fr.spplus.publish.DeltaTables;
import fr.spplus.publish.Tables;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Writes silver/experience_history (docs/contract.md section 6), in one of two ways:
 *
 * <ul>
 *   <li>{@link Mode#MERGE}, the daily run: the run's files all have one snapshot date, later than
 *       every snapshot ingested before. A Delta MERGE closes the current versions that the new
 *       snapshot changes or removes and inserts the versions it opens, computed from the current
 *       versions and the new snapshot's observations alone ({@link ExperienceHistory#advance}; the
 *       observations are the winning records silver has just picked, as silver normalised them, see
 *       {@link Observations#ofLatestSnapshot}): the cost follows the number of experiences, not the
 *       number of snapshots;</li>
 *   <li>{@link Mode#REBUILD}, everything else (the first run, a late export older than the newest
 *       snapshot or of a date already ingested, a file read again, a full silver rebuild): the whole
 *       history from bronze, which holds every record of every snapshot ({@link ExperienceHistory#build}).
 *       A late export may change every version after its date (an experience it lacks is absent there),
 *       so nothing less than the history from that date on would do; rebuilding all of it costs a pass
 *       over bronze like a full silver rebuild.</li>
 * </ul>
 */
public final class HistoryStage {

  public enum Mode { MERGE, REBUILD }

  private final DeltaTables tables;

  public HistoryStage(DeltaTables tables) {
    this.tables = tables;
  }

  /**
   * @param silverRebuilt silver was rebuilt in full by this run
   * @param newDates the snapshot dates of the files this run ingested
   * @param newestBefore the newest snapshot date of the files ingested before this run (null: none)
   */
  public Mode mode(boolean silverRebuilt, Set<LocalDate> newDates, LocalDate newestBefore) {
    boolean oneLaterSnapshot = newDates.size() == 1 && newestBefore != null
        && newDates.iterator().next().isAfter(newestBefore);
    return !silverRebuilt && oneLaterSnapshot && tables.exists(Tables.SILVER_EXPERIENCE_HISTORY)
        ? Mode.MERGE : Mode.REBUILD;
  }

  /**
   * The whole history, replaced.
   *
   * @param records bronze rows of the current version of every file
   * @param verdicts {@link Verdicts#of} those records
   * @param snapshots the snapshot dates (column snapshot_date) of every ingested file
   * @return the version written
   */
  public long rebuild(Dataset<Row> records, Dataset<Row> verdicts, Dataset<Row> snapshots, String runId) {
    Dataset<Row> history = ExperienceHistory.build(Observations.of(records, verdicts), Verdicts.seen(verdicts),
        snapshots);
    long version = tables.overwrite(history, Tables.SILVER_EXPERIENCE_HISTORY, runId);
    FaultPoints.reached(FaultPoints.HISTORY_AFTER_COMMIT);
    return version;
  }

  /**
   * The new snapshot {@code date} merged into the history.
   *
   * @param verdicts {@link Verdicts#of} the records of this run's files, all of snapshot {@code date}
   *     (their observations come from the silver tables this run has just brought up to date: see
   *     {@link Observations#ofLatestSnapshot})
   * @return the version written
   */
  public long merge(Dataset<Row> verdicts, LocalDate date, String runId) {
    Dataset<Row> current = tables.read(Tables.SILVER_EXPERIENCE_HISTORY).where(col("valid_to").isNull());
    Dataset<Row> observations = Observations.ofLatestSnapshot(tables.read(Tables.SILVER_WINNING_RECORDS),
        tables.read(Tables.SILVER_EXPERIENCES), tables.read(Tables.SILVER_EXPERIENCE_STRUCTURES), date);
    Dataset<Row> changes = ExperienceHistory.advance(current, observations, Verdicts.seen(verdicts), date);
    // Closing rows match their current version (same key, still open); opening rows start at date,
    // later than every version, so they match nothing and are inserted.
    long version = tables.merge(FaultPoints.duringWrite(FaultPoints.HISTORY_DURING_MERGE, changes),
        Tables.SILVER_EXPERIENCE_HISTORY,
        "t.experience_id = s.experience_id AND t.valid_from = s.valid_from AND t.valid_to IS NULL",
        Map.of("valid_to", "s.valid_to"), "s.valid_to IS NULL", runId);
    FaultPoints.reached(FaultPoints.HISTORY_AFTER_COMMIT);
    return version;
  }
}
