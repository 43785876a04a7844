package fr.spplus.notebooks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.spplus.sql.SampleWarehouse;
import fr.spplus.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The notebooks' queries on real tables. PySpark cannot run in the build, so the test runs their
 * Spark SQL instead: every query of every code cell, on a warehouse built from the bundled sample
 * ({@link SampleWarehouse}, a run of the job: hence the integration tier), must run and return rows
 * (unless it says {@value Notebook#MAY_BE_EMPTY}; a check marked {@value Notebook#EXPECT_NO_ROWS}
 * must return none). A column renamed in the code fails here. {@link NotebooksTest} checks the
 * notebooks' structure and that every query is one this test runs.
 */
class NotebookQueriesIT {

  @TestFactory
  List<DynamicTest> everyQueryRunsOnTheSampleWarehouse() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Notebook nb : Notebook.all()) {
      for (Notebook.Query q : nb.queries()) {
        tests.add(DynamicTest.dynamicTest(q.toString(), () -> run(q)));
      }
    }
    return tests;
  }

  private static void run(Notebook.Query q) {
    SparkSession spark = SharedSpark.spark();
    String warehouse = SampleWarehouse.path().toString();
    registerPublishedViews(spark, warehouse);
    String sql = q.sql(warehouse);
    List<Row> rows;
    try {
      rows = spark.sql(sql).collectAsList();
    } catch (Exception e) {
      throw new AssertionError(q + " fails on the sample warehouse: " + e.getMessage() + "\n" + sql, e);
    }
    if (q.expectsNoRows()) {
      assertTrue(rows.isEmpty(), q + " is a check that must return no rows, got:\n"
          + rows.stream().map(Row::toString).collect(Collectors.joining("\n")) + "\n" + sql);
    } else if (!q.mayBeEmpty()) {
      assertFalse(rows.isEmpty(), q + " returns no rows on the sample warehouse (if that is expected, add the "
          + "comment '" + Notebook.MAY_BE_EMPTY + "' to the query)\n" + sql);
    }
  }

  /**
   * What the Python cell of 01_overview does: each table at the version the completed runs
   * published, as a temporary view named layer_table.
   */
  private static synchronized void registerPublishedViews(SparkSession spark, String warehouse) {
    if (spark.catalog().tableExists("gold_kpi_by_region")) {
      return;
    }
    for (Row r : spark.sql("SELECT table_path, max_by(version, run_id) FROM (SELECT run_id, "
        + "explode(table_versions) AS (table_path, version) FROM delta.`" + warehouse + "/audit/runs` "
        + "WHERE status IN ('succeeded', 'partial')) GROUP BY table_path").collectAsList()) {
      spark.read().format("delta").option("versionAsOf", r.getLong(1)).load(warehouse + "/" + r.getString(0))
          .createOrReplaceTempView(r.getString(0).replace('/', '_'));
    }
  }
}
