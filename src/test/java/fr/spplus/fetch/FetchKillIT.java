package fr.spplus.fetch;

import static fr.spplus.fetch.FetchCommandTest.EXPORT;
import static fr.spplus.fetch.FetchCommandTest.RECORD;
import static fr.spplus.fetch.FetchCommandTest.TARGET;
import static fr.spplus.fetch.StandInApi.DATASET_PATH;
import static fr.spplus.fetch.StandInApi.FILE_PATH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import fr.spplus.source.ExportDiscovery;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fetch killed with SIGKILL in the middle of the download (a real child JVM): what it leaves
 * has names run ignores (the partial file and the lock start with {@code _}), nothing is under the
 * export's name, and the next fetch takes the dead fetch's lock over, removes its partial file and
 * lands the export.
 */
public class FetchKillIT {

  @TempDir
  Path tmp;

  @Test
  void aFetchKilledMidDownloadLeavesNoExportAndTheNextFetchCleansUp() throws Exception {
    Path landing = tmp.resolve("landing");
    Path part = landing.resolve(Fetcher.PART_PREFIX + TARGET + Fetcher.PART_SUFFIX);
    try (StandInApi api = new StandInApi()) {
      api.on(DATASET_PATH, StandInApi.json(FetchCommandTest.dataset(api.base() + FILE_PATH, "")))
          .on(FILE_PATH, (ex, n) -> {
            if (n > 1) {
              StandInApi.csv(EXPORT).handle(ex, n);
              return;
            }
            ex.getResponseHeaders().set("Content-Type", "text/csv");
            ex.sendResponseHeaders(200, EXPORT.length);
            OutputStream out = ex.getResponseBody();
            out.write(EXPORT, 0, 40);
            out.flush();
            FetchCommandTest.sleep(180_000);
          });
      Path log = tmp.resolve("child.log");
      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-XX:TieredStopAtLevel=1", "-cp", classpath(), "fr.spplus.cli.Main", "fetch",
          "--landing", landing.toString(), "--api", api.api(), "--dataset", "sp", "--attempts", "1",
          "--read-timeout", "170")
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      try {
        long deadline = System.nanoTime() + 170_000_000_000L;
        while (!(Files.exists(part) && Files.size(part) == 40)) {
          if (!child.isAlive() || System.nanoTime() > deadline) {
            fail("the child fetch did not reach the middle of the download:\n" + Files.readString(log));
          }
          Thread.sleep(50);
        }
      } finally {
        child.destroyForcibly().waitFor();
      }
      assertEquals(List.of(part.getFileName().toString(), LandingLock.NAME), files(landing));
      assertEquals(List.of(), ExportDiscovery.discover(List.of(landing.toString()), new Configuration()),
          "run would read nothing of what the killed fetch left");

      FetchCommandTest.Run next = FetchCommandTest.cli("fetch", "--landing", landing.toString(), "--api", api.api(),
          "--dataset", "sp", "--attempts", "1");
      assertEquals(0, next.code(), next.out() + next.err());
      assertTrue(next.out().contains("taking over the lock of a fetch that is gone (pid " + child.pid() + ")"),
          next.out());
      assertEquals(List.of(RECORD, TARGET), files(landing));
      assertArrayEquals(EXPORT, Files.readAllBytes(landing.resolve(TARGET)));
    }
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** The test classpath: surefire and failsafe name it in surefire.test.class.path. */
  public static String classpath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }
}
