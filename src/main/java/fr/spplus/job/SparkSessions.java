package fr.spplus.job;

import fr.spplus.source.ExportZone;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the job's SparkSession: Delta enabled, Europe/Paris as the session time zone (the
 * contract's reference zone for naive times and months), settings from the configuration on top.
 */
public final class SparkSessions {

  /** Settings every session of the job needs, whatever the configuration says. */
  public static final Map<String, String> REQUIRED = Map.of(
      "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension",
      "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog",
      "spark.sql.session.timeZone", ExportZone.ID,
      // Spark 4 limits the CSV reader to a few charsets; older exports are Windows-1252.
      "spark.sql.legacy.javaCharsets", "true");

  /**
   * Defaults the configuration may override. The Delta log of a warehouse table holds one commit per
   * run, so rebuilding a table's snapshot needs a couple of partitions, not Delta's default 50.
   */
  public static final Map<String, String> DEFAULTS = Map.of(
      "spark.databricks.delta.snapshotPartitions", "2",
      "spark.sql.adaptive.enabled", "true");

  private SparkSessions() {}

  /**
   * The session for a run. {@code master} may be null when spark-submit already set it.
   * {@code settings} come from conf/ and --conf; {@link #REQUIRED} wins over them.
   */
  public static SparkSession create(String appName, String master, Map<String, String> settings) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    if (master != null && !master.isBlank()) {
      builder.master(master);
    }
    DEFAULTS.forEach(builder::config);
    settings.forEach(builder::config);
    REQUIRED.forEach(builder::config);
    return builder.getOrCreate();
  }
}
