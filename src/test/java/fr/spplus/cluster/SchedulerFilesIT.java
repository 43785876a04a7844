package fr.spplus.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.spplus.cli.CliParser;
import fr.spplus.fetch.FetchCommandTest;
import fr.spplus.fetch.FetchKillIT;
import fr.spplus.fetch.StandInApi;
import fr.spplus.testing.Processes;
import fr.spplus.testing.Processes.Result;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a scheduler calls, checked as far as this machine allows without a cluster (ClusterRunIT
 * submits through the wrapper for real): the Airflow DAG parses, fetches then runs, and its arguments
 * are valid spplus command lines, the cron entries are valid and call the wrapper, the wrapper fetches
 * (against a stand-in API on 127.0.0.1) and runs only when the fetch succeeded, builds the
 * spark-submit command documented in docs/operations.md and exits 2 on bad usage.
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
    assertEquals(0, r.exit(), "the DAG does not parse:\n" + r.output());
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
    assertEquals(0, r.exit(), r.output());
    JsonNode dag = new ObjectMapper().readTree(r.output());
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
  void airflowDagFetchesThenRunsOnTheLandingFolder() throws Exception {
    String script = String.join("\n",
        "import ast, json, sys",
        "tree = ast.parse(open(sys.argv[1]).read())",
        "ops = {}",
        "for n in ast.walk(tree):",
        "    if isinstance(n, ast.Assign) and isinstance(n.value, ast.Call) \\",
        "            and getattr(n.value.func, 'id', None) in ('BashOperator', 'SparkSubmitOperator'):",
        "        kw = {k.arg: k.value for k in n.value.keywords}",
        "        ops[n.targets[0].id] = {'type': n.value.func.id, 'task_id': ast.literal_eval(kw['task_id']),",
        "            'bash': ast.literal_eval(kw['bash_command']) if 'bash_command' in kw else None,",
        "            'env': ast.literal_eval(kw['env']) if 'env' in kw else None,",
        "            'args': ast.literal_eval(kw['application_args']) if 'application_args' in kw else None}",
        "edges = [[n.left.id, n.right.id] for n in ast.walk(tree)",
        "         if isinstance(n, ast.BinOp) and isinstance(n.op, ast.RShift)]",
        "print(json.dumps({'ops': ops, 'edges': edges}))");
    Result r = exec(List.of(python(), "-c", script, DAG.toString()), Map.of());
    assertEquals(0, r.exit(), r.output());
    JsonNode dag = new ObjectMapper().readTree(r.output());
    JsonNode fetch = dag.get("ops").get("fetch");
    JsonNode run = dag.get("ops").get("run");
    assertEquals("BashOperator", fetch.get("type").asText());
    assertEquals("spplus_fetch", fetch.get("task_id").asText());
    assertEquals("{{ var.value.spplus_home }}/jobs/spplus-submit fetch ", fetch.get("bash").asText());
    assertEquals("SparkSubmitOperator", run.get("type").asText());
    // The run starts after the fetch, and reads the folder the fetch writes.
    assertEquals("[[\"fetch\",\"run\"]]", dag.get("edges").toString());
    String landing = fetch.get("env").get("SPPLUS_LANDING").asText();
    assertEquals("{{ var.value.spplus_landing }}", landing);
    List<String> args = new ArrayList<>();
    run.get("args").forEach(a -> args.add(a.asText()));
    assertEquals(landing, args.get(args.indexOf("--input") + 1), args.toString());
  }

  @Test
  void everyProfileThatFetchesLandsInOneOfItsInputs() throws Exception {
    List<Path> profiles;
    try (Stream<Path> s = Files.list(PROJECT.resolve("conf"))) {
      profiles = s.filter(f -> f.getFileName().toString().matches(".*\\.properties(\\.example)?")).sorted().toList();
    }
    int fetching = 0;
    for (Path profile : profiles) {
      Properties p = new Properties();
      try (var in = Files.newBufferedReader(profile, StandardCharsets.UTF_8)) {
        p.load(in);
      }
      String landing = p.getProperty("fetch.landing");
      if (landing != null) {
        fetching++;
        List<String> inputs = List.of(p.getProperty("input", "").split("\\s*,\\s*"));
        assertTrue(inputs.contains(landing), profile + ": fetch.landing " + landing + " is not among input " + inputs);
      }
    }
    assertTrue(fetching >= 1 && profiles.contains(PROJECT.resolve("conf/standalone.properties")), profiles.toString());
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
      assertEquals(0, syntax.exit(), "not a valid shell command: " + entry + "\n" + syntax.output());
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
    assertEquals(0, r.exit(), r.output());
    String cmd = r.output();
    assertTrue(cmd.contains("org.apache.spark.deploy.SparkSubmit --master spark://master:7077 --deploy-mode client"),
        cmd);
    assertTrue(cmd.contains("--class fr.spplus.cli.Main"), cmd);
    // The profile's spark.* keys go to spark-submit, its other keys do not (the job reads them).
    assertTrue(cmd.contains("--conf spark.executor.cores=2"), cmd);
    assertFalse(cmd.contains("--conf warehouse="), cmd);
    // The environment overrides the profile: its --conf comes after the profile's.
    assertTrue(cmd.indexOf("spark.executor.memory=1g") > cmd.indexOf("spark.executor.memory=4g"), cmd);
    assertTrue(cmd.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), "Java 17 opens for the JVMs: " + cmd);
    // The profile's collector reaches the driver and the executors, beside the opens.
    for (String jvm : List.of("spark.driver.extraJavaOptions=", "spark.executor.extraJavaOptions=")) {
      String options = java.util.Arrays.stream(cmd.split("--conf ")).filter(a -> a.startsWith(jvm)).findFirst()
          .orElseThrow(() -> new AssertionError(jvm + " missing: " + cmd));
      assertTrue(options.contains("-XX:+UseParallelGC") && options.contains("--add-opens"), options);
    }
    assertTrue(cmd.strip().endsWith(jar + " run --config " + conf + " --input /exports --min-cell-size 3"), cmd);
    // A collector in SPPLUS_JAVA_OPTS replaces the profile's (a JVM given two does not start).
    Result g1 = exec(List.of("bash", WRAPPER.toString(), "--input", "/exports"), Map.of(
        "SPARK_HOME", sparkHome.toString(), "SPPLUS_MASTER", "spark://master:7077", "SPPLUS_JAR", jar.toString(),
        "SPPLUS_CONF", conf.toString(), "SPPLUS_JAVA_OPTS", "-XX:+UseG1GC", "SPPLUS_DRY_RUN", "1"));
    assertEquals(0, g1.exit(), g1.output());
    assertTrue(g1.output().contains("-XX:+UseG1GC") && !g1.output().contains("-XX:+UseParallelGC"), g1.output());
  }

  @Test
  void wrapperFetchesIntoTheProfilesLandingFolderBeforeTheRun() throws Exception {
    Path sparkHome = Files.createDirectories(tmp.resolve("spark/jars")).getParent();
    Path jar = Files.createFile(tmp.resolve("spplus-analytics-cluster.jar"));
    Path conf = PROJECT.resolve("conf/standalone.properties");
    Result r = exec(List.of("bash", WRAPPER.toString(), "--warehouse", "/w"), Map.of(
        "SPARK_HOME", sparkHome.toString(), "SPPLUS_MASTER", "spark://master:7077", "SPPLUS_JAR", jar.toString(),
        "SPPLUS_CONF", conf.toString(), "SPPLUS_FETCH_OPTS", "--attempts 6", "SPPLUS_DRY_RUN", "1"));
    assertEquals(0, r.exit(), r.output());
    List<String> lines = r.output().strip().lines().toList();
    assertEquals(2, lines.size(), r.output());
    assertEquals("java -cp " + jar + ":" + sparkHome + "/jars/\\* fr.spplus.cli.Main fetch "
        + "--landing /srv/spplus/exports --attempts 6", lines.get(0).strip());
    // No --input given: the run reads the landing folder.
    assertTrue(lines.get(1).strip().endsWith(jar + " run --config " + conf
        + " --warehouse /w --input /srv/spplus/exports"), lines.get(1));
    Result noFetch = exec(List.of("bash", WRAPPER.toString()), Map.of("SPARK_HOME", sparkHome.toString(),
        "SPPLUS_MASTER", "spark://master:7077", "SPPLUS_JAR", jar.toString(), "SPPLUS_CONF", conf.toString(),
        "SPPLUS_LANDING", "", "SPPLUS_DRY_RUN", "1"));
    assertEquals(1, noFetch.output().strip().lines().count(), "SPPLUS_LANDING= skips the fetch: " + noFetch.output());
  }

  /**
   * The wrapper for real against a stand-in API, with a spark-submit that only notes its arguments:
   * a failed fetch stops before spark-submit (exit 1, the fetch's line in the log, nothing landed);
   * a fetch goes on to the run, which reads the landing folder. ("Up to date" is exit 0 as well:
   * FetchCommandTest; each fetch here is a JVM start, seconds on a loaded machine.)
   */
  @Test
  void wrapperRunsOnlyWhenTheFetchSucceeded() throws Exception {
    Path sparkHome = Files.createDirectories(tmp.resolve("spark/jars")).getParent();
    Path submitted = tmp.resolve("submitted.txt");
    Path submit = Files.createDirectories(sparkHome.resolve("bin")).resolve("spark-submit");
    Files.writeString(submit, "#!/usr/bin/env bash\necho \"$@\" >> " + submitted + "\n");
    submit.toFile().setExecutable(true);
    Path landing = tmp.resolve("landing");
    try (StandInApi api = new StandInApi()) {
      Map<String, String> env = Map.of("SPARK_HOME", sparkHome.toString(), "SPPLUS_MASTER", "local[2]",
          "SPPLUS_CONF", "", "SPPLUS_LANDING", landing.toString(),
          "SPPLUS_FETCH_CLASSPATH", FetchKillIT.classpath(),
          "SPPLUS_FETCH_JAVA_OPTS", "-XX:TieredStopAtLevel=1",
          "SPPLUS_FETCH_OPTS", "--api " + api.api() + " --dataset sp --attempts 1 --read-timeout 5",
          "SPPLUS_JAR", Files.createFile(tmp.resolve("cluster.jar")).toString());
      Result failed = exec(List.of("bash", WRAPPER.toString(), "--warehouse", "/w"), env);
      assertEquals(1, failed.exit(), failed.output());
      assertTrue(failed.output().contains("spplus fetch: FAILED: " + api.api() + "/datasets/sp/: HTTP 404 Not Found"),
          failed.output());
      assertTrue(failed.output().contains("spplus-submit: fetch exited with 1: no run today"), failed.output());
      assertFalse(Files.exists(submitted), "spark-submit was called after a failed fetch");
      assertEquals(List.of(), Files.list(landing).toList());

      api.on(StandInApi.DATASET_PATH, StandInApi.json(FetchCommandTest.dataset(api.base() + StandInApi.FILE_PATH, "")))
          .on(StandInApi.FILE_PATH, StandInApi.csv(FetchCommandTest.EXPORT));
      Result ok = exec(List.of("bash", WRAPPER.toString(), "--warehouse", "/w"), env);
      assertEquals(0, ok.exit(), ok.output());
      assertTrue(ok.output().contains("spplus fetch: fetched " + api.base() + StandInApi.FILE_PATH), ok.output());
      assertEquals(1, api.requests(StandInApi.FILE_PATH));
    }
    List<String> runs = Files.readAllLines(submitted);
    assertEquals(1, runs.size(), runs.toString());
    assertTrue(runs.get(0).endsWith("run --warehouse /w --input " + landing), runs.get(0));
    try (Stream<Path> files = Files.list(landing)) {
      assertEquals(List.of(FetchCommandTest.RECORD, FetchCommandTest.TARGET),
          files.map(f -> f.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void wrapperExitsTwoWithAMessageWhenItCannotSubmit() throws Exception {
    Result noSparkHome = exec(List.of("bash", WRAPPER.toString()), Map.of("SPARK_HOME", "", "SPPLUS_MASTER", "x"));
    assertEquals(2, noSparkHome.exit(), noSparkHome.output());
    assertTrue(noSparkHome.output().contains("SPARK_HOME is not set"), noSparkHome.output());

    Path sparkHome = Files.createDirectories(tmp.resolve("spark/jars")).getParent();
    Result noJar = exec(List.of("bash", WRAPPER.toString()), Map.of("SPARK_HOME", sparkHome.toString(),
        "SPPLUS_MASTER", "spark://master:7077", "SPPLUS_JAR", tmp.resolve("missing.jar").toString()));
    assertEquals(2, noJar.exit(), noJar.output());
    assertTrue(noJar.output().contains("cluster jar not found"), noJar.output());
  }

  private static String python() throws Exception {
    Result which = exec(List.of("bash", "-c", "command -v python3"), Map.of());
    if (which.exit() != 0) {
      fail("python3 is needed to check the Airflow DAG (Debian: apt-get install python3), and none is on PATH");
    }
    return which.output().strip();
  }

  private static Result exec(List<String> command, Map<String, String> env) throws Exception {
    return Processes.run(command, environment -> environment.putAll(env), Duration.ofSeconds(60));
  }
}
