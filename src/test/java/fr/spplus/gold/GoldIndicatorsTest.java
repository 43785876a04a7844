package fr.spplus.gold;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.spplus.publish.GoldTables;
import fr.spplus.publish.TableSpec;
import fr.spplus.publish.Tables;
import fr.spplus.testing.Frames;
import fr.spplus.testing.SharedSpark;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

class GoldIndicatorsTest {

  private static final int K = 4;

  private static Map<TableSpec, Dataset<Row>> fromFixture() {
    return GoldIndicators.computeAll(SilverFixture.experiences(), SilverFixture.typologies(),
        SilverFixture.structures(), K);
  }

  @Test
  void computesEveryGoldTableInOrder() {
    assertEquals(GoldTables.RECOMPUTED, List.copyOf(fromFixture().keySet()));
  }

  @Test
  void everyTableHasExactlyItsSpecSchemaAndComments() {
    fromFixture().forEach((spec, data) -> {
      assertEquals(Frames.plain(spec.schema()).treeString(), Frames.plain(data.schema()).treeString(), spec.path());
      for (StructField f : spec.schema().fields()) {
        assertEquals(f.getComment(), data.schema().apply(f.name()).getComment(), spec.path() + "." + f.name());
      }
    });
  }

  @Test
  void everyTableEndsWithTheSmallCellFlag() {
    fromFixture().forEach((spec, data) -> {
      List<String> columns = List.of(data.columns());
      assertEquals(GoldTables.SMALL_CELL, columns.get(columns.size() - 1), spec.path());
      assertEquals(DataTypes.BooleanType, data.schema().apply(GoldTables.SMALL_CELL).dataType(), spec.path());
    });
  }

  @Test
  void sameFiguresAsTheSingleTableFunctions() {
    Map<TableSpec, Dataset<Row>> all = fromFixture();
    Frames.assertFrameEquals(
        KpiByStructure.compute(SilverFixture.facts(), SilverFixture.structures(), K),
        all.get(GoldTables.KPI_BY_STRUCTURE), "structure_id");
    Frames.assertFrameEquals(KpiByRegion.computeMonthly(SilverFixture.facts(), K),
        all.get(GoldTables.KPI_BY_REGION_MONTH), "region_name", "region_code", "month");
  }

  @Test
  void emptySilverGivesEmptyGold() {
    Dataset<Row> experiences = SharedSpark.spark().createDataFrame(List.of(), Tables.SILVER_EXPERIENCES.schema());
    Dataset<Row> typologies =
        SharedSpark.spark().createDataFrame(List.of(), Tables.SILVER_EXPERIENCE_TYPOLOGIES.schema());
    Dataset<Row> structures =
        SharedSpark.spark().createDataFrame(List.of(), Tables.SILVER_EXPERIENCE_STRUCTURES.schema());
    GoldIndicators.computeAll(experiences, typologies, structures, K)
        .forEach((spec, data) -> assertEquals(0L, data.count(), spec.path()));
  }
}
