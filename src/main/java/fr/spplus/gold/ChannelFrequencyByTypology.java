package fr.spplus.gold;

import static fr.spplus.gold.GoldColumns.CHANNEL;
import static fr.spplus.gold.GoldColumns.CHANNELS;
import static fr.spplus.gold.GoldColumns.EXPERIENCES;
import static fr.spplus.gold.GoldColumns.EXPERIENCE_ID;
import static fr.spplus.gold.GoldColumns.SHARE;
import static fr.spplus.gold.GoldColumns.TYPOLOGY_EXPERIENCES;
import static fr.spplus.gold.GoldColumns.TYPOLOGY_ID;
import static fr.spplus.gold.GoldColumns.TYPOLOGY_NAME;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import fr.spplus.publish.GoldTables;
import fr.spplus.publish.Tables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold/channel_frequency_by_typology: one row per (non-empty typology_id, channel) with at least one
 * experience whose slot for that typology lists the channel; a channel listed in two slots of the
 * same typology and experience counts once.
 */
public final class ChannelFrequencyByTypology {

  private ChannelFrequencyByTypology() {}

  /**
   * @param typologies silver/experience_typologies
   * @param minCellSize K of {@link SmallCells}: rows with experiences or typology_experiences &lt; K are flagged
   * @return the rows of {@link GoldTables#CHANNEL_FREQUENCY_BY_TYPOLOGY}, in its schema
   */
  public static Dataset<Row> compute(Dataset<Row> typologies, int minCellSize) {
    SmallCells.requireValid(minCellSize);
    Measures.requireColumns(typologies, Tables.SILVER_EXPERIENCE_TYPOLOGIES.path(), EXPERIENCE_ID, TYPOLOGY_ID,
        TYPOLOGY_NAME, CHANNELS);
    Dataset<Row> slots = typologies.where(Measures.present(col(TYPOLOGY_ID)));
    Dataset<Row> totals = slots
        .groupBy(col(TYPOLOGY_ID))
        .agg(count_distinct(col(EXPERIENCE_ID)).as(TYPOLOGY_EXPERIENCES));
    Dataset<Row> counted = slots
        .select(col(TYPOLOGY_ID), col(EXPERIENCE_ID), explode(col(CHANNELS)).as(CHANNEL))
        .where(Measures.present(col(CHANNEL)))
        .distinct()
        .groupBy(col(TYPOLOGY_ID), col(CHANNEL))
        .agg(count(lit(1)).as(EXPERIENCES))
        .join(totals, TYPOLOGY_ID)
        .withColumn(SHARE, Measures.rate(col(EXPERIENCES), col(TYPOLOGY_EXPERIENCES)))
        .join(MostFrequentName.of(typologies, TYPOLOGY_ID, TYPOLOGY_NAME), new String[] {TYPOLOGY_ID}, "left");
    return GoldTables.CHANNEL_FREQUENCY_BY_TYPOLOGY.conform(
        SmallCells.flag(counted, minCellSize, EXPERIENCES, TYPOLOGY_EXPERIENCES));
  }
}
