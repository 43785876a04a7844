package fr.spplus.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.spplus.cli.Main;
import fr.spplus.publish.DeltaTables;
import fr.spplus.publish.GoldTables;
import fr.spplus.publish.TableSpec;
import fr.spplus.publish.Tables;
import fr.spplus.testing.Frames;
import fr.spplus.testing.QuickJvm;
import fr.spplus.testing.SharedSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged cluster jar on a real Spark standalone cluster (master, worker, executors and the
 * cluster-mode driver each in their own JVM), submitted by jobs/spplus-submit in client and in
 * cluster deploy mode; the tables it writes must equal, row for row, those of a local run of the
 * same input. Needs {@code mvn verify} (the jar and SPARK_HOME are made after the unit tests).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterRunIT {

  /**
   * Longest a submission may take before the test gives up on it: about a minute and a half on an
   * idle 2-core machine, many times that when other builds share the cores.
   */
  private static final long SUBMIT_TIMEOUT_MINUTES = 15;
  /** JVM options for the cluster's short-lived JVMs: C1 only and one GC thread save a starved CPU. */
  static final String QUICK_JVM = String.join(" ", QuickJvm.OPTIONS);
  /** Columns that differ between two runs of the same input by design. */
  private static final Set<String> RUN_COLUMNS = Set.of("run_id", "ingested_at");
  private static final Pattern DRIVER_END = Pattern.compile("spplus-submit: (driver-\\S+) ended ([A-Z]+)");

  @TempDir
  static Path dir;
  static Path project;
  static Path sparkHome;
  static Path jar;
  static String opens;
  static Path input;
  static int localExitCode;
  static StandaloneCluster cluster;

  @BeforeAll
  static void runLocallyAndStartTheCluster() throws IOException, InterruptedException {
    project = Path.of("").toAbsolutePath();
    jar = Path.of(required("spplus.cluster.jar"));
    sparkHome = Path.of(required("spplus.spark.home"));
    opens = required("spplus.jvm.opens");
    assertTrue(Files.isRegularFile(jar), "no cluster jar at " + jar + ": run 'mvn verify' (package builds it)");
    assertTrue(Files.isRegularFile(sparkHome.resolve("RELEASE")) && Files.isDirectory(sparkHome.resolve("jars")),
        "no SPARK_HOME at " + sparkHome + ": run 'mvn verify' (pre-integration-test assembles it)");
    input = ExportFixture.write(dir.resolve("exports"));
    // The reference: the same command line, Spark in local mode in this JVM (as bin/spplus runs it).
    localExitCode = Main.execute(new String[] {"run", "--input", input.toString(), "--warehouse", warehouse("local"),
        "--config", project.resolve("conf/local.properties").toString(), "--master", "local[2]",
        "--conf", "spark.sql.shuffle.partitions=2", "--conf", "spark.ui.enabled=false",
        "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1"});
    // 3 cores: in cluster mode the driver holds one, the executors get the other two.
    cluster = StandaloneCluster.start(sparkHome, dir.resolve("cluster"), opens + " " + QUICK_JVM, 3, "3g");
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void localRunIsTheReference() {
    assertEquals(0, localExitCode, "local run");
    DeltaTables local = new DeltaTables(SharedSpark.spark(), warehouse("local"));
    assertEquals(ExportFixture.EXPERIENCES, local.read(Tables.SILVER_EXPERIENCES).count());
    assertEquals(ExportFixture.QUARANTINED, local.read(Tables.SILVER_QUARANTINE).count());
  }

  @Test
  @Order(2)
  void clientModeThroughTheWrapperWritesTheSameTables() throws Exception {
    // The exports cut into ranges of whole records, read by the executors: the tables must still
    // equal the local run's, where every file is one task. (Ranges fill the cores the files leave
    // idle: 3 files on a parallelism of 6 give 2 ranges each.) The first export is CR LF with a
    // bare LF inside a quoted description, which a range's parser could read otherwise: one task.
    Submission s = submit("client", " --conf spark.spplus.bronze.rangeBytes=64 --conf spark.default.parallelism=6");
    assertEquals(0, s.exitCode, "jobs/spplus-submit in client mode exited " + s.exitCode + "\n" + s.output);
    assertTrue(s.output.contains("succeeded: 3 files seen, 3 ingested"), "the driver's progress\n" + s.output);
    assertEquals(2, Pattern.compile(": read as 2 ranges of whole records").matcher(s.output).results().count(),
        "the two regular exports read in ranges\n" + s.output);
    assertTrue(s.output.contains("export-experiences-2024-03-01.csv: read as one task (a line feed inside quotes"
        + " without a carriage return in a file whose lines end with CR LF at byte 794)"), s.output);
    assertTasksRanInExecutors("client");
    assertSameTables("client");
  }

  @Test
  @Order(3)
  void clusterModeThroughTheWrapperWritesTheSameTables() throws Exception {
    Submission s = submit("cluster", "");
    assertEquals(0, s.exitCode, "jobs/spplus-submit in cluster mode exited " + s.exitCode + "\n" + s.output);
    Matcher end = DRIVER_END.matcher(s.output);
    assertTrue(end.find(), "the wrapper names the driver and its end\n" + s.output);
    String driverId = end.group(1);
    assertEquals("FINISHED", cluster.driverState(driverId), "the master's account of " + driverId);
    Path driverDir = cluster.workDir().resolve(driverId);
    String driverOut = StandaloneCluster.tail(driverDir.resolve("stdout"), 30);
    assertTrue(driverOut.contains("succeeded: 3 files seen, 3 ingested"),
        "the driver ran on the worker and said so in " + driverDir + "/stdout:\n" + driverOut
            + StandaloneCluster.tail(driverDir.resolve("stderr"), 30));
    assertTasksRanInExecutors("cluster");
    assertSameTables("cluster");
  }

  @Test
  @Order(4)
  void theWrapperPassesTheJobsUsageErrorOn() throws Exception {
    Submission s = run(List.of("--input", input.toString(), "--warehouse", warehouse("usage"),
        "--encoding", "no-such-charset"), "client", "");
    assertEquals(2, s.exitCode, "bad usage is exit code 2 through spark-submit and the wrapper\n" + s.output);
    assertTrue(s.output.contains("unknown encoding"), s.output);
  }

  private record Submission(int exitCode, String output) {}

  /** Runs the day's job through jobs/spplus-submit, as a scheduler would. */
  private static Submission submit(String mode, String moreSubmitArgs) throws IOException, InterruptedException {
    Path events = Files.createDirectories(dir.resolve("events-" + mode));
    return run(List.of("--input", input.toString(), "--warehouse", warehouse(mode)), mode,
        "--conf spark.eventLog.enabled=true --conf spark.eventLog.compress=false"
            + " --conf spark.eventLog.dir=" + events.toUri() + moreSubmitArgs);
  }

  private static Submission run(List<String> jobArgs, String mode, String submitArgs)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", project.resolve("jobs/spplus-submit").toString()));
    command.addAll(jobArgs);
    Path log = dir.resolve("submit-" + mode + "-" + System.nanoTime() + ".log");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.putAll(cluster.environment());
    env.put("SPPLUS_MASTER", cluster.masterUrl());
    env.put("SPPLUS_DEPLOY_MODE", mode);
    env.put("SPPLUS_JAR", jar.toString());
    env.put("SPPLUS_CONF", project.resolve("conf/standalone.properties").toString());
    // The profile's fetch.landing would fetch from data.gouv.fr first: no network here, and the
    // wrapper's fetch step is SchedulerFilesTest's (against a stand-in API).
    env.put("SPPLUS_LANDING", "");
    // Small on purpose, on a 2-core machine: one executor of 2 cores (the worker offers 3: in cluster
    // mode the driver takes one), short-lived JVMs that need no optimising compiler, no Spark UI.
    env.put("SPPLUS_DRIVER_MEMORY", "1g");
    env.put("SPPLUS_EXECUTOR_MEMORY", "1g");
    env.put("SPPLUS_EXECUTOR_CORES", "2");
    env.put("SPPLUS_TOTAL_EXECUTOR_CORES", "2");
    env.put("SPPLUS_JAVA_OPTS", QUICK_JVM);
    env.put("SPPLUS_SUBMIT_ARGS", "--conf spark.sql.shuffle.partitions=2 --conf spark.ui.enabled=false "
        + submitArgs);
    Process p = pb.start();
    try {
      if (!p.waitFor(SUBMIT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        fail("jobs/spplus-submit (" + mode + ") still running after " + SUBMIT_TIMEOUT_MINUTES + " min\n"
            + StandaloneCluster.tail(log, 60) + cluster.logs());
      }
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    return new Submission(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /**
   * Every task of the run ran in an executor JVM the worker started, none in the driver: what the
   * job computes, it computes on the cluster. Read from the run's Spark event log.
   */
  private static void assertTasksRanInExecutors(String mode) throws IOException {
    List<String> lines = new ArrayList<>();
    // Spark 4 rolls event logs by default: a folder per application, one file per part (beside
    // Hadoop's hidden .crc checksum files).
    try (Stream<Path> files = Files.walk(dir.resolve("events-" + mode))) {
      for (Path f : files.filter(f -> Files.isRegularFile(f) && !f.getFileName().toString().startsWith("."))
          .sorted().toList()) {
        lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
      }
    }
    ObjectMapper json = new ObjectMapper();
    Map<String, Integer> tasksByExecutor = new HashMap<>();
    String appId = null;
    for (String line : lines) {
      if (!line.startsWith("{")) {
        continue;
      }
      JsonNode event = json.readTree(line);
      switch (event.path("Event").asText()) {
        case "SparkListenerApplicationStart" -> appId = event.path("App ID").asText();
        case "SparkListenerTaskEnd" ->
            tasksByExecutor.merge(event.path("Task Info").path("Executor ID").asText(), 1, Integer::sum);
        default -> { }
      }
    }
    assertFalse(tasksByExecutor.isEmpty(), "no task in the " + mode + " run's event log");
    assertFalse(tasksByExecutor.containsKey("driver"), "tasks ran in the driver: " + tasksByExecutor);
    assertNotNull(appId);
    for (String executorId : tasksByExecutor.keySet()) {
      assertTrue(Files.isDirectory(cluster.workDir().resolve(appId).resolve(executorId)),
          "executor " + executorId + " of " + appId + " was launched by the worker as its own JVM");
    }
  }

  /** Bronze, every silver and every gold table: the same schema and rows as the local run's. */
  private static void assertSameTables(String mode) {
    DeltaTables local = new DeltaTables(SharedSpark.spark(), warehouse("local"));
    DeltaTables remote = new DeltaTables(SharedSpark.spark(), warehouse(mode));
    List<TableSpec> specs = new ArrayList<>(Tables.BRONZE);
    specs.addAll(Tables.SILVER);
    specs.addAll(GoldTables.ALL);
    Set<String> compared = new HashSet<>();
    for (TableSpec spec : specs) {
      assertTrue(remote.exists(spec), mode + " run wrote no " + spec.path());
      Dataset<Row> expected = withoutRunColumns(local.read(spec));
      Dataset<Row> actual = withoutRunColumns(remote.read(spec));
      String[] order = Arrays.stream(expected.schema().fields())
          .filter(f -> !(f.dataType() instanceof MapType))
          .map(StructField::name)
          .toArray(String[]::new);
      try {
        Frames.assertFrameEquals(expected, actual, order);
      } catch (AssertionError e) {
        throw new AssertionError(spec.path() + " differs between the local and the " + mode + " run: "
            + e.getMessage(), e);
      }
      compared.add(spec.path());
    }
    assertTrue(compared.containsAll(List.of("silver/experiences", "silver/experience_structures")), "" + compared);
  }

  private static Dataset<Row> withoutRunColumns(Dataset<Row> table) {
    return table.drop(RUN_COLUMNS.toArray(String[]::new));
  }

  private static String warehouse(String name) {
    return dir.resolve("warehouse-" + name).toString();
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    assertNotNull(value, "system property " + property + " is not set: run this test with 'mvn verify'");
    return value;
  }
}
