package fr.spplus.silver;

import fr.spplus.faults.FaultPoints;
import fr.spplus.publish.DeltaTables;
import fr.spplus.publish.TableSpec;
import fr.spplus.publish.Tables;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Writes the silver tables. Two modes:
 * <ul>
 *   <li>incremental: the accepted records of the files this run ingested are merged into the
 *       winners kept in silver/winning_records, and their quarantined records appended: the cost
 *       follows the new files and the number of experiences, not the length of history;</li>
 *   <li>full: everything is rebuilt from the current version of every file in bronze (first run,
 *       a file whose content changed under the same name, or recovery after a run that died).</li>
 * </ul>
 * silver/experiences, experience_typologies, experience_structures and data_quality_issues are then
 * derived from the winning records and replaced (at the same time, each in its own transaction).
 */
public final class SilverStage {

  public enum Mode { INCREMENTAL, FULL }

  /**
   * Up to this many quarantined records, their verdicts (about 170 bytes each) are broadcast to find
   * the records; above it (a damaged backfill: a file without publication dates quarantines every
   * record), the rules are evaluated again on the records instead, which costs a pass but no memory.
   */
  static final long QUARANTINE_BROADCAST_LIMIT = 500_000;

  private final DeltaTables tables;
  private final long quarantineBroadcastLimit;

  public SilverStage(DeltaTables tables) {
    this(tables, QUARANTINE_BROADCAST_LIMIT);
  }

  SilverStage(DeltaTables tables, long quarantineBroadcastLimit) {
    this.tables = tables;
    this.quarantineBroadcastLimit = quarantineBroadcastLimit;
  }

  /**
   * @param records bronze rows: of this run's files (incremental) or the current version of every
   *     file (full)
   * @param verdicts {@link Verdicts#of} those records (the caller keeps them: they are read three times)
   * @param layouts file layouts for raw_record (source_file, content_hash, header_keys, separator)
   * @return the version written of each table
   */
  public Map<TableSpec, Long> write(Mode mode, Dataset<Row> records, Dataset<Row> verdicts, Dataset<Row> layouts,
                                    String runId) {
    Map<TableSpec, Long> versions = new LinkedHashMap<>();
    Dataset<Row> quarantined = Verdicts.quarantined(verdicts).count() <= quarantineBroadcastLimit
        ? QuarantineRecords.byVerdicts(records, verdicts)
        : QuarantineRecords.byRules(records);
    Dataset<Row> quarantine = QuarantineRecords.records(quarantined, layouts, runId);
    Dataset<Row> previous = mode == Mode.FULL
        ? tables.emptyOf(Tables.SILVER_WINNING_RECORDS)
        : tables.readOrEmpty(Tables.SILVER_WINNING_RECORDS);
    versions.put(Tables.SILVER_QUARANTINE, mode == Mode.FULL
        ? tables.overwrite(quarantine, Tables.SILVER_QUARANTINE, runId)
        : tables.append(quarantine, Tables.SILVER_QUARANTINE, runId));
    versions.put(Tables.SILVER_WINNING_RECORDS,
        tables.overwrite(Winners.pick(previous, records, verdicts), Tables.SILVER_WINNING_RECORDS, runId));
    FaultPoints.reached(FaultPoints.SILVER_AFTER_WINNING_RECORDS);

    Dataset<Row> winners = tables.read(Tables.SILVER_WINNING_RECORDS);
    Map<TableSpec, Dataset<Row>> derived = new LinkedHashMap<>();
    derived.put(Tables.SILVER_EXPERIENCES, Experiences.normalise(winners));
    derived.put(Tables.SILVER_EXPERIENCE_TYPOLOGIES, Slots.typologies(winners));
    derived.put(Tables.SILVER_EXPERIENCE_STRUCTURES, Slots.structures(winners));
    derived.put(Tables.SILVER_DATA_QUALITY_ISSUES, DataQuality.issues(winners, runId));
    versions.putAll(tables.overwriteAll(derived, runId, () -> { }));
    return versions;
  }
}
