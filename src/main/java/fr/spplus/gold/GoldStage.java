package fr.spplus.gold;

import fr.spplus.job.FaultPoints;
import fr.spplus.publish.DeltaTables;
import fr.spplus.publish.TableSpec;
import fr.spplus.publish.Tables;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Replaces every gold table with the indicators computed from the silver tables as they now are,
 * rows describing fewer than {@code minCellSize} experiences flagged small_cell ({@link SmallCells}).
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
    Map<TableSpec, Dataset<Row>> gold = GoldIndicators.computeAll(
        tables.read(Tables.SILVER_EXPERIENCES),
        tables.read(Tables.SILVER_EXPERIENCE_TYPOLOGIES),
        tables.read(Tables.SILVER_EXPERIENCE_STRUCTURES),
        minCellSize);
    Map<TableSpec, Long> versions = new LinkedHashMap<>();
    gold.forEach((spec, data) -> {
      versions.put(spec, tables.overwrite(data, spec, runId));
      FaultPoints.reached(FaultPoints.GOLD_AFTER_TABLE);
    });
    return versions;
  }
}
