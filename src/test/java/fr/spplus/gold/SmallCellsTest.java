package fr.spplus.gold;

import static fr.spplus.gold.SilverFixture.row;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.spplus.publish.GoldTables;
import fr.spplus.publish.TableSpec;
import fr.spplus.testing.Frames;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The small-cell rule, one test per rule. The hand-computed flags of the fixture are in each table's
 * own test; here every row of every table is checked against the rule for several K, including K at
 * the fixture's counts (a row of exactly K experiences is not small).
 */
class SmallCellsTest {

  /** The counts whose being below K makes a row small, per table. */
  private static final Map<TableSpec, List<String>> COUNTS = Map.of(
      GoldTables.KPI_BY_STRUCTURE, List.of("experiences"),
      GoldTables.KPI_BY_TYPOLOGY, List.of("experiences"),
      GoldTables.KPI_BY_REGION, List.of("experiences"),
      GoldTables.KPI_BY_REGION_MONTH, List.of("experiences"),
      GoldTables.TAG_FREQUENCY_BY_REGION, List.of("experiences", "region_experiences"),
      GoldTables.BUSINESS_TAG_FREQUENCY_BY_REGION, List.of("experiences", "region_experiences"),
      GoldTables.CHANNEL_FREQUENCY_BY_TYPOLOGY, List.of("experiences", "typology_experiences"),
      GoldTables.AI_ANSWER_QUALITY, List.of("experiences"));

  private static Map<TableSpec, Dataset<Row>> gold(int k) {
    return GoldIndicators.computeAll(SilverFixture.experiences(), SilverFixture.typologies(),
        SilverFixture.structures(), k);
  }

  @Test
  void kpiRowsAreSmallExactlyWhenTheirExperiencesAreBelowK() {
    for (int k : new int[] {2, 4, 5}) {
      Map<TableSpec, Dataset<Row>> gold = gold(k);
      for (TableSpec spec : List.of(GoldTables.KPI_BY_STRUCTURE, GoldTables.KPI_BY_TYPOLOGY, GoldTables.KPI_BY_REGION,
          GoldTables.KPI_BY_REGION_MONTH)) {
        assertFlagsFollowTheRule(spec, gold.get(spec), k);
      }
    }
  }

  @Test
  void frequencyRowsAreSmallWhenTheirExperiencesOrTheirDenominatorIsBelowK() {
    for (int k : new int[] {2, 3, 4}) {
      Map<TableSpec, Dataset<Row>> gold = gold(k);
      for (TableSpec spec : List.of(GoldTables.TAG_FREQUENCY_BY_REGION, GoldTables.BUSINESS_TAG_FREQUENCY_BY_REGION,
          GoldTables.CHANNEL_FREQUENCY_BY_TYPOLOGY)) {
        assertFlagsFollowTheRule(spec, gold.get(spec), k);
      }
    }
    // The denominator alone: a row whose numerator reaches K but whose group does not (which the gold
    // functions cannot produce, the numerator being part of the group) is small all the same.
    StructType counts = new StructType(new StructField[] {
        new StructField("experiences", DataTypes.LongType, true, Metadata.empty()),
        new StructField("region_experiences", DataTypes.LongType, true, Metadata.empty())});
    Dataset<Row> flagged = SmallCells.flag(Frames.rows(counts,
        row(5L, 5L), row(4L, 9L), row(5L, 4L), row(null, 9L)), 5, "experiences", "region_experiences");
    Frames.assertFrameEquals(Frames.rows(counts.add("small_cell", DataTypes.BooleanType),
            row(5L, 5L, false), row(4L, 9L, true), row(5L, 4L, true), row(null, 9L, false)),
        flagged, "region_experiences", "experiences");
  }

  @Test
  void smallRowsStayInGoldFlagged() {
    Map<TableSpec, Dataset<Row>> none = gold(1);
    Map<TableSpec, Dataset<Row>> all = gold(1_000);
    for (TableSpec spec : GoldTables.RECOMPUTED) {
      Row kOne = rowsAndFlagged(none.get(spec));
      Row kThousand = rowsAndFlagged(all.get(spec));
      assertTrue(kOne.getLong(0) > 0, spec.path());
      assertEquals(kOne.getLong(0), kThousand.getLong(0), spec.path() + ": K must not remove rows");
      assertEquals(0L, kOne.getLong(1), spec.path() + ": K = 1 flags nothing");
      assertEquals(kThousand.getLong(0), kThousand.getLong(1), spec.path() + ": K = 1000 flags every row");
    }
  }

  @Test
  void kBelowOneIsRejectedWithTheOptionToFix() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KpiByRegion.compute(SilverFixture.facts(), 0));
    assertTrue(e.getMessage().contains("--min-cell-size"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> gold(-3));
  }

  private static Row rowsAndFlagged(Dataset<Row> data) {
    return data.agg(count(lit(1)), count_if(col(GoldTables.SMALL_CELL))).first();
  }

  private static void assertFlagsFollowTheRule(TableSpec spec, Dataset<Row> data, int k) {
    for (Row r : data.collectAsList()) {
      boolean expected = false;
      for (String count : COUNTS.get(spec)) {
        expected |= r.<Long>getAs(count) < k;
      }
      assertEquals(expected, r.<Boolean>getAs(GoldTables.SMALL_CELL), spec.path() + " K=" + k + " row " + r);
    }
  }
}
