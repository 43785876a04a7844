package fr.spplus.gold;

import static fr.spplus.gold.GoldColumns.EXPERIENCES;
import static fr.spplus.gold.GoldColumns.REGION_CODE;
import static fr.spplus.gold.GoldColumns.REGION_EXPERIENCES;
import static fr.spplus.gold.GoldColumns.REGION_NAME;
import static fr.spplus.gold.GoldColumns.SHARE;
import static fr.spplus.gold.GoldColumns.TAG;
import static fr.spplus.gold.GoldColumns.VALENCE;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import fr.spplus.publish.GoldTables;
import fr.spplus.source.SourceColumns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * gold/tag_frequency_by_region: one row per (region, general tag, valence) with at least one
 * experience; the tag is named by its source label (Accessibilité, …).
 */
public final class TagFrequencyByRegion {

  private static final String TAG_VALUE = "tag_value";

  private TagFrequencyByRegion() {}

  /**
   * @param facts {@link ExperienceFacts#of}
   * @param minCellSize K of {@link SmallCells}: rows with experiences or region_experiences &lt; K are flagged
   * @return the rows of {@link GoldTables#TAG_FREQUENCY_BY_REGION}, in its schema
   */
  public static Dataset<Row> compute(Dataset<Row> facts, int minCellSize) {
    SmallCells.requireValid(minCellSize);
    Column[] tags = SourceColumns.GENERAL_TAGS.stream()
        .map(t -> struct(lit(t.label()).as(TAG), col(t.name()).as(VALENCE)))
        .toArray(Column[]::new);
    Dataset<Row> counted = withRegionExperiences(facts)
        .select(col(REGION_NAME), col(REGION_CODE), col(REGION_EXPERIENCES), explode(array(tags)).as(TAG_VALUE))
        .select(col(REGION_NAME), col(REGION_CODE), col(REGION_EXPERIENCES),
            col(TAG_VALUE + "." + TAG).as(TAG), col(TAG_VALUE + "." + VALENCE).as(VALENCE))
        .where(col(VALENCE).isNotNull())
        .groupBy(col(REGION_NAME), col(REGION_CODE), col(TAG), col(VALENCE), col(REGION_EXPERIENCES))
        .agg(count(lit(1)).as(EXPERIENCES))
        .withColumn(SHARE, Measures.rate(col(EXPERIENCES), col(REGION_EXPERIENCES)));
    return GoldTables.TAG_FREQUENCY_BY_REGION.conform(
        SmallCells.flag(counted, minCellSize, EXPERIENCES, REGION_EXPERIENCES));
  }

  /**
   * The facts with region_experiences, the number of experiences of their region. A window rather
   * than a join: region_code may be null, and a plain equi-join would lose those regions.
   */
  static Dataset<Row> withRegionExperiences(Dataset<Row> facts) {
    return facts.withColumn(REGION_EXPERIENCES,
        count(lit(1)).over(Window.partitionBy(col(REGION_NAME), col(REGION_CODE))));
  }
}
