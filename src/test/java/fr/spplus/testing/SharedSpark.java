package fr.spplus.testing;

import fr.spplus.job.SparkSessions;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession of the test JVM (Surefire and Failsafe each run their tier in one
 * reused fork): a new session per class would cost seconds each.
 *
 * <p>Under Surefire (the unit tier: in-code fixtures of a few rows) the session interprets
 * expressions, as a run over little data does ({@link SparkSessions#LITTLE_DATA}): generating and
 * compiling Java code for each of the suite's thousands of small queries costs more than running
 * them. The integration tier, whose runs go through the same session, keeps Spark's generated code,
 * which the job uses on real volumes, so both paths are tested. The switch is the system property
 * {@value #LITTLE_DATA_PROPERTY}, set by pom.xml for Surefire.
 */
public final class SharedSpark {

  static final String LITTLE_DATA_PROPERTY = "spplus.tests.littleData";

  private static SparkSession session;

  private SharedSpark() {}

  public static synchronized SparkSession spark() {
    if (session == null) {
      Map<String, String> settings = new HashMap<>(Map.of(
          "spark.sql.shuffle.partitions", "2",
          "spark.default.parallelism", "2",
          "spark.ui.enabled", "false",
          "spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/spplus-test-spark-warehouse",
          "spark.databricks.delta.snapshotPartitions", "2",
          "spark.driver.host", "127.0.0.1"));
      if (Boolean.getBoolean(LITTLE_DATA_PROPERTY)) {
        settings.putAll(SparkSessions.LITTLE_DATA);
      }
      session = SparkSessions.create("spplus-tests", "local[2]", settings);
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }
}
