package fr.spplus.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Spark standalone cluster on 127.0.0.1 for one test class: a master and one worker, each its own
 * JVM started from a SPARK_HOME made of the project's dependency jars (docs/operations.md shows the
 * same commands). Executors and cluster-mode drivers are JVMs the worker starts. {@link #close()}
 * stops both daemons (and with the worker, what it started), forcibly when they do not stop in time.
 */
final class StandaloneCluster implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final Path sparkHome;
  private final Path dir;
  private final List<String> jvmOptions;
  private final int masterPort = freePort();
  private final int masterUiPort = freePort();
  private final int workerUiPort = freePort();
  private final List<Process> daemons = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private StandaloneCluster(Path sparkHome, Path dir, List<String> jvmOptions) {
    this.sparkHome = sparkHome;
    this.dir = dir;
    this.jvmOptions = jvmOptions;
  }

  /**
   * Starts the master, then a worker offering {@code cores} cores and {@code memory} (e.g. "3g"), and
   * waits until the master counts the worker alive. Logs go to {@code dir}.
   */
  static StandaloneCluster start(Path sparkHome, Path dir, String jvmOptions, int cores, String memory)
      throws IOException, InterruptedException {
    Files.createDirectories(dir.resolve("work"));
    StandaloneCluster cluster = new StandaloneCluster(sparkHome, dir,
        Arrays.stream(jvmOptions.trim().split("\\s+")).toList());
    try {
      cluster.daemons.add(cluster.launch("master", "org.apache.spark.deploy.master.Master",
          "--host", "127.0.0.1", "--port", Integer.toString(cluster.masterPort),
          "--webui-port", Integer.toString(cluster.masterUiPort)));
      cluster.awaitMaster("the master to be ALIVE", json -> "ALIVE".equals(json.path("status").asText()));
      cluster.daemons.add(cluster.launch("worker", "org.apache.spark.deploy.worker.Worker", cluster.masterUrl(),
          "--host", "127.0.0.1", "--webui-port", Integer.toString(cluster.workerUiPort),
          "--cores", Integer.toString(cores), "--memory", memory, "--work-dir", dir.resolve("work").toString()));
      cluster.awaitMaster("one alive worker", json -> json.path("aliveworkers").asInt() == 1);
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
      cluster.close();
      throw e;
    }
  }

  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** The worker's folder: one sub-folder per application (executors) and per cluster-mode driver. */
  Path workDir() {
    return dir.resolve("work");
  }

  /** The environment every Spark process of this cluster is given (also spark-submit's). */
  Map<String, String> environment() {
    return Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.13", "SPARK_LOCAL_IP", "127.0.0.1");
  }

  /** The master's state (its web UI's /json). */
  JsonNode masterState() throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/"))
        .timeout(Duration.ofSeconds(10)).build();
    return new ObjectMapper().readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
  }

  /** The state of a driver submitted in cluster mode (FINISHED, FAILED, …), as the master tells it. */
  String driverState(String driverId) throws IOException, InterruptedException {
    JsonNode state = masterState();
    for (String list : List.of("activedrivers", "completeddrivers")) {
      for (JsonNode d : state.path(list)) {
        if (driverId.equals(d.path("id").asText())) {
          return d.path("state").asText();
        }
      }
    }
    return null;
  }

  /** The last lines of the master's and the worker's logs, for a failure message. */
  String logs() {
    StringBuilder b = new StringBuilder();
    for (String name : List.of("master", "worker")) {
      b.append("---- ").append(name).append(" log (last lines)\n").append(tail(dir.resolve(name + ".log"), 40));
    }
    return b.toString();
  }

  static String tail(Path file, int lines) {
    try {
      List<String> all = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())) + "\n";
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")\n";
    }
  }

  /** Stops the worker, then the master; forcibly when one does not stop within 20 seconds. */
  @Override
  public void close() {
    for (int i = daemons.size() - 1; i >= 0; i--) {
      Process p = daemons.get(i);
      // The worker's children (executors, drivers) go with it; destroy them too if it dies hard.
      List<ProcessHandle> children = p.descendants().toList();
      p.destroy();
      try {
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
      children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
    daemons.clear();
  }

  private Process launch(String name, String mainClass, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(sparkHome.resolve("conf") + File.pathSeparator + sparkHome.resolve("jars") + File.separator + "*");
    command.add(mainClass);
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile());
    pb.environment().putAll(environment());
    return pb.start();
  }

  private void awaitMaster(String what, Predicate<JsonNode> condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      for (Process p : daemons) {
        if (!p.isAlive()) {
          throw new AssertionError("a Spark daemon exited (code " + p.exitValue() + ") while waiting for " + what
              + "\n" + logs());
        }
      }
      try {
        if (condition.test(masterState())) {
          return;
        }
      } catch (IOException notYetUp) {
        // the web UI is not listening yet
      }
      Thread.sleep(1000);
    }
    throw new AssertionError("no " + what + " after " + START_TIMEOUT.toSeconds() + " s\n" + logs());
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
