package fr.spplus.gold;

import static fr.spplus.gold.SilverFixture.expected;
import static fr.spplus.gold.SilverFixture.row;
import static fr.spplus.gold.SilverFixture.ts;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.spplus.publish.GoldTables;
import fr.spplus.publish.Tables;
import fr.spplus.testing.Frames;
import fr.spplus.testing.SharedSpark;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * gold/ai_answer_quality (docs/contract.md section 7) on a hand-built silver of seven experiences:
 *
 * <pre>
 *  e  sentiment  published_at (UTC)   Paris local             month    first_response_at (UTC)  delay_h
 *  1  Positif    2024-03-10 10:00     11:00 CET               2024-03  2024-03-10 12:00          2
 *  2  Négatif    2024-03-11 10:00     11:00 CET               2024-03  2024-03-11 14:00          4
 *  3  Négatif    2024-03-12 10:00     11:00 CET               2024-03  2024-03-12 20:00          10
 *  4  Négatif    2024-03-31 21:30     31/03 23:30 CEST (+2)   2024-03  2024-04-01 00:30          3
 *  5  Négatif    2024-03-31 22:30     01/04 00:30 CEST (+2)   2024-04  2024-04-01 00:30          2
 *  6  Négatif    null                 -                       -        null                      -
 *  7  Neutre     2024-04-05 08:00     10:00 CEST              2024-04  null (state Traitées)     -
 * </pre>
 *
 * Clocks went forward in Paris on 31 March 2024 at 01:00 UTC: e5 is a March experience in UTC and
 * in CET, an April one in Paris; e4, at 23:30 Paris time, is still March.
 *
 * <pre>
 *  slot   status                                 ai   band       rating     useful useless
 *  e1 s1  Réponse apportée                       100  identical  utile      3      1
 *  e1 s2  Réponse adoptée                        49   low        pas utile  null   null
 *  e1 s3  En attente de réponse                  80   (not answered)  utile 5      5
 *  e2 s1  Réponse modifiée avec notification     100  identical  pas utile  0      2
 *  e2 s2  Réponse apportée                       100  identical  utile      1      null
 *  e3 s1  Réponse apportée                       50   high       utile      null   null
 *  e3 s2  Réponse apportée                       0    low        null       2      0
 *  e3 s3  null                                   99   (not answered)  utile 1      1
 *  e4 s1  Réponse apportée                       99   high       utile      null   null
 *  e5 s1  Réponse apportée                       null none       pas utile  1      1
 *  e5 s2  Réponse dépubliée                      100  (not answered)  utile 1      1
 *  e6 s1  Réponse apportée                       100  (no published_at)  utile 10  0
 *  e7 s1  Réponse adoptée                        60   high       utile      null   4
 * </pre>
 */
class AiAnswerQualityTest {

  /** K of the small-cell rule: the April rows (one experience each) are below it, the March rows (two) are not. */
  private static final int K = 2;

  private static final StructType EXPERIENCE_COLUMNS = new StructType()
      .add("experience_id", DataTypes.LongType).add("state", DataTypes.StringType)
      .add("published_at", DataTypes.TimestampType).add("first_response_at", DataTypes.TimestampType)
      .add("sentiment", DataTypes.StringType);

  private static final StructType STRUCTURE_COLUMNS = new StructType()
      .add("experience_id", DataTypes.LongType).add("slot", DataTypes.IntegerType)
      .add("structure_id", DataTypes.StringType).add("response_status", DataTypes.StringType)
      .add("ai_similarity", DataTypes.IntegerType).add("author_rating", DataTypes.StringType)
      .add("useful_votes", DataTypes.IntegerType).add("useless_votes", DataTypes.IntegerType);

  static Dataset<Row> experiences() {
    return SilverFixture.inSchema(Frames.rows(EXPERIENCE_COLUMNS,
        row(1L, "Traitées", ts("2024-03-10T10:00:00Z"), ts("2024-03-10T12:00:00Z"), "Positif"),
        row(2L, "Traitées", ts("2024-03-11T10:00:00Z"), ts("2024-03-11T14:00:00Z"), "Négatif"),
        row(3L, "Traitées", ts("2024-03-12T10:00:00Z"), ts("2024-03-12T20:00:00Z"), "Négatif"),
        row(4L, "Traitées", ts("2024-03-31T21:30:00Z"), ts("2024-04-01T00:30:00Z"), "Négatif"),
        row(5L, "Traitées", ts("2024-03-31T22:30:00Z"), ts("2024-04-01T00:30:00Z"), "Négatif"),
        row(6L, "Traitées", null, null, "Négatif"),
        row(7L, "Traitées", ts("2024-04-05T08:00:00Z"), null, "Neutre")),
        Tables.SILVER_EXPERIENCES.schema());
  }

  static Dataset<Row> structures() {
    return SilverFixture.inSchema(Frames.rows(STRUCTURE_COLUMNS,
        row(1L, 1, "S1", "Réponse apportée", 100, "utile", 3, 1),
        row(1L, 2, "S2", "Réponse adoptée", 49, "pas utile", null, null),
        row(1L, 3, "S3", "En attente de réponse", 80, "utile", 5, 5),
        row(2L, 1, "S1", "Réponse modifiée avec notification", 100, "pas utile", 0, 2),
        row(2L, 2, "S2", "Réponse apportée", 100, "utile", 1, null),
        row(3L, 1, "S1", "Réponse apportée", 50, "utile", null, null),
        row(3L, 2, "S2", "Réponse apportée", 0, null, 2, 0),
        row(3L, 3, "S3", null, 99, "utile", 1, 1),
        row(4L, 1, "S1", "Réponse apportée", 99, "utile", null, null),
        row(5L, 1, "S1", "Réponse apportée", null, "pas utile", 1, 1),
        row(5L, 2, "S2", "Réponse dépubliée", 100, "utile", 1, 1),
        row(6L, 1, "S1", "Réponse apportée", 100, "utile", 10, 0),
        row(7L, 1, "S1", "Réponse adoptée", 60, "utile", null, 4)),
        Tables.SILVER_EXPERIENCE_STRUCTURES.schema());
  }

  private static Dataset<Row> compute(int k) {
    return AiAnswerQuality.compute(ExperienceFacts.of(experiences(), structures()), structures(), k);
  }

  private static Date month(String firstDay) {
    return Date.valueOf(firstDay);
  }

  @Test
  void oneRowPerMonthAndBandOverAnsweredSlots() {
    Frames.assertFrameEquals(expected(GoldTables.AI_ANSWER_QUALITY,
        // March, identical: e1 s1, e2 s1, e2 s2 -> 3 answers, 2 experiences.
        //   rated 3, useful 2 (e1 s1, e2 s2) -> 2/3; negative (e2 only): its 2 slots rated, 1 utile -> 1/2
        //   votes: useful 3 + 0 + 1 = 4, useless 1 + 2 (+ null) = 3 -> 4/7
        //   median over e1 (2) and e2 (4) once each -> 3 (per slot it would be 2, 4, 4 -> 4)
        row(month("2024-03-01"), "identical", 3L, 2L, 3L, 2L, 2.0 / 3, 2L, 1L, 0.5, 4L, 3L, 4.0 / 7, 3.0, false),
        // March, high: e3 s1 (50) and e4 s1 (99; 23:30 Paris is still March) -> 2, 2
        //   both rated utile, both negative -> 1.0 and 1.0; votes all null -> sums and rate null
        //   median over e3 (10) and e4 (3) -> 6.5
        row(month("2024-03-01"), "high", 2L, 2L, 2L, 2L, 1.0, 2L, 2L, 1.0, null, null, null, 6.5, false),
        // March, low: e1 s2 (49) and e3 s2 (0) -> 2, 2
        //   rated 1 (e1 s2, pas utile) -> 0/1 = 0.0; negative e3's slot is unrated -> 0 / 0: null
        //   votes: useful null + 2 = 2, useless null + 0 = 0 -> 2 / 2 = 1.0; median (2 + 10) / 2 = 6
        row(month("2024-03-01"), "low", 2L, 2L, 1L, 0L, 0.0, 0L, 0L, null, 2L, 0L, 1.0, 6.0, false),
        // April, high: e7 s1 (60) -> 1, 1; rated utile -> 1.0; Neutre -> 0, 0, null
        //   useful votes only null -> null (SQL SUM), useless 4 -> rate null; no delay -> null median
        row(month("2024-04-01"), "high", 1L, 1L, 1L, 1L, 1.0, 0L, 0L, null, null, 4L, null, null, true),
        // April, none: e5 s1 (00:30 Paris on 1 April) -> 1, 1; pas utile -> 0.0; negative 1 rated, 0 -> 0.0
        //   votes 1 and 1 -> 0.5; median 2
        row(month("2024-04-01"), "none", 1L, 1L, 1L, 0L, 0.0, 1L, 0L, 0.0, 1L, 1L, 0.5, 2.0, true)),
        // Left out: unanswered slots e1 s3 (En attente), e3 s3 (no status), e5 s2 (dépubliée), and e6
        // (no published_at) whatever its slot says.
        compute(K), "month", "ai_band");
  }

  @Test
  void bandBoundaries() {
    List<Row> rows = new ArrayList<>();
    Integer[] values = {0, 49, 50, 99, 100, null};
    for (int i = 0; i < values.length; i++) {
      rows.add(RowFactory.create(i, values[i]));
    }
    StructType schema = new StructType().add("i", DataTypes.IntegerType).add("v", DataTypes.IntegerType);
    List<String> bands = SharedSpark.spark().createDataFrame(rows, schema)
        .select(col("i"), AiAnswerQuality.band(col("v")).as("b")).orderBy("i").collectAsList().stream()
        .map(r -> r.getString(1)).toList();
    assertEquals(Arrays.asList("low", "low", "high", "high", "identical", "none"), bands);
  }

  @Test
  void smallCellsAreCountedOnExperiences() {
    // K = 3: every row describes at most two experiences; K = 1 flags nothing.
    assertEquals(5L, compute(3).where(col(GoldTables.SMALL_CELL)).count());
    assertEquals(0L, compute(1).where(col(GoldTables.SMALL_CELL)).count());
  }
}
