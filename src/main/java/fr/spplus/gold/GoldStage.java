package fr.spplus.gold;

import fr.spplus.faults.FaultPoints;
import fr.spplus.publish.DeltaTables;
import fr.spplus.publish.TableSpec;
import fr.spplus.publish.Tables;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Replaces every gold table with the indicators computed from the silver tables as they now are,
 * rows describing fewer than {@code minCellSize} experiences flagged small_cell ({@link SmallCells}).
 * The tables are written several at a time, each in its own transaction.
 */
public final class GoldStage {

  private final DeltaTables tables;
  private final int minCellSize;

  /** @param minCellSize K of {@link SmallCells} (the run's --min-cell-size), at least 1 */
  public GoldStage(DeltaTables tables, int minCellSize) {
    this.tables = tables;
    this.minCellSize = SmallCells.requireValid(minCellSize);
  }

  /** @return the version written of each gold table */
  public Map<TableSpec, Long> write(String runId) {
    FaultPoints.reached(FaultPoints.GOLD_BEFORE);
    Dataset<Row> structures = tables.read(Tables.SILVER_EXPERIENCE_STRUCTURES);
    // All gold tables but one start from the per-experience facts (a join and an aggregation):
    // computed once and kept, instead of once per table.
    Dataset<Row> facts = ExperienceFacts.of(tables.read(Tables.SILVER_EXPERIENCES), structures)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      facts.count();
      Map<TableSpec, Dataset<Row>> gold = GoldIndicators.fromFacts(facts,
          tables.read(Tables.SILVER_EXPERIENCE_TYPOLOGIES), structures, minCellSize);
      return tables.overwriteAll(gold, runId, () -> FaultPoints.reached(FaultPoints.GOLD_AFTER_TABLE));
    } finally {
      facts.unpersist();
    }
  }
}
