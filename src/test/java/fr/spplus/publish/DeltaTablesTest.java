package fr.spplus.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.spplus.testing.SharedSpark;
import io.delta.tables.DeltaTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaTablesTest {

  static final TableSpec NUMBERS = new TableSpec("test/numbers", "Numbers.",
      new StructType(new org.apache.spark.sql.types.StructField[] {TableSpec.column("n", DataTypes.LongType, "A number")}));

  static Dataset<Row> numbers(long... values) {
    SparkSession spark = SharedSpark.spark();
    return spark.createDataFrame(java.util.Arrays.stream(values).mapToObj(v -> RowFactory.create(v)).toList(),
        NUMBERS.schema());
  }

  @Test
  void everyWriteReturnsTheVersionItCommittedAsTheHistoryTellsIt(@TempDir Path warehouse) throws Exception {
    // A checkpoint every 2 commits: the log then holds checkpoint files beside the commits.
    DeltaTables tables = new DeltaTables(SharedSpark.spark(), warehouse.toString(),
        Map.of("delta.checkpointInterval", "2"));
    assertEquals(-1, tables.version(NUMBERS));
    assertEquals(0, tables.append(numbers(1), NUMBERS, "run-a"));
    assertEquals(1, tables.append(numbers(2), NUMBERS, "run-b"));
    assertEquals(2, tables.overwrite(numbers(3, 4), NUMBERS, "run-c"));
    assertEquals(3, tables.append(numbers(5), NUMBERS, "run-d"));
    assertEquals(3, tables.version(NUMBERS));

    DeltaTable table = DeltaTable.forPath(SharedSpark.spark(), tables.path(NUMBERS));
    assertEquals(3L, table.history(1).select("version").first().getLong(0));
    assertEquals("run-d", table.history(1).select("userMetadata").first().getString(0));
    assertEquals(List.of(3L, 4L, 5L),
        tables.read(NUMBERS).orderBy("n").as(org.apache.spark.sql.Encoders.LONG()).collectAsList());
    try (var log = Files.list(warehouse.resolve("test/numbers/_delta_log"))) {
      assertEquals(true, log.anyMatch(p -> p.getFileName().toString().endsWith(".checkpoint.parquet")),
          "the log has a checkpoint");
    }
  }
}
