package fr.spplus.testing;

import fr.spplus.job.SparkSessions;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession of the test JVM (surefire runs the suite in one reused fork): a new
 * session per class would cost seconds each.
 */
public final class SharedSpark {

  private static SparkSession session;

  private SharedSpark() {}

  public static synchronized SparkSession spark() {
    if (session == null) {
      session = SparkSessions.create("spplus-tests", "local[2]", Map.of(
          "spark.sql.shuffle.partitions", "2",
          "spark.default.parallelism", "2",
          "spark.ui.enabled", "false",
          "spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/spplus-test-spark-warehouse",
          "spark.databricks.delta.snapshotPartitions", "2",
          "spark.driver.host", "127.0.0.1"));
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }
}
