package fr.spplus.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.spplus.cli.CliParser;
import fr.spplus.cli.Settings;
import fr.spplus.job.RunOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under spark-submit, the Spark settings it was given (which it passes to the driver as system
 * properties) are command-line settings: the profile's spark.* keys must not override them when
 * the job builds its session, or SPPLUS_EXECUTOR_MEMORY and spark-submit's --conf would do nothing.
 * The job's own --conf still wins over both.
 */
class SparkSubmitPrecedenceTest {

  private static final String KEY = "spark.executor.memory";

  @TempDir
  Path tmp;

  @Test
  void sparkSubmitSettingsWinOverTheProfile() throws IOException {
    RunOptions options = underSparkSubmit("1g", "run", "--config", profile().toString());
    assertFalse(options.sparkConf().containsKey(KEY),
        "the profile's 4g would override spark-submit's 1g: " + options.sparkConf());
    assertEquals("16", options.sparkConf().get("spark.sql.shuffle.partitions"),
        "keys spark-submit did not set still come from the profile");
  }

  @Test
  void theJobsConfWinsOverSparkSubmit() throws IOException {
    RunOptions options = underSparkSubmit("1g", "run", "--config", profile().toString(), "--conf", KEY + "=2g");
    assertEquals("2g", options.sparkConf().get(KEY));
  }

  @Test
  void withoutSparkSubmitTheProfileApplies() throws IOException {
    RunOptions options = underSparkSubmit(null, "run", "--config", profile().toString());
    assertEquals("4g", options.sparkConf().get(KEY));
  }

  private Path profile() throws IOException {
    return Files.writeString(tmp.resolve("cluster.properties"),
        "warehouse=" + tmp.resolve("warehouse") + "\n" + KEY + "=4g\nspark.sql.shuffle.partitions=16\n",
        StandardCharsets.UTF_8);
  }

  /** Resolves the options as the job does when spark-submit gave {@code spark.executor.memory}. */
  private RunOptions underSparkSubmit(String executorMemory, String... argv) {
    String before = System.getProperty(KEY);
    try {
      if (executorMemory == null) {
        System.clearProperty(KEY);
      } else {
        System.setProperty(KEY, executorMemory);
      }
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      CliParser.Result parsed = CliParser.parse(argv, new PrintStream(new ByteArrayOutputStream()),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      assertTrue(parsed.parsed(), err.toString(StandardCharsets.UTF_8));
      return Settings.resolve(parsed.args());
    } finally {
      if (before == null) {
        System.clearProperty(KEY);
      } else {
        System.setProperty(KEY, before);
      }
    }
  }
}
