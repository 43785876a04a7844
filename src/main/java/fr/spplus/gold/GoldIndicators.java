package fr.spplus.gold;

import fr.spplus.publish.GoldTables;
import fr.spplus.publish.TableSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The indicator tables of docs/contract.md sections 3 and 7 ({@link GoldTables#RECOMPUTED}) from
 * the three silver tables they read. Pure: it builds plans, runs nothing; the job writes the results.
 *
 * <p>All but one table aggregate the same {@link ExperienceFacts}. A job that writes them all can build
 * the facts once, persist them, and call {@link #fromFacts}, so that silver is joined once rather
 * than once per table.
 */
public final class GoldIndicators {

  private GoldIndicators() {}

  /**
   * @param experiences silver/experiences
   * @param typologies silver/experience_typologies
   * @param structures silver/experience_structures
   * @param minCellSize K of {@link SmallCells}: every table flags its rows describing fewer than K
   *     experiences (column small_cell)
   * @return each {@link GoldTables#RECOMPUTED} table, in that order, with exactly its schema
   */
  public static Map<TableSpec, Dataset<Row>> computeAll(Dataset<Row> experiences, Dataset<Row> typologies,
      Dataset<Row> structures, int minCellSize) {
    return fromFacts(ExperienceFacts.of(experiences, structures), typologies, structures, minCellSize);
  }

  /**
   * @param facts {@link ExperienceFacts#of}(experiences, structures), possibly persisted
   * @param typologies silver/experience_typologies
   * @param structures silver/experience_structures
   * @param minCellSize K of {@link SmallCells}
   * @return each {@link GoldTables#RECOMPUTED} table, in that order, with exactly its schema
   */
  public static Map<TableSpec, Dataset<Row>> fromFacts(Dataset<Row> facts, Dataset<Row> typologies,
      Dataset<Row> structures, int minCellSize) {
    int k = SmallCells.requireValid(minCellSize);
    Map<TableSpec, Dataset<Row>> tables = new LinkedHashMap<>();
    tables.put(GoldTables.KPI_BY_STRUCTURE, KpiByStructure.compute(facts, structures, k));
    tables.put(GoldTables.KPI_BY_TYPOLOGY, KpiByTypology.compute(facts, typologies, k));
    tables.put(GoldTables.KPI_BY_REGION, KpiByRegion.compute(facts, k));
    tables.put(GoldTables.KPI_BY_REGION_MONTH, KpiByRegion.computeMonthly(facts, k));
    tables.put(GoldTables.TAG_FREQUENCY_BY_REGION, TagFrequencyByRegion.compute(facts, k));
    tables.put(GoldTables.BUSINESS_TAG_FREQUENCY_BY_REGION, BusinessTagFrequencyByRegion.compute(facts, typologies, k));
    tables.put(GoldTables.CHANNEL_FREQUENCY_BY_TYPOLOGY, ChannelFrequencyByTypology.compute(typologies, k));
    tables.put(GoldTables.AI_ANSWER_QUALITY, AiAnswerQuality.compute(facts, structures, k));
    return tables;
  }
}
