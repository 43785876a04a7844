package fr.spplus.bench;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.to_json;

import fr.spplus.job.SparkSessions;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Compares the bronze tables of two warehouses row for row, every column but the run's id and time
 * (duplicates counted): the benchmark's check that reading an export in ranges changes nothing.
 *
 * <pre>BronzeCompare WAREHOUSE_A WAREHOUSE_B</pre>
 *
 * Prints "rows_a,rows_b,only_a,only_b" and exits 1 when the tables differ.
 */
public final class BronzeCompare {

  private static final List<String> RUN_COLUMNS = List.of("run_id", "ingested_at");

  private BronzeCompare() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: BronzeCompare WAREHOUSE_A WAREHOUSE_B");
      System.exit(2);
    }
    SparkSession spark = SparkSessions.create("spplus bench bronze compare", "local[2]",
        Map.of("spark.ui.enabled", "false"));
    spark.sparkContext().setLogLevel("ERROR");
    try {
      Dataset<Row> a = bronze(spark, args[0]);
      Dataset<Row> b = bronze(spark, args[1]);
      long rowsA = a.count();
      long rowsB = b.count();
      long onlyA = a.exceptAll(b).count();
      long onlyB = b.exceptAll(a).count();
      System.out.println(rowsA + "," + rowsB + "," + onlyA + "," + onlyB);
      if (rowsA != rowsB || onlyA != 0 || onlyB != 0) {
        System.exit(1);
      }
    } finally {
      spark.stop();
    }
  }

  private static Dataset<Row> bronze(SparkSession spark, String warehouse) {
    Dataset<Row> rows = spark.read().format("delta").load(warehouse + "/bronze/experiences_raw");
    // Set operations cannot compare maps: the extra columns are compared as JSON of their sorted entries.
    return rows.drop(RUN_COLUMNS.toArray(String[]::new))
        .withColumn("extra_columns", to_json(array_sort(map_entries(col("extra_columns")))));
  }
}
