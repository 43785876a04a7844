package fr.spplus.gold;

import static fr.spplus.gold.GoldColumns.EXPERIENCES;
import static fr.spplus.gold.GoldColumns.EXPERIENCE_ID;
import static fr.spplus.gold.GoldColumns.TYPOLOGY_ID;
import static fr.spplus.gold.GoldColumns.TYPOLOGY_NAME;
import static org.apache.spark.sql.functions.col;

import fr.spplus.publish.GoldTables;
import fr.spplus.publish.Tables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold/kpi_by_typology: one row per non-empty typology_id, aggregating the experience-level facts
 * (answered(e), delay_hours(e), rated(e), converted(e)) of the distinct experiences linked to it.
 */
public final class KpiByTypology {

  private KpiByTypology() {}

  /**
   * @param facts {@link ExperienceFacts#of}
   * @param typologies silver/experience_typologies
   * @param minCellSize K of {@link SmallCells}: rows with experiences &lt; K are flagged
   * @return the rows of {@link GoldTables#KPI_BY_TYPOLOGY}, in its schema
   */
  public static Dataset<Row> compute(Dataset<Row> facts, Dataset<Row> typologies, int minCellSize) {
    SmallCells.requireValid(minCellSize);
    Measures.requireColumns(typologies, Tables.SILVER_EXPERIENCE_TYPOLOGIES.path(), EXPERIENCE_ID, TYPOLOGY_ID,
        TYPOLOGY_NAME);
    Dataset<Row> linked = typologies
        .where(Measures.present(col(TYPOLOGY_ID)))
        .select(col(TYPOLOGY_ID), col(EXPERIENCE_ID))
        .distinct();
    Dataset<Row> indicators =
        Measures.experienceIndicators(linked.join(facts, EXPERIENCE_ID).groupBy(col(TYPOLOGY_ID)));
    Dataset<Row> named = indicators
        .join(MostFrequentName.of(typologies, TYPOLOGY_ID, TYPOLOGY_NAME), new String[] {TYPOLOGY_ID}, "left");
    return GoldTables.KPI_BY_TYPOLOGY.conform(SmallCells.flag(named, minCellSize, EXPERIENCES));
  }
}
