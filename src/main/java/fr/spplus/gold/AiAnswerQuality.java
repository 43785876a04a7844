package fr.spplus.gold;

import static fr.spplus.gold.GoldColumns.AI_SIMILARITY;
import static fr.spplus.gold.GoldColumns.AUTHOR_RATING;
import static fr.spplus.gold.GoldColumns.DELAY_HOURS;
import static fr.spplus.gold.GoldColumns.EXPERIENCES;
import static fr.spplus.gold.GoldColumns.EXPERIENCE_ID;
import static fr.spplus.gold.GoldColumns.MONTH;
import static fr.spplus.gold.GoldColumns.RESPONSE_STATUS;
import static fr.spplus.gold.GoldColumns.SENTIMENT;
import static fr.spplus.gold.GoldColumns.USEFUL_VOTES;
import static fr.spplus.gold.GoldColumns.USELESS_VOTES;
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
 * gold/ai_answer_quality (docs/contract.md section 7): the answered structure slots of experiences
 * with a published_at, per Europe/Paris month of publication and band of AI similarity, with what
 * the authors and the visitors thought of those answers and how fast the experiences were answered.
 *
 * <p>The unit is the slot (an answer), not the experience: an experience whose two answered slots
 * fall in two bands counts in both, and rated / useful / negative_rated / negative_converted count
 * slots. Only {@code experiences} and {@code median_delay_hours} are over distinct experiences (the
 * delay is the experience's, so an experience with two slots in one band weighs once in the median).
 */
public final class AiAnswerQuality {

  /** ai_similarity = 100: the answer is the AI draft as proposed. */
  public static final String IDENTICAL = "identical";
  /** ai_similarity 50–99. */
  public static final String HIGH = "high";
  /** ai_similarity 0–49. */
  public static final String LOW = "low";
  /** No similarity: no draft was proposed, or the export predates the column. */
  public static final String NONE = "none";

  static final String AI_BAND = "ai_band";
  private static final String ANSWERS = "answers";
  private static final String RATED = "rated";
  private static final String USEFUL = "useful";
  private static final String NEGATIVE_RATED = "negative_rated";
  private static final String NEGATIVE_CONVERTED = "negative_converted";

  private AiAnswerQuality() {}

  /**
   * @param facts {@link ExperienceFacts#of} (month, sentiment, delay_hours)
   * @param structures silver/experience_structures
   * @param minCellSize K of {@link SmallCells}: rows with experiences &lt; K are flagged
   * @return the rows of {@link GoldTables#AI_ANSWER_QUALITY}, in its schema
   */
  public static Dataset<Row> compute(Dataset<Row> facts, Dataset<Row> structures, int minCellSize) {
    SmallCells.requireValid(minCellSize);
    Measures.requireColumns(structures, Tables.SILVER_EXPERIENCE_STRUCTURES.path(), EXPERIENCE_ID, RESPONSE_STATUS,
        USEFUL_VOTES, USELESS_VOTES, AUTHOR_RATING, AI_SIMILARITY);
    Dataset<Row> answers = structures
        .where(Measures.answeredSlot())
        .select(col(EXPERIENCE_ID), band(col(AI_SIMILARITY)).as(AI_BAND), col(AUTHOR_RATING), col(USEFUL_VOTES),
            col(USELESS_VOTES))
        .join(facts.where(col(MONTH).isNotNull()).select(col(EXPERIENCE_ID), col(MONTH), col(SENTIMENT),
            col(DELAY_HOURS)), EXPERIENCE_ID);

    // First one row per (month, band, experience), so that the experience count and the median see
    // each experience once; the slot counts and vote sums are carried up (a sum of SQL sums is the
    // SQL sum: null only when every vote is null). delay_hours and sentiment are the experience's,
    // hence part of the key without splitting it.
    Column rated = col(AUTHOR_RATING).isNotNull();
    Column useful = col(AUTHOR_RATING).equalTo(ClosedLists.RATING_USEFUL);
    Dataset<Row> perExperience = answers
        .groupBy(col(MONTH), col(AI_BAND), col(EXPERIENCE_ID), col(SENTIMENT), col(DELAY_HOURS))
        .agg(count(lit(1)).as(ANSWERS),
            count_if(rated).as(RATED),
            count_if(useful).as(USEFUL),
            sum(col(USEFUL_VOTES)).as(USEFUL_VOTES),
            sum(col(USELESS_VOTES)).as(USELESS_VOTES));

    Column negative = Measures.isNegative();
    Dataset<Row> aggregated = perExperience
        .groupBy(col(MONTH), col(AI_BAND))
        .agg(sum(col(ANSWERS)).as(ANSWERS),
            count(lit(1)).as(EXPERIENCES),
            sum(col(RATED)).as(RATED),
            sum(col(USEFUL)).as(USEFUL),
            sum(when(negative, col(RATED)).otherwise(lit(0L))).as(NEGATIVE_RATED),
            sum(when(negative, col(USEFUL)).otherwise(lit(0L))).as(NEGATIVE_CONVERTED),
            sum(col(USEFUL_VOTES)).as(USEFUL_VOTES),
            sum(col(USELESS_VOTES)).as(USELESS_VOTES),
            Measures.median(col(DELAY_HOURS)).as("median_delay_hours"));

    Dataset<Row> withRates = aggregated
        .withColumn("useful_rate", Measures.rate(col(USEFUL), col(RATED)))
        .withColumn("conversion_rate", Measures.rate(col(NEGATIVE_CONVERTED), col(NEGATIVE_RATED)))
        .withColumn("usefulness_rate",
            Measures.rate(col(USEFUL_VOTES), col(USEFUL_VOTES).plus(col(USELESS_VOTES))));
    return GoldTables.AI_ANSWER_QUALITY.conform(SmallCells.flag(withRates, minCellSize, EXPERIENCES));
  }

  /**
   * The band of a similarity. Silver keeps only integers 0–100 (anything else is null and a
   * data-quality issue), so null is the only value outside the three ranges.
   */
  static Column band(Column similarity) {
    return when(similarity.equalTo(100), lit(IDENTICAL))
        .when(similarity.between(50, 99), lit(HIGH))
        .when(similarity.between(0, 49), lit(LOW))
        .otherwise(lit(NONE));
  }
}
