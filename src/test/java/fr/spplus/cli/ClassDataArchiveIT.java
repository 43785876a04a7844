package fr.spplus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.spplus.job.SparkSessions;
import fr.spplus.sql.SampleWarehouse;
import fr.spplus.testing.Processes;
import fr.spplus.testing.Processes.Result;
import fr.spplus.testing.SharedSpark;
import fr.spplus.testing.SparseFiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/spplus's class-data-sharing archive, through the script itself in child processes: the first
 * `sql` process writes the archive into the cache folder, the next ones map it (checked with
 * {@code -Xshare:on}, which makes the JVM fail when it cannot); a process that fails, or stops before
 * starting Spark, keeps none; {@code SPPLUS_CDS=0} turns it off.
 *
 * <p>The script runs from a copy of the project layout (bin/, conf/, target/ with the jar Maven has
 * just packaged and the test JVM's dependency jars as its classpath file), so that it never starts a
 * Maven build of its own inside this one.
 */
class ClassDataArchiveIT {

  private static final long MIN_ARCHIVE_BYTES = 64L << 20;
  private static final String QUERY = "select count(*) as n from gold.kpi_by_region";
  /** What {@link #jit} says of the compilers a command's JVM got. */
  private static final String C1_ONLY = "C1 only, 240 MB code cache";
  private static final String TIERED = "C1 and C2, C2 thresholds raised";

  @TempDir
  static Path home;

  private static String warehouse;
  private static long regions;

  @BeforeAll
  static void layout() throws IOException {
    Path project = Path.of("").toAbsolutePath();
    Path jar = project.resolve("target/spplus-analytics.jar");
    assertTrue(Files.isRegularFile(jar), "Maven packages the jar before the integration tests: " + jar);
    Files.createDirectories(home.resolve("bin"));
    Files.createDirectories(home.resolve("target"));
    Path script = Files.copy(project.resolve("bin/spplus"), home.resolve("bin/spplus"));
    assertTrue(script.toFile().setExecutable(true));
    Files.createSymbolicLink(home.resolve("conf"), project.resolve("conf"));
    Files.createDirectories(home.resolve("data"));
    Files.createSymbolicLink(home.resolve("data/sample"), project.resolve("data/sample"));
    Path copied = Files.copy(jar, home.resolve("target/spplus-analytics.jar"), StandardCopyOption.COPY_ATTRIBUTES);
    // The sources the script compares the jar with (to rebuild it when they are newer) are older.
    FileTime before = FileTime.fromMillis(Files.getLastModifiedTime(copied).toMillis() - 3_600_000);
    Files.setLastModifiedTime(Files.writeString(home.resolve("pom.xml"), "<project/>"), before);
    Files.setLastModifiedTime(Files.createDirectories(home.resolve("src/main")), before);
    String dependencies = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> e.endsWith(".jar") && !Path.of(e).toAbsolutePath().startsWith(project.resolve("target")))
        .collect(Collectors.joining(File.pathSeparator));
    Files.writeString(home.resolve("target/runtime-classpath.txt"), dependencies);
    warehouse = SampleWarehouse.path().toString();
    regions = SharedSpark.spark().read().format("delta").load(warehouse + "/gold/kpi_by_region").count();
  }

  @Test
  void theFirstSqlProcessWritesTheArchiveAndTheNextOnesMapIt(@TempDir Path cache) throws Exception {
    Result first = spplus(cache, Map.of(), "sql", "--warehouse", warehouse, QUERY);
    assertEquals(0, first.exit(), first.output());
    assertTrue(first.output().matches("(?s).*\\n\\s*" + regions + "\\s*\\n\\(1 row\\).*"),
        "the count of gold/kpi_by_region (" + regions + ") is printed: " + first.output());
    List<Path> archives = files(cache.resolve("cds"));
    assertEquals(1, archives.size(), "one archive, no temporary file: " + archives);
    Path archive = archives.get(0);
    assertTrue(archive.getFileName().toString().matches("sql-\\d+\\.jsa"), archive.toString());
    assertTrue(Files.size(archive) >= MIN_ARCHIVE_BYTES, "the archive holds the Spark classes: " + Files.size(archive));
    long written = Files.getLastModifiedTime(archive).toMillis();

    // -Xshare:on after the script's -Xshare:auto: the JVM stops if it cannot map the archive.
    Result next = spplus(cache, Map.of("JAVA_OPTS", "-Xshare:on"), "sql", "--warehouse", warehouse, QUERY);
    assertEquals(0, next.exit(), next.output());
    assertEquals(first.output(), next.output());
    assertEquals(List.of(archive), files(cache.resolve("cds")));
    assertEquals(written, Files.getLastModifiedTime(archive).toMillis(), "the archive is mapped, not written again");
  }

  @Test
  void aProcessThatFailsKeepsNoArchive(@TempDir Path cache, @TempDir Path empty) throws Exception {
    Result failed = spplus(cache, Map.of(), "sql", "--warehouse", empty.toString(), QUERY);
    assertEquals(1, failed.exit(), failed.output());
    assertTrue(failed.output().contains("no table of the warehouse found"), failed.output());
    assertEquals(List.of(), files(cache.resolve("cds")), "neither an archive nor a temporary file");
  }

  @Test
  void aProcessThatStopsBeforeSparkKeepsNoArchive(@TempDir Path cache) throws Exception {
    Result help = spplus(cache, Map.of(), "run", "--help");
    assertEquals(0, help.exit(), help.output());
    assertTrue(help.output().contains("--warehouse"), help.output());
    assertEquals(List.of(), files(cache.resolve("cds")), "a small archive would stand in for the full one");
  }

  /**
   * `run` gets the throughput collector and `sql` the serial one; a collector named in JAVA_OPTS
   * replaces the script's (a JVM given two stops: "Multiple garbage collectors selected").
   */
  @Test
  void eachCommandHasItsCollectorUnlessJavaOptsNamesOne(@TempDir Path cache) throws Exception {
    Map<String, String> flags = Map.of("SPPLUS_CDS", "0", "JAVA_OPTS", "-XX:+PrintCommandLineFlags");
    Result run = spplus(cache, flags, "run", "--help");
    assertEquals(0, run.exit(), run.output());
    assertTrue(run.output().contains("-XX:+UseParallelGC"), run.output());
    Result sql = spplus(cache, flags, "sql", "--help");
    assertEquals(0, sql.exit(), sql.output());
    assertTrue(sql.output().contains("-XX:+UseSerialGC") && !sql.output().contains("-XX:+UseParallelGC"),
        sql.output());
    for (String command : List.of("run", "sql")) {
      Result own = spplus(cache, Map.of("SPPLUS_CDS", "0", "JAVA_OPTS", "-XX:+PrintCommandLineFlags -XX:+UseG1GC"),
          command, "--help");
      assertEquals(0, own.exit(), own.output());
      assertTrue(own.output().contains("-XX:+UseG1GC") && !own.output().contains("-XX:+UseParallelGC")
          && !own.output().contains("-XX:+UseSerialGC"), own.output());
    }
  }

  /**
   * A `run` over more than little data hands methods to C2 only after ten times the JDK's default
   * thresholds, `sql` runs C1 only with a 240 MB code cache; thresholds given in JAVA_OPTS win (the
   * JVM keeps the last value of a flag given twice). {@code -XX:+PrintCommandLineFlags} prints the
   * values the JVM took.
   */
  @Test
  void runRaisesTheC2ThresholdsUnlessJavaOptsSetsThem(@TempDir Path cache, @TempDir Path dir) throws Exception {
    String large = SparseFiles.of(dir.resolve("large.csv"), SparkSessions.LITTLE_DATA_BYTES).toString();
    String none = dir.resolve("warehouse").toString();
    Map<String, String> flags = Map.of("SPPLUS_CDS", "0", "JAVA_OPTS", "-XX:+PrintCommandLineFlags");
    Result run = spplus(cache, flags, "run", "--input", large, "--warehouse", none, "--help");
    assertEquals(0, run.exit(), run.output());
    for (String flag : List.of("-XX:Tier4InvocationThreshold=50000", "-XX:Tier4MinInvocationThreshold=6000",
        "-XX:Tier4CompileThreshold=150000", "-XX:Tier4BackEdgeThreshold=400000")) {
      assertTrue(run.output().contains(flag + " "), flag + " in " + run.output());
    }
    assertFalse(run.output().contains("-XX:TieredStopAtLevel"), run.output());
    Result sql = spplus(cache, flags, "sql", "--help");
    assertEquals(0, sql.exit(), sql.output());
    assertTrue(sql.output().contains("-XX:TieredStopAtLevel=1 ") && !sql.output().contains("Tier4"), sql.output());
    assertTrue(sql.output().contains("-XX:ReservedCodeCacheSize=251658240 "), "240 MB, not C1's 48: " + sql.output());
    Result own = spplus(cache, Map.of("SPPLUS_CDS", "0",
        "JAVA_OPTS", "-XX:+PrintCommandLineFlags -XX:Tier4InvocationThreshold=7000"),
        "run", "--input", large, "--warehouse", none, "--help");
    assertEquals(0, own.exit(), own.output());
    assertTrue(own.output().contains("-XX:Tier4InvocationThreshold=7000 ")
        && !own.output().contains("-XX:Tier4InvocationThreshold=50000"), own.output());
    assertTrue(own.output().contains("-XX:Tier4BackEdgeThreshold=400000 "), own.output());
  }

  /**
   * A `run` whose inputs and warehouse bronze table hold under the job's little-data size
   * (SparkSessions.LITTLE_DATA_BYTES, 64 MiB) gets C1 only with a 240 MB code cache, as `sql` does;
   * from that size on, or with an input that is not a local path, the raised C2 thresholds. Sizes
   * come from sparse files: their apparent size is what counts.
   */
  @Test
  void aRunOverLittleDataGetsC1Only(@TempDir Path dir) throws Exception {
    long little = SparkSessions.LITTLE_DATA_BYTES;
    String under = SparseFiles.of(dir.resolve("under.csv"), little - 1).toString();
    String at = SparseFiles.of(dir.resolve("at.csv"), little).toString();
    String half = SparseFiles.of(dir.resolve("half.csv"), little / 2).toString();
    String none = dir.resolve("no-warehouse").toString();

    assertEquals(C1_ONLY, jit("run", "--warehouse", none), "the bundled sample, the README's first command");
    assertEquals(C1_ONLY, jit("run", "--input", under, "--warehouse", none));
    assertEquals(TIERED, jit("run", "--input", at, "--warehouse", none));
    assertEquals(TIERED, jit("run", "--input=" + at, "--warehouse=" + none));
    assertEquals(TIERED, jit("run", "--input", half, half, "--warehouse", none), "the inputs add up to 64 MiB");
    assertEquals(TIERED, jit("run", "--input", "hdfs://namenode/exports", "--warehouse", none), "not measured");

    // The bronze table counts (a directory's own size is a few kB: the input leaves 64 kB for it).
    Path warehouse = dir.resolve("warehouse");
    SparseFiles.of(warehouse.resolve("bronze/part-0.parquet"), little / 2);
    String almostHalf = SparseFiles.of(dir.resolve("almost-half.csv"), little / 2 - (64 << 10)).toString();
    assertEquals(C1_ONLY, jit("run", "--input", almostHalf, "--warehouse", warehouse.toString()));
    assertEquals(TIERED, jit("run", "--input", half, "--warehouse", warehouse.toString()));

    // Without --input or --warehouse, the configuration file's keys count, as they do for the job.
    Path config = Files.writeString(dir.resolve("job.properties"),
        "input = " + at + " ,\nwarehouse=" + none + "\n");
    assertEquals(TIERED, jit("run", "--config", config.toString()));
    assertEquals(C1_ONLY, jit("run", "--config", config.toString(), "--input", under));

    Result both = spplus(dir.resolve("cache"), Map.of("SPPLUS_CDS", "0",
        "JAVA_OPTS", "-XX:+PrintCommandLineFlags -XX:TieredStopAtLevel=4"), "run", "--warehouse", none, "--help");
    assertTrue(both.output().contains("-XX:TieredStopAtLevel=4 "), "JAVA_OPTS wins: " + both.output());
  }

  /** Which compilers `bin/spplus ARGS --help` gives its JVM, or the JVM's flags when neither. */
  private static String jit(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(args));
    command.add("--help");
    Map<String, String> env = Map.of("SPPLUS_CDS", "0", "JAVA_OPTS", "-XX:+PrintCommandLineFlags");
    Result result = spplus(home.resolve("unused-cache"), env, command.toArray(String[]::new));
    assertEquals(0, result.exit(), result.output());
    String flags = result.output().lines().filter(l -> l.contains("-XX:")).findFirst().orElse(result.output()) + " ";
    if (flags.contains("-XX:TieredStopAtLevel=1 ") && flags.contains("-XX:ReservedCodeCacheSize=251658240 ")
        && !flags.contains("Tier4")) {
      return C1_ONLY;
    }
    if (flags.contains("-XX:Tier4InvocationThreshold=50000 ") && !flags.contains("TieredStopAtLevel")) {
      return TIERED;
    }
    return flags;
  }

  @Test
  void spplusCds0TurnsItOff(@TempDir Path cache) throws Exception {
    Result off = spplus(cache, Map.of("SPPLUS_CDS", "0"), "sql", "--warehouse", warehouse, QUERY);
    assertEquals(0, off.exit(), off.output());
    assertFalse(Files.exists(cache.resolve("cds")), "no cache folder");
  }

  private static Result spplus(Path cache, Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(home.resolve("bin/spplus").toString()));
    command.addAll(List.of(args));
    Result run = Processes.run(command, environment -> {
      environment.remove("SPPLUS_CDS");
      environment.remove("JAVA_OPTS");
      environment.put("SPPLUS_CACHE", cache.toString());
      environment.putAll(env);
    }, Duration.ofMinutes(5));
    // Spark's start-up warnings (host name, native libraries) vary by machine: only the rest is compared.
    String kept = run.output().lines().filter(l -> !l.matches("^\\d\\d:\\d\\d:\\d\\d WARN .*"))
        .collect(Collectors.joining("\n"));
    return new Result(run.exit(), kept);
  }

  private static List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.sorted().toList();
    }
  }
}
