package fr.spplus.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.spplus.testing.SharedSpark;
import fr.spplus.testing.SparseFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.SparkConf;
import org.apache.spark.memory.UnifiedMemoryManager;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's Spark settings (SparkSessions.forRun): under 64 MiB of listed exports and bronze, the
 * little-data settings on top of the configuration's; from 64 MiB on, the configuration's alone.
 * And what the job's own settings do to Spark and Delta.
 */
class SparkSessionsTest {

  private static final long LITTLE = SparkSessions.LITTLE_DATA_BYTES;

  /** What a run over little data gets, written out by hand. */
  private static final Map<String, String> LITTLE_SETTINGS = Map.of(
      "spark.sql.codegen.wholeStage", "false",
      "spark.sql.codegen.factoryMode", "NO_CODEGEN",
      "spark.sql.shuffle.partitions", "1",
      "spark.databricks.delta.snapshotPartitions", "1",
      "spark.sql.adaptive.enabled", "false",
      "spark.databricks.delta.stats.collect", "false",
      "spark.buffer.pageSize", "1m");

  @TempDir
  Path dir;

  @Test
  void underTheSizeTheLittleDataSettingsComeOnTopOfTheConfigurations() {
    Map<String, String> settings = SparkSessions.forRun(options(Map.of("spark.ui.enabled", "false")), LITTLE - 1);
    Map<String, String> expected = new HashMap<>(LITTLE_SETTINGS);
    expected.put("spark.ui.enabled", "false");
    assertEquals(expected, settings);
  }

  @Test
  void fromTheSizeOnTheConfigurationsAlone() {
    assertEquals(Map.of("spark.ui.enabled", "false"),
        SparkSessions.forRun(options(Map.of("spark.ui.enabled", "false")), LITTLE));
  }

  @Test
  void aSettingTheConfigurationGivesWins() {
    Map<String, String> settings = SparkSessions.forRun(
        options(Map.of("spark.sql.shuffle.partitions", "4", "spark.databricks.delta.stats.collect", "true")), 1000);
    assertEquals("4", settings.get("spark.sql.shuffle.partitions"));
    assertEquals("true", settings.get("spark.databricks.delta.stats.collect"));
    assertEquals("false", settings.get("spark.sql.adaptive.enabled"));
  }

  /** The bronze table's files count with the listed exports (Hadoop's content length: the files' bytes). */
  @Test
  void theBronzeTableCounts() throws IOException {
    SparseFiles.of(dir.resolve("warehouse/bronze/experiences_raw/part-0.parquet"), LITTLE / 2);
    assertEquals(LITTLE_SETTINGS, SparkSessions.forRun(options(Map.of()), LITTLE / 2 - 1));
    assertEquals(Map.of(), SparkSessions.forRun(options(Map.of()), LITTLE / 2));
  }

  /**
   * The statistics setting is Delta's own: with it, a commit's add actions carry no "stats"; with
   * Delta's default they do. (A misspelt key would be ignored without a word.)
   */
  @Test
  void aLittleRunsDeltaCommitsCarryNoColumnStatistics() throws Exception {
    String key = "spark.databricks.delta.stats.collect";
    assertTrue(addActions(Map.of()).stream().allMatch(a -> a.contains("\"stats\"")), "Delta's default: statistics");
    List<String> little = addActions(Map.of(key, SparkSessions.LITTLE_RUN.get(key)));
    assertFalse(little.isEmpty());
    assertTrue(little.stream().noneMatch(a -> a.contains("\"stats\"")), String.join("\n", little));
  }

  /**
   * The page size is the key Spark's memory manager reads: with it, a task's pages are 1 MiB; without
   * it, on 4 GiB and 2 cores, Spark sizes them near its 64 MiB cap ((4,096 − 300 MiB reserved) × 0.6
   * / 2 / 16 is 71 MiB; Spark gives 67,108,848 bytes, 16 short of 64 MiB).
   */
  @Test
  void aLittleRunsMemoryPagesAreOneMebibyte() {
    SparkConf conf = new SparkConf(false).set("spark.testing.memory", Long.toString(4L << 30));
    long sparksOwn = UnifiedMemoryManager.apply(conf, 2).pageSizeBytes();
    assertTrue(sparksOwn > (63L << 20) && sparksOwn <= (64L << 20), Long.toString(sparksOwn));
    String key = "spark.buffer.pageSize";
    assertEquals(1L << 20, UnifiedMemoryManager.apply(conf.clone().set(key, SparkSessions.LITTLE_RUN.get(key)), 2)
        .pageSizeBytes());
  }

  /**
   * Delta checks the file list of a commit's checksum against a replay of the table's whole log
   * after every commit when the session's time zone is not UTC (the job's is Europe/Paris), and
   * only at checkpoints in UTC. The job's default gives it the UTC behaviour: the second commit of
   * a table (two rows appended onto two) starts one Spark job, the write. With Delta's own default
   * it starts three: the write, then the replay's two (its shuffle, then the collect of the files).
   * So the key is the one Delta reads: a misspelt key would change nothing.
   */
  @Test
  void aCommitDoesNotReplayTheTablesLogToCheckItsChecksum() throws Exception {
    String key = "spark.databricks.delta.allFilesInCrc.verificationMode.forceOnNonUTC.enabled";
    assertEquals("Europe/Paris", SharedSpark.spark().conf().get("spark.sql.session.timeZone"));
    List<String> deltasDefault = jobsOfASecondCommit(Map.of(key, "true"));
    assertEquals(3, deltasDefault.size(), deltasDefault.toString());
    List<String> jobs = jobsOfASecondCommit(Map.of(key, SparkSessions.DEFAULTS.get(key)));
    assertEquals(1, jobs.size(), jobs.toString());
    assertTrue(jobs.get(0).startsWith("save at SparkSessionsTest.java"), jobs.toString());
  }

  /** The add actions of a two-row Delta table written with {@code settings} set on the session. */
  private List<String> addActions(Map<String, String> settings) throws Exception {
    Path table = Files.createTempDirectory(dir, "table");
    withSettings(settings, () -> {
      SharedSpark.spark().range(2).toDF("id").write().format("delta").mode("overwrite").save(table.toString());
      return null;
    });
    return Files.readAllLines(table.resolve("_delta_log/00000000000000000000.json")).stream()
        .filter(l -> l.startsWith("{\"add\"")).toList();
  }

  /**
   * The call sites of the Spark jobs that the second commit of a new Delta table starts (an append
   * of two rows onto two), with {@code settings} set on the session.
   */
  private List<String> jobsOfASecondCommit(Map<String, String> settings) throws Exception {
    SparkSession spark = SharedSpark.spark();
    Path table = Files.createTempDirectory(dir, "table");
    List<String> callSites = new CopyOnWriteArrayList<>();
    SparkListener listener = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart job) {
        callSites.add(job.stageInfos().last().name());
      }
    };
    withSettings(settings, () -> {
      spark.range(2).toDF("id").write().format("delta").mode("overwrite").save(table.toString());
      spark.sparkContext().listenerBus().waitUntilEmpty();
      spark.sparkContext().addSparkListener(listener);
      try {
        spark.range(2).toDF("id").write().format("delta").mode("append").save(table.toString());
        spark.sparkContext().listenerBus().waitUntilEmpty();
      } finally {
        spark.sparkContext().removeSparkListener(listener);
      }
      return null;
    });
    return callSites;
  }

  /** Runs {@code action} with {@code settings} set on the shared session, then puts the old values back. */
  private static void withSettings(Map<String, String> settings, Callable<Void> action) throws Exception {
    RuntimeConfig conf = SharedSpark.spark().conf();
    Map<String, String> before = new HashMap<>();
    settings.keySet().forEach(k -> before.put(k, conf.getOption(k).getOrElse(() -> null)));
    try {
      settings.forEach(conf::set);
      action.call();
    } finally {
      before.forEach((k, v) -> {
        if (v == null) {
          conf.unset(k);
        } else {
          conf.set(k, v);
        }
      });
    }
  }

  private RunOptions options(Map<String, String> sparkConf) {
    return new RunOptions(List.of(dir.resolve("exports").toString()), dir.resolve("warehouse").toString(), null,
        sparkConf, null, false, null, null, Map.of(), 1);
  }
}
