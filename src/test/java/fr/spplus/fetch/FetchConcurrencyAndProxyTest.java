package fr.spplus.fetch;

import static fr.spplus.fetch.FetchCommandTest.EXPORT;
import static fr.spplus.fetch.FetchCommandTest.RECORD;
import static fr.spplus.fetch.FetchCommandTest.TARGET;
import static fr.spplus.fetch.StandInApi.DATASET_PATH;
import static fr.spplus.fetch.StandInApi.FILE_PATH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two fetches into one folder, the lock's life, and a fetch that must go through a proxy. */
class FetchConcurrencyAndProxyTest {

  @TempDir
  Path landing;

  FetchOptions options(String api) {
    return FetchOptions.defaults(landing.toString()).withApi(URI.create(api)).withDataset("sp")
        .withRetries(2, Duration.ofMillis(50), Duration.ofSeconds(20))
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(20));
  }

  List<String> landingFiles() throws IOException {
    try (Stream<Path> s = Files.list(landing)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static Fetcher fetcher(FetchOptions o, Map<String, String> env) {
    return new Fetcher(o, env, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
  }

  @Test
  void twoFetchesAtOnceDownloadOnceAndBothSucceed() throws Exception {
    try (StandInApi api = new StandInApi()) {
      api.on(DATASET_PATH, StandInApi.json(FetchCommandTest.dataset(api.base() + FILE_PATH, "")))
          .on(FILE_PATH, (ex, n) -> {
            // Slow enough that the second fetch starts while the first still downloads.
            FetchCommandTest.sleep(700);
            StandInApi.csv(EXPORT).handle(ex, n);
          });
      ExecutorService two = Executors.newFixedThreadPool(2);
      try {
        Future<Fetcher.Result> a = two.submit(() -> fetcher(options(api.api()), Map.of()).fetch());
        Future<Fetcher.Result> b = two.submit(() -> fetcher(options(api.api()), Map.of()).fetch());
        Fetcher.Result ra = a.get();
        Fetcher.Result rb = b.get();
        assertEquals(1, api.requests(FILE_PATH));
        assertTrue(ra.downloaded() != rb.downloaded(), ra + " / " + rb);
        Fetcher.Result waited = ra.downloaded() ? rb : ra;
        assertTrue(waited.line().startsWith("up to date: " + landing.resolve(TARGET).toAbsolutePath()),
            waited.line());
      } finally {
        two.shutdownNow();
      }
      assertEquals(List.of(RECORD, TARGET), landingFiles());
      assertArrayEquals(EXPORT, Files.readAllBytes(landing.resolve(TARGET)));
    }
  }

  @Test
  void aLockHeldByALiveFetchMakesTheSecondGiveUpAfterLockWaitLeavingTheLock() throws Exception {
    writeLock(ProcessHandle.current().pid());
    byte[] lock = Files.readAllBytes(landing.resolve(LandingLock.NAME));
    FetchOptions o = options("http://127.0.0.1:9/api/1").withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2),
        Duration.ofMillis(300));
    FetchFailure f = assertThrows(FetchFailure.class, () -> fetcher(o, Map.of()).fetch());
    assertTrue(f.getMessage().startsWith(landing + ": another fetch holds " + landing.resolve(LandingLock.NAME)
        + " (pid " + ProcessHandle.current().pid() + " on "), f.getMessage());
    assertTrue(f.getMessage().endsWith("and did not finish within 0.3 s (--lock-wait); delete the lock if no fetch "
        + "is running"), f.getMessage());
    assertEquals(List.of(LandingLock.NAME), landingFiles());
    assertArrayEquals(lock, Files.readAllBytes(landing.resolve(LandingLock.NAME)));
  }

  /** LockHolder's rule: a lock of this host whose pid cannot be read is held (it may be being written). */
  @Test
  void aLockOfThisHostWithoutAReadablePidIsHeldNotTakenOver() throws Exception {
    FetchOptions o = options("http://127.0.0.1:9/api/1").withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2),
        Duration.ofMillis(300));
    for (String pidLine : new String[] {"", "pid=12ab\n"}) {
      String lock = "host=" + InetAddress.getLocalHost().getHostName() + "\n" + pidLine
          + "started_at=2026-12-03T06:30:00Z\n";
      Files.writeString(landing.resolve(LandingLock.NAME), lock);
      FetchFailure f = assertThrows(FetchFailure.class, () -> fetcher(o, Map.of()).fetch());
      assertTrue(f.getMessage().contains(": another fetch holds " + landing.resolve(LandingLock.NAME)), f.getMessage());
      assertTrue(f.getMessage().endsWith("and did not finish within 0.3 s (--lock-wait); delete the lock if no fetch "
          + "is running"), f.getMessage());
      assertEquals(List.of(LandingLock.NAME), landingFiles());
      assertEquals(lock, Files.readString(landing.resolve(LandingLock.NAME)));
    }
  }

  @Test
  void theLockOfAFetchThatDiedOnThisHostIsTakenOverAndItsPartialFileRemoved() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    writeLock(gone.pid());
    Files.write(landing.resolve("_fetch-" + TARGET + ".part"), new byte[] {1, 2, 3});
    try (StandInApi api = new StandInApi()) {
      api.on(DATASET_PATH, StandInApi.json(FetchCommandTest.dataset(api.base() + FILE_PATH, "")))
          .on(FILE_PATH, StandInApi.csv(EXPORT));
      Fetcher.Result r = fetcher(options(api.api()), Map.of()).fetch();
      assertTrue(r.downloaded());
    }
    assertEquals(List.of(RECORD, TARGET), landingFiles());
  }

  private void writeLock(long pid) throws IOException {
    Files.writeString(landing.resolve(LandingLock.NAME), "host=" + InetAddress.getLocalHost().getHostName()
        + "\npid=" + pid + "\nstarted_at=2026-12-03T06:30:00Z\n");
  }

  /**
   * The API's host does not exist ({@code .invalid} never resolves): the fetch succeeds only if both
   * requests go to the proxy given by {@code http_proxy}, which answers for that host.
   */
  @Test
  void requestsGoThroughTheProxyOfTheEnvironment() throws Exception {
    try (StandInApi proxy = new StandInApi()) {
      String host = "http://data.example.invalid";
      proxy.on(DATASET_PATH, StandInApi.json(FetchCommandTest.dataset(host + FILE_PATH, "")))
          .on(FILE_PATH, (ex, n) -> {
            // What a forward proxy receives: the absolute address, not just the path.
            assertEquals(host + FILE_PATH, ex.getRequestURI().toString());
            StandInApi.csv(EXPORT).handle(ex, n);
          });
      Fetcher.Result r = fetcher(options(host + "/api/1"), Map.of("http_proxy", proxy.base())).fetch();
      assertTrue(r.downloaded(), r.line());
      assertEquals(1, proxy.requests(DATASET_PATH));
      assertEquals(1, proxy.requests(FILE_PATH));
    }
    assertEquals(List.of(RECORD, TARGET), landingFiles());
  }

  @Test
  void noProxyBypassesTheProxyOfTheEnvironment() throws Exception {
    try (StandInApi api = new StandInApi()) {
      api.on(DATASET_PATH, StandInApi.json(FetchCommandTest.dataset(api.base() + FILE_PATH, "")))
          .on(FILE_PATH, StandInApi.csv(EXPORT));
      // A proxy nobody listens on: the fetch works only because no_proxy names 127.0.0.1.
      Fetcher.Result r = fetcher(options(api.api()), Map.of("http_proxy", "http://127.0.0.1:9",
          "no_proxy", "localhost,127.0.0.1")).fetch();
      assertTrue(r.downloaded(), r.line());
    }
    assertFalse(Files.exists(landing.resolve(LandingLock.NAME)));
  }
}
