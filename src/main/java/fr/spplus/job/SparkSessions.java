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
   * run, so rebuilding a table's snapshot needs a couple of partitions, not Delta's default 50. A
   * handful of shuffle partitions for a few cores, adaptive execution coalescing the small ones.
   *
   * <p>Delta (4.2) keeps the list of a small table's files in the checksum file of each commit and,
   * when the session's time zone is not UTC (the job's is Europe/Paris, {@link #REQUIRED}), checks
   * that list after every commit against a replay of the table's whole log: Spark jobs on the
   * driver's path for each of a run's ~20 commits. In UTC it checks at each checkpoint only, and the
   * list serves only to write the next checksum, never to read a table. The last default gives the
   * job the UTC behaviour (on 2 cores, the bundled sample 21.8–22.3 s → 20.2–20.9 s, a daily
   * increment 1.8–5.6 s faster in each of four alternated pairs; docs/performance.md).
   */
  public static final Map<String, String> DEFAULTS = Map.of(
      "spark.databricks.delta.snapshotPartitions", "2",
      "spark.sql.shuffle.partitions", "8",
      "spark.sql.adaptive.enabled", "true",
      "spark.databricks.delta.allFilesInCrc.verificationMode.forceOnNonUTC.enabled", "false");

  /**
   * Settings for a process over little data (the bundled sample, a query on gold tables): Spark
   * then spends more time generating and compiling Java code for each stage (Janino, about a sixth
   * of a first query's CPU) than running it, so expressions are interpreted instead. Not for real
   * volumes: interpreted stages are several times slower per row. The configuration may override.
   */
  public static final Map<String, String> LITTLE_DATA = Map.of(
      "spark.sql.codegen.wholeStage", "false",
      "spark.sql.codegen.factoryMode", "NO_CODEGEN");

  /**
   * The rest of a run over little data, where each of the run's ~220 Spark jobs handles a few
   * thousand rows and its cost is the work around the data: one shuffle partition and one partition
   * for a Delta log's replay (fewer tasks to plan, ship and start), no adaptive execution (no
   * re-planning of each query stage), and no per-file column statistics in the Delta log (a pass
   * per written file, and data skipping has nothing to skip in tables of one or two files). Measured
   * on the bundled sample, 2 cores: 26.4–27.6 s → 23.2–24.2 s (docs/performance.md). Memory pages
   * of 1 MiB, Spark's smallest, instead of the 64 MiB Spark sizes them at on a heap of a few GB:
   * each sort and aggregation task takes a page, which the JVM zeroes and the collector must then
   * clear, for a few kB of rows (the sample: 1.59 s of collector pauses, four of them full, against
   * 0.54 s; 23.8–24.1 s → 22.6–23.0 s). The configuration may override each.
   */
  public static final Map<String, String> LITTLE_RUN = Map.of(
      "spark.sql.shuffle.partitions", "1",
      "spark.databricks.delta.snapshotPartitions", "1",
      "spark.sql.adaptive.enabled", "false",
      "spark.databricks.delta.stats.collect", "false",
      "spark.buffer.pageSize", "1m");

  /**
   * Below this many bytes of export files (listed and already in bronze), a run uses
   * {@link #LITTLE_DATA} and {@link #LITTLE_RUN}; bin/spplus gives such a run C1 only (a test keeps
   * its size, LITTLE_RUN_BYTES, equal to this one).
   */
  public static final long LITTLE_DATA_BYTES = 64L << 20;

  private SparkSessions() {}

  /**
   * A run's settings: the configuration's, on top of {@link #LITTLE_DATA} and {@link #LITTLE_RUN}
   * when the listed export files and the warehouse's bronze table together hold under
   * {@link #LITTLE_DATA_BYTES} (then every stage of the run, gold over the whole of silver included,
   * is over little data).
   */
  public static Map<String, String> forRun(RunOptions options, long inputBytes) {
    long bronzeBytes;
    try {
      org.apache.hadoop.fs.Path bronze = new org.apache.hadoop.fs.Path(options.warehouse(), "bronze");
      org.apache.hadoop.fs.FileSystem fs = bronze.getFileSystem(NothingNew.hadoopConf(options.sparkConf()));
      bronzeBytes = fs.exists(bronze) ? fs.getContentSummary(bronze).getLength() : 0;
    } catch (java.io.IOException e) {
      bronzeBytes = Long.MAX_VALUE;
    }
    if (inputBytes + bronzeBytes >= LITTLE_DATA_BYTES || bronzeBytes == Long.MAX_VALUE) {
      return options.sparkConf();
    }
    Map<String, String> settings = new java.util.HashMap<>(LITTLE_DATA);
    settings.putAll(LITTLE_RUN);
    settings.putAll(options.sparkConf());
    return settings;
  }

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
