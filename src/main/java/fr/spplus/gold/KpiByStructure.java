package fr.spplus.gold;

import static fr.spplus.gold.GoldColumns.AUTHOR_RATING;
import static fr.spplus.gold.GoldColumns.DELAY_HOURS;
import static fr.spplus.gold.GoldColumns.EXPERIENCES;
import static fr.spplus.gold.GoldColumns.EXPERIENCE_ID;
import static fr.spplus.gold.GoldColumns.RESPONSE_STATUS;
import static fr.spplus.gold.GoldColumns.SENTIMENT;
import static fr.spplus.gold.GoldColumns.STRUCTURE_ID;
import static fr.spplus.gold.GoldColumns.STRUCTURE_NAME;
import static fr.spplus.gold.GoldColumns.USEFUL_VOTES;
import static fr.spplus.gold.GoldColumns.USELESS_VOTES;
import static org.apache.spark.sql.functions.bool_or;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import fr.spplus.publish.GoldTables;
import fr.spplus.publish.Tables;
import fr.spplus.source.ClosedLists;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold/kpi_by_structure: one row per non-empty structure_id.
 *
 * <p>The structure's own slots decide "answered" and the ratings here, not the experience-level
 * facts: an experience is answered for a structure when one of that structure's slots has an
 * answered response status (recomputed from response_status: a null status is not answered), and
 * negative_rated / negative_converted read that structure's author ratings. A structure repeated in
 * two slots of one experience counts once for the experience counts, while both slots' votes are
 * summed (SQL SUM: null when every vote is null) and both names count for structure_name.
 */
public final class KpiByStructure {

  private static final String SLOT_ANSWERED = "slot_answered";
  private static final String SLOT_RATED = "slot_rated";
  private static final String SLOT_CONVERTED = "slot_converted";

  private KpiByStructure() {}

  /**
   * @param facts {@link ExperienceFacts#of} (for sentiment and delay_hours)
   * @param structures silver/experience_structures
   * @param minCellSize K of {@link SmallCells}: rows with experiences &lt; K are flagged
   * @return the rows of {@link GoldTables#KPI_BY_STRUCTURE}, in its schema
   */
  public static Dataset<Row> compute(Dataset<Row> facts, Dataset<Row> structures, int minCellSize) {
    SmallCells.requireValid(minCellSize);
    Measures.requireColumns(structures, Tables.SILVER_EXPERIENCE_STRUCTURES.path(), EXPERIENCE_ID, STRUCTURE_ID,
        STRUCTURE_NAME, RESPONSE_STATUS, USEFUL_VOTES, USELESS_VOTES, AUTHOR_RATING);
    Dataset<Row> slots = structures.where(Measures.present(col(STRUCTURE_ID)));

    Column slotAnswered = Measures.answeredSlot();
    // One row per (structure, experience); votes pre-summed here, summed again below (a sum of SQL
    // sums is the SQL sum, null only when every vote is null).
    Dataset<Row> perExperience = slots
        .groupBy(col(STRUCTURE_ID), col(EXPERIENCE_ID))
        .agg(bool_or(slotAnswered).as(SLOT_ANSWERED),
            bool_or(col(AUTHOR_RATING).isNotNull()).as(SLOT_RATED),
            coalesce(bool_or(col(AUTHOR_RATING).equalTo(ClosedLists.RATING_USEFUL)), lit(false)).as(SLOT_CONVERTED),
            sum(col(USEFUL_VOTES)).as(USEFUL_VOTES),
            sum(col(USELESS_VOTES)).as(USELESS_VOTES));

    Column negative = Measures.isNegative();
    Column answeredDelay = when(col(SLOT_ANSWERED), col(DELAY_HOURS));
    Dataset<Row> aggregated = perExperience
        .join(facts.select(col(EXPERIENCE_ID), col(SENTIMENT), col(DELAY_HOURS)), EXPERIENCE_ID)
        .groupBy(col(STRUCTURE_ID))
        .agg(count(lit(1)).as(EXPERIENCES),
            count_if(col(SLOT_ANSWERED)).as("answered"),
            Measures.median(answeredDelay).as("median_delay_hours"),
            Measures.p90(answeredDelay).as("p90_delay_hours"),
            count_if(negative).as("negative_experiences"),
            count_if(negative.and(col(SLOT_RATED))).as("negative_rated"),
            count_if(negative.and(col(SLOT_CONVERTED))).as("negative_converted"),
            sum(col(USEFUL_VOTES)).as(USEFUL_VOTES),
            sum(col(USELESS_VOTES)).as(USELESS_VOTES));

    Dataset<Row> withRates = Measures.withRates(aggregated)
        .withColumn("usefulness_rate",
            Measures.rate(col(USEFUL_VOTES), col(USEFUL_VOTES).plus(col(USELESS_VOTES))));
    Dataset<Row> named = withRates.join(
        MostFrequentName.of(slots, STRUCTURE_ID, STRUCTURE_NAME), new String[] {STRUCTURE_ID}, "left");
    return GoldTables.KPI_BY_STRUCTURE.conform(SmallCells.flag(named, minCellSize, EXPERIENCES));
  }
}
