package fr.spplus.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.spplus.cli.CliParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a scheduler calls, checked as far as this machine allows without a cluster (ClusterRunIT
 * submits through the wrapper for real): the Airflow DAG parses and its arguments are a valid spplus
 * command line, the cron entries are valid and call the wrapper, the wrapper builds the spark-submit
 * command documented in docs/operations.md and exits 2 on bad usage.
 */
class SchedulerFilesIT {

  private static final Path PROJECT = Path.of("").toAbsolutePath();
  private static final Path DAG = PROJECT.resolve("jobs/spplus_daily_refresh.py");
  private static final Path CRON = PROJECT.resolve("jobs/spplus.cron");
  private static final Path WRAPPER = PROJECT.resolve("jobs/spplus-submit");

  @TempDir
  Path tmp;

  @Test
  void airflowDagIsValidPython() throws Exception {
    Result r = exec(List.of(python(), "-c", "import ast,sys; ast.parse(open(sys.argv[1]).read())", DAG.toString()),
        Map.of());
    assertEquals(0, r.code, "the DAG does not parse:\n" + r.output);
  }

  @Test
  void airflowDagSubmitsTheCliWithAValidRunCommandLine() throws Exception {
    String script = String.join("\n",
        "import ast, json, sys",
        "tree = ast.parse(open(sys.argv[1]).read())",
        "calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)",
        "         and getattr(n.func, 'id', None) == 'SparkSubmitOperator']",
        "kw = {k.arg: k.value for k in calls[0].keywords}",
        "print(json.dumps({'operators': len(calls), 'java_class': ast.literal_eval(kw['java_class']),",
        "                  'args': ast.literal_eval(kw['application_args']),",
        "                  'conf': [ast.literal_eval(k) for k in kw['conf'].keys]}))");
    Result r = exec(List.of(python(), "-c", script, DAG.toString()), Map.of());
    assertEquals(0, r.code, r.output);
    JsonNode dag = new ObjectMapper().readTree(r.output);
    assertEquals(1, dag.get("operators").asInt(), "one SparkSubmitOperator");
    assertEquals("fr.spplus.cli.Main", dag.get("java_class").asText());
    List<String> conf = new ArrayList<>();
    dag.get("conf").forEach(k -> conf.add(k.asText()));
    assertTrue(conf.containsAll(List.of("spark.driver.extraJavaOptions", "spark.executor.extraJavaOptions")),
        "the Java 17 opens for the driver and the executors: " + conf);
    List<String> args = new ArrayList<>();
    dag.get("args").forEach(a -> args.add(a.asText()));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliParser.Result parsed = CliParser.parse(args.toArray(String[]::new),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertTrue(parsed.parsed(), "the DAG's application_args " + args + " are refused: " + err);
    assertEquals("run", parsed.args().command());
  }

  @Test
  void cronEntriesHaveFiveTimeFieldsAndRunTheWrapper() throws Exception {
    List<String> entries = Files.readAllLines(CRON, StandardCharsets.UTF_8).stream()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.matches("[A-Z_]+=.*"))
        .toList();
    assertFalse(entries.isEmpty(), "no entry in " + CRON);
    for (String entry : entries) {
      String[] fields = entry.split("\\s+", 6);
      assertEquals(6, fields.length, "five time fields and a command: " + entry);
      for (int i = 0; i < 5; i++) {
        assertTrue(fields[i].matches("[0-9*/,-]+"), "time field " + (i + 1) + " of: " + entry);
      }
      String command = fields[5];
      assertTrue(command.contains("jobs/spplus-submit"), "the entry runs the wrapper: " + entry);
      // cron turns an unescaped % into a newline: every % of the command must be escaped.
      assertFalse(command.matches(".*(?<!\\\\)%.*"), "unescaped % in: " + entry);
      Result syntax = exec(List.of("bash", "-n", "-c", command.replace("\\%", "%")), Map.of());
      assertEquals(0, syntax.code, "not a valid shell command: " + entry + "\n" + syntax.output);
    }
  }

  @Test
  void wrapperBuildsTheSparkSubmitCommandFromTheProfileAndTheEnvironment() throws Exception {
    Path sparkHome = Files.createDirectories(tmp.resolve("spark/jars")).getParent();
    Path jar = Files.createFile(tmp.resolve("spplus-analytics-cluster.jar"));
    Path conf = PROJECT.resolve("conf/standalone.properties");
    Result r = exec(List.of("bash", WRAPPER.toString(), "--input", "/exports", "--min-cell-size", "3"), Map.of(
        "SPARK_HOME", sparkHome.toString(), "SPPLUS_MASTER", "spark://master:7077", "SPPLUS_JAR", jar.toString(),
        "SPPLUS_CONF", conf.toString(), "SPPLUS_EXECUTOR_MEMORY", "1g", "SPPLUS_DRY_RUN", "1"));
    assertEquals(0, r.code, r.output);
    String cmd = r.output;
    assertTrue(cmd.contains("org.apache.spark.deploy.SparkSubmit --master spark://master:7077 --deploy-mode client"),
        cmd);
    assertTrue(cmd.contains("--class fr.spplus.cli.Main"), cmd);
    // The profile's spark.* keys go to spark-submit, its other keys do not (the job reads them).
    assertTrue(cmd.contains("--conf spark.executor.cores=2"), cmd);
    assertFalse(cmd.contains("--conf warehouse="), cmd);
    // The environment overrides the profile: its --conf comes after the profile's.
    assertTrue(cmd.indexOf("spark.executor.memory=1g") > cmd.indexOf("spark.executor.memory=4g"), cmd);
    assertTrue(cmd.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), "Java 17 opens for the JVMs: " + cmd);
    assertTrue(cmd.strip().endsWith(jar + " run --config " + conf + " --input /exports --min-cell-size 3"), cmd);
  }

  @Test
  void wrapperExitsTwoWithAMessageWhenItCannotSubmit() throws Exception {
    Result noSparkHome = exec(List.of("bash", WRAPPER.toString()), Map.of("SPARK_HOME", "", "SPPLUS_MASTER", "x"));
    assertEquals(2, noSparkHome.code, noSparkHome.output);
    assertTrue(noSparkHome.output.contains("SPARK_HOME is not set"), noSparkHome.output);

    Path sparkHome = Files.createDirectories(tmp.resolve("spark/jars")).getParent();
    Result noJar = exec(List.of("bash", WRAPPER.toString()), Map.of("SPARK_HOME", sparkHome.toString(),
        "SPPLUS_MASTER", "spark://master:7077", "SPPLUS_JAR", tmp.resolve("missing.jar").toString()));
    assertEquals(2, noJar.code, noJar.output);
    assertTrue(noJar.output.contains("cluster jar not found"), noJar.output);
  }

  private record Result(int code, String output) {}

  private static String python() throws Exception {
    Result which = exec(List.of("bash", "-c", "command -v python3"), Map.of());
    if (which.code != 0) {
      fail("python3 is needed to check the Airflow DAG (Debian: apt-get install python3), and none is on PATH");
    }
    return which.output.strip();
  }

  private static Result exec(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("timed out: " + command);
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
