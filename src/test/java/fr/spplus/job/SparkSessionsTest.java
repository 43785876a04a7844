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
import org.apache.spark.SparkConf;
import org.apache.spark.memory.UnifiedMemoryManager;
import org.apache.spark.sql.RuntimeConfig;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's Spark settings (SparkSessions.forRun): under 64 MiB of listed exports and bronze, the
 * little-data settings on top of the configuration's; from 64 MiB on, the configuration's alone.
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
  void aLittleRunsDeltaCommitsCarryNoColumnStatistics() throws IOException {
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

  /** The add actions of a two-row Delta table written with {@code settings} set on the session. */
  private List<String> addActions(Map<String, String> settings) throws IOException {
    SparkSession spark = SharedSpark.spark();
    RuntimeConfig conf = spark.conf();
    Map<String, String> before = new HashMap<>();
    settings.keySet().forEach(k -> before.put(k, conf.getOption(k).getOrElse(() -> null)));
    Path table = Files.createTempDirectory(dir, "table");
    try {
      settings.forEach(conf::set);
      spark.range(2).toDF("id").write().format("delta").mode("overwrite").save(table.toString());
    } finally {
      before.forEach((k, v) -> {
        if (v == null) {
          conf.unset(k);
        } else {
          conf.set(k, v);
        }
      });
    }
    return Files.readAllLines(table.resolve("_delta_log/00000000000000000000.json")).stream()
        .filter(l -> l.startsWith("{\"add\"")).toList();
  }

  private RunOptions options(Map<String, String> sparkConf) {
    return new RunOptions(List.of(dir.resolve("exports").toString()), dir.resolve("warehouse").toString(), null,
        sparkConf, null, false, null, null, Map.of(), 1);
  }
}
