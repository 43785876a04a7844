package fr.spplus.gold;

import static fr.spplus.gold.GoldColumns.BUSINESS_TAG;
import static fr.spplus.gold.GoldColumns.BUSINESS_TAGS;
import static fr.spplus.gold.GoldColumns.EXPERIENCES;
import static fr.spplus.gold.GoldColumns.EXPERIENCE_ID;
import static fr.spplus.gold.GoldColumns.REGION_CODE;
import static fr.spplus.gold.GoldColumns.REGION_EXPERIENCES;
import static fr.spplus.gold.GoldColumns.REGION_NAME;
import static fr.spplus.gold.GoldColumns.SHARE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import fr.spplus.publish.GoldTables;
import fr.spplus.publish.Tables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold/business_tag_frequency_by_region: one row per (region, business tag) with at least one
 * experience. An experience carries a tag when any of its typology slots lists it, including a slot
 * whose typology_id is empty (the tag belongs to the experience, not to a typology).
 */
public final class BusinessTagFrequencyByRegion {

  private BusinessTagFrequencyByRegion() {}

  /**
   * @param facts {@link ExperienceFacts#of}
   * @param typologies silver/experience_typologies
   * @param minCellSize K of {@link SmallCells}: rows with experiences or region_experiences &lt; K are flagged
   * @return the rows of {@link GoldTables#BUSINESS_TAG_FREQUENCY_BY_REGION}, in its schema
   */
  public static Dataset<Row> compute(Dataset<Row> facts, Dataset<Row> typologies, int minCellSize) {
    SmallCells.requireValid(minCellSize);
    Measures.requireColumns(typologies, Tables.SILVER_EXPERIENCE_TYPOLOGIES.path(), EXPERIENCE_ID, BUSINESS_TAGS);
    Dataset<Row> tagged = typologies
        .select(col(EXPERIENCE_ID), explode(col(BUSINESS_TAGS)).as(BUSINESS_TAG))
        .where(Measures.present(col(BUSINESS_TAG)))
        .distinct();
    Dataset<Row> counted = TagFrequencyByRegion.withRegionExperiences(facts)
        .select(col(EXPERIENCE_ID), col(REGION_NAME), col(REGION_CODE), col(REGION_EXPERIENCES))
        .join(tagged, EXPERIENCE_ID)
        .groupBy(col(REGION_NAME), col(REGION_CODE), col(BUSINESS_TAG), col(REGION_EXPERIENCES))
        .agg(count(lit(1)).as(EXPERIENCES))
        .withColumn(SHARE, Measures.rate(col(EXPERIENCES), col(REGION_EXPERIENCES)));
    return GoldTables.BUSINESS_TAG_FREQUENCY_BY_REGION.conform(
        SmallCells.flag(counted, minCellSize, EXPERIENCES, REGION_EXPERIENCES));
  }
}
