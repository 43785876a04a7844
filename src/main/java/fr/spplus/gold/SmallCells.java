package fr.spplus.gold;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import fr.spplus.publish.GoldTables;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The small-cell rule of the gold tables: a row that describes fewer than K experiences could
 * single out a person, so it is flagged ({@link GoldTables#SMALL_CELL} = true). The rows stay in
 * gold, flagged, so that re-aggregations (Σ answered / Σ experiences over regions) keep their
 * totals; the report and any other publication withhold them.
 *
 * <p>Which count identifies people: for the KPI tables, the row's {@code experiences}. For the
 * frequency tables, the row's {@code experiences} (the people who gave that tag or listed that
 * channel) or its denominator ({@code region_experiences}, {@code typology_experiences}: the group
 * the share is a share of). The numerator never exceeds the denominator, so the denominator test
 * only matters should the two ever be computed over different populations; it is kept so that
 * the rule reads as the contract extension states it.
 */
public final class SmallCells {

  /** K = 1 flags nothing (every row describes at least one experience). */
  public static final int MIN_K = 1;

  private SmallCells() {}

  /**
   * The frame with {@link GoldTables#SMALL_CELL} = any of {@code counts} &lt; {@code k}. A null
   * count (which gold never produces) is not small.
   */
  static Dataset<Row> flag(Dataset<Row> frame, int k, String... counts) {
    Column small = lit(false);
    for (String count : counts) {
      small = small.or(coalesce(col(count).lt(lit((long) k)), lit(false)));
    }
    return frame.withColumn(GoldTables.SMALL_CELL, small);
  }

  /** Checks the threshold at the boundary: the gold functions and the job's options pass through here. */
  public static int requireValid(int k) {
    if (k < MIN_K) {
      throw new IllegalArgumentException("the minimum cell size must be at least " + MIN_K + ", got " + k
          + " (--min-cell-size K or gold.min_cell_size in the configuration file)");
    }
    return k;
  }
}
