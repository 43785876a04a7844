package fr.spplus.fetch;

import static fr.spplus.fetch.StandInApi.DATASET_PATH;
import static fr.spplus.fetch.StandInApi.FILE_PATH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.spplus.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code spplus fetch} through the command line against a stand-in API on 127.0.0.1 (no network):
 * every case of docs/contract.md section 8, each asserting the exit code, the line printed and the
 * exact content of the landing folder. Timeouts and backoffs are tenths of seconds so that the
 * class runs in a few seconds.
 */
public class FetchCommandTest {

  /** A small export whose header run recognises (BOM, ';', the two required columns). */
  public static final byte[] EXPORT = ("\uFEFFID expérience;Etat expérience;Date de publication;Titre\n"
      + "101;Traitée;12/05/2023 10:22;\"Un titre; avec séparateur\"\n"
      + "102;A traiter;2023-05-13T08:00:00+02:00;Autre\n").getBytes(StandardCharsets.UTF_8);
  /** 2026-12-03T00:30+01:00 is 2026-12-02 in UTC: the date of the file name. */
  static final String LAST_MODIFIED = "2026-12-03T00:30:00+01:00";
  public static final String TARGET = "export-experiences-2026-12-02.csv";
  public static final String RECORD = "_fetch.properties";

  @TempDir
  Path tmp;
  Path landing;
  StandInApi api;

  @BeforeEach
  void start() throws IOException {
    landing = tmp.resolve("landing");
    api = new StandInApi();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  record Run(int code, String out, String err, long millis) {}

  /**
   * {@code spplus fetch --landing … --api …} with small retry and timeout settings; the extra
   * arguments (option, value pairs) replace them.
   */
  Run fetch(String... extra) {
    java.util.Map<String, String> options = new java.util.LinkedHashMap<>();
    options.put("--landing", landing.toString());
    options.put("--api", api.api());
    options.put("--dataset", "sp");
    options.put("--attempts", "3");
    options.put("--backoff", "0.05");
    options.put("--max-time", "10");
    options.put("--connect-timeout", "2");
    options.put("--read-timeout", "2");
    for (int i = 0; i + 1 < extra.length; i += 2) {
      options.put(extra[i], extra[i + 1]);
    }
    List<String> argv = new ArrayList<>(List.of("fetch"));
    options.forEach((k, v) -> {
      argv.add(k);
      argv.add(v);
    });
    return cli(argv.toArray(String[]::new));
  }

  static synchronized Run cli(String... argv) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    long t0 = System.nanoTime();
    int code;
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      code = Main.execute(argv);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8),
        (System.nanoTime() - t0) / 1_000_000);
  }

  public static String dataset(String url, String extraFields) {
    return "{\"id\": \"ds1\", \"slug\": \"sp\", \"resources\": ["
        + "{\"id\": \"doc-1\", \"title\": \"Notice\", \"format\": \"pdf\", \"url\": \"http://127.0.0.1:9/notice.pdf\","
        + " \"last_modified\": \"2026-01-01T00:00:00+00:00\"},"
        + "{\"id\": \"res-42\", \"title\": \"Export\", \"format\": \"CSV\", \"url\": \"" + url + "\","
        + " \"last_modified\": \"" + LAST_MODIFIED + "\"" + extraFields + "}]}";
  }

  String datasetFor(String extraFields) {
    return dataset(api.base() + FILE_PATH, extraFields);
  }

  static String checksum(String type, byte[] content) {
    String algorithm = switch (type) {
      case "sha256" -> "SHA-256";
      case "sha1" -> "SHA-1";
      default -> "MD5";
    };
    return HexFormat.of().formatHex(Fetcher.newDigest(algorithm).digest(content));
  }

  static String checksumField(String type, String value) {
    return ", \"checksum\": {\"type\": \"" + type + "\", \"value\": \"" + value + "\"}";
  }

  /** The folder's file names, sorted; empty when the folder does not exist. */
  List<String> landingFiles() throws IOException {
    if (!Files.isDirectory(landing)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(landing)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  void assertFetched(Run r) throws IOException {
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("spplus fetch: fetched " + api.base() + FILE_PATH + " to "
        + landing.resolve(TARGET).toAbsolutePath() + ": " + EXPORT.length + " bytes"), r.out());
    assertEquals(List.of(RECORD, TARGET), landingFiles());
    assertArrayEquals(EXPORT, Files.readAllBytes(landing.resolve(TARGET)));
  }

  void assertFailed(Run r, String address, String reason) throws IOException {
    assertEquals(1, r.code(), r.out() + r.err());
    String line = r.err().strip();
    assertEquals(1, line.lines().count(), "one line: " + line);
    assertTrue(line.startsWith("spplus fetch: FAILED: " + address + ": "), line);
    assertTrue(line.contains(reason), "'" + reason + "' in: " + line);
  }

  @Test
  void downloadsThroughARedirectAndRecordsTheVersion() throws IOException {
    api.on(DATASET_PATH, StandInApi.json(dataset(api.base() + "/latest", ", \"filesize\": " + EXPORT.length)))
        .on("/latest", (ex, n) -> {
          ex.getResponseHeaders().set("Location", FILE_PATH);
          StandInApi.send(ex, 302, "text/plain", new byte[0]);
        })
        .on(FILE_PATH, StandInApi.csv(EXPORT));
    Run r = fetch();
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("spplus fetch: fetched " + api.base() + "/latest to "
        + landing.resolve(TARGET).toAbsolutePath() + ": " + EXPORT.length + " bytes"), r.out());
    assertEquals(List.of(RECORD, TARGET), landingFiles());
    assertArrayEquals(EXPORT, Files.readAllBytes(landing.resolve(TARGET)));
    Properties record = new Properties();
    try (var in = Files.newInputStream(landing.resolve(RECORD))) {
      record.load(in);
    }
    assertEquals("res-42", record.getProperty("resource_id"));
    assertEquals(LAST_MODIFIED, record.getProperty("last_modified"));
    assertEquals(TARGET, record.getProperty("file"));
    assertEquals(checksum("sha256", EXPORT), record.getProperty("sha256"));
    assertEquals(1, api.requests(FILE_PATH));
  }

  @Test
  void theSameVersionTwiceIsDownloadedOnce() throws IOException {
    api.on(DATASET_PATH, StandInApi.json(datasetFor(""))).on(FILE_PATH, StandInApi.csv(EXPORT));
    assertFetched(fetch());
    byte[] record = Files.readAllBytes(landing.resolve(RECORD));
    Run again = fetch();
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("spplus fetch: up to date: " + landing.resolve(TARGET).toAbsolutePath()
        + " (resource res-42 of " + LAST_MODIFIED + " was fetched already), nothing downloaded"), again.out());
    assertEquals(1, api.requests(FILE_PATH));
    assertEquals(2, api.requests(DATASET_PATH));
    assertEquals(List.of(RECORD, TARGET), landingFiles());
    assertArrayEquals(record, Files.readAllBytes(landing.resolve(RECORD)));
  }

  @Test
  void aFileOfTheFolderWithTheApisChecksumIsNotDownloaded() throws IOException {
    Files.createDirectories(landing);
    Files.write(landing.resolve("copied-by-hand.csv"), EXPORT);
    api.on(DATASET_PATH, StandInApi.json(datasetFor(checksumField("sha1", checksum("sha1", EXPORT)))))
        .on(FILE_PATH, StandInApi.csv(EXPORT));
    Run r = fetch();
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("up to date: " + landing.resolve("copied-by-hand.csv").toAbsolutePath()
        + " (same sha1 as resource res-42"), r.out());
    assertEquals(0, api.requests(FILE_PATH));
    assertEquals(List.of(RECORD, "copied-by-hand.csv"), landingFiles());
  }

  @Test
  void withoutChecksumAFileOfTheSameContentIsFoundAfterTheDownloadAndNothingIsAdded() throws IOException {
    Files.createDirectories(landing);
    Files.write(landing.resolve("copied-by-hand.csv"), EXPORT);
    api.on(DATASET_PATH, StandInApi.json(datasetFor(""))).on(FILE_PATH, StandInApi.csv(EXPORT));
    Run r = fetch();
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("up to date: " + landing.resolve("copied-by-hand.csv").toAbsolutePath()
        + " (same content as the export at " + api.base() + FILE_PATH + ")"), r.out());
    assertEquals(1, api.requests(FILE_PATH));
    assertEquals(List.of(RECORD, "copied-by-hand.csv"), landingFiles());
  }

  @ParameterizedTest
  @CsvSource({"sha256", "sha1", "md5"})
  void eachChecksumTypeIsChecked(String type) throws IOException {
    api.on(DATASET_PATH, StandInApi.json(datasetFor(checksumField(type, checksum(type, EXPORT).toUpperCase()))))
        .on(FILE_PATH, StandInApi.csv(EXPORT));
    assertFetched(fetch());
  }

  @ParameterizedTest
  @CsvSource({"sha256", "sha1", "md5"})
  void aWrongChecksumLeavesNothing(String type) throws IOException {
    byte[] other = "something else".getBytes(StandardCharsets.UTF_8);
    String wrong = checksum(type, other);
    api.on(DATASET_PATH, StandInApi.json(datasetFor(checksumField(type, wrong))))
        .on(FILE_PATH, StandInApi.csv(EXPORT));
    Run r = fetch();
    assertFailed(r, api.base() + FILE_PATH, "checksum mismatch: the " + type + " of the received file is "
        + checksum(type, EXPORT) + ", the API's is " + wrong);
    assertEquals(List.of(), landingFiles());
    assertEquals(1, api.requests(FILE_PATH));
  }

  @Test
  void aFilesizeMismatchLeavesNothing() throws IOException {
    api.on(DATASET_PATH, StandInApi.json(datasetFor(", \"filesize\": " + (EXPORT.length + 7))))
        .on(FILE_PATH, StandInApi.csv(EXPORT));
    Run r = fetch();
    assertFailed(r, api.base() + FILE_PATH, "size mismatch: received " + EXPORT.length
        + " bytes, the API's filesize is " + (EXPORT.length + 7));
    assertEquals(List.of(), landingFiles());
  }

  @Test
  void aBodyCutShortIsRetriedThenFailsLeavingNothing() throws IOException {
    api.on(DATASET_PATH, StandInApi.json(datasetFor("")))
        .on(FILE_PATH, (ex, n) -> {
          ex.getResponseHeaders().set("Content-Type", "text/csv");
          ex.sendResponseHeaders(200, EXPORT.length + 100);
          OutputStream out = ex.getResponseBody();
          out.write(EXPORT, 0, 40);
          out.flush();
          // The exchange is closed with 100 bytes missing: the connection ends mid-body.
        });
    Run r = fetch();
    assertFailed(r, api.base() + FILE_PATH, "body cut short after 40 bytes of " + (EXPORT.length + 100)
        + " (Content-Length)");
    assertTrue(r.err().contains("(gave up after 3 attempts in"), r.err());
    assertEquals(3, api.requests(FILE_PATH));
    assertEquals(List.of(), landingFiles());
  }

  @Test
  void anHtmlPageWithStatus200IsNotTheExport() throws IOException {
    api.on(DATASET_PATH, StandInApi.json(datasetFor("")))
        .on(FILE_PATH, (ex, n) -> StandInApi.send(ex, 200, "text/html; charset=utf-8",
            "<!DOCTYPE html><html><body>Maintenance</body></html>".getBytes(StandardCharsets.UTF_8)));
    Run r = fetch();
    assertFailed(r, api.base() + FILE_PATH,
        "an HTML page came with status 200 (Content-Type: text/html; charset=utf-8), not the CSV export");
    assertEquals(List.of(), landingFiles());
  }

  @Test
  void anHtmlPageServedAsCsvIsRecognisedByItsContent() throws IOException {
    api.on(DATASET_PATH, StandInApi.json(datasetFor("")))
        .on(FILE_PATH, (ex, n) -> StandInApi.send(ex, 200, "text/csv",
            "\n  <html><head><title>Erreur</title></head></html>".getBytes(StandardCharsets.UTF_8)));
    Run r = fetch();
    assertFailed(r, api.base() + FILE_PATH, "an HTML page came with status 200 (Content-Type: text/csv)");
    assertEquals(List.of(), landingFiles());
  }

  @Test
  void aCsvWhoseHeaderRunWouldRejectIsNotLanded() throws IOException {
    byte[] notExport = "nom;valeur\na;1\n".getBytes(StandardCharsets.UTF_8);
    api.on(DATASET_PATH, StandInApi.json(datasetFor(""))).on(FILE_PATH, StandInApi.csv(notExport));
    Run r = fetch();
    assertFailed(r, api.base() + FILE_PATH, "not an export that run ingests: missing required column 'ID expérience'");
    assertEquals(List.of(), landingFiles());
  }

  @Test
  void http404FailsAtOnce() throws IOException {
    api.on(DATASET_PATH, StandInApi.json(datasetFor("")));
    Run r = fetch();
    assertFailed(r, api.base() + FILE_PATH, "HTTP 404 Not Found");
    assertEquals(1, api.requests(FILE_PATH));
    assertEquals(List.of(), landingFiles());
  }

  @Test
  void anUnknownDatasetIsA404OfTheApi() throws IOException {
    Run r = fetch("--dataset", "nope");
    assertFailed(r, api.api() + "/datasets/nope/", "HTTP 404 Not Found");
    assertEquals(List.of(), landingFiles());
  }

  @Test
  void two503ThenSuccess() throws IOException {
    api.on(DATASET_PATH, StandInApi.json(datasetFor("")))
        .on(FILE_PATH, (ex, n) -> {
          if (n <= 2) {
            StandInApi.status(503).handle(ex, n);
          } else {
            StandInApi.csv(EXPORT).handle(ex, n);
          }
        });
    Run r = fetch();
    assertFetched(r);
    assertEquals(3, api.requests(FILE_PATH));
    assertTrue(r.out().contains("spplus fetch: attempt 1 of 3 failed: " + api.base() + FILE_PATH
        + ": HTTP 503 Service Unavailable; trying again in 0.1 s"), r.out());
    assertTrue(r.out().contains("attempt 2 of 3 failed"), r.out());
  }

  @Test
  void http503ForeverGivesUpAfterTheAttempts() throws IOException {
    api.on(DATASET_PATH, StandInApi.status(503));
    Run r = fetch();
    assertFailed(r, api.api() + "/datasets/sp/", "HTTP 503 Service Unavailable (gave up after 3 attempts in");
    assertEquals(3, api.requests(DATASET_PATH));
    assertTrue(r.millis() < 10_000, r.millis() + " ms, --max-time 10");
    assertEquals(List.of(), landingFiles());
  }

  @Test
  void http503ForeverStopsAtMaxTime() throws IOException {
    api.on(DATASET_PATH, StandInApi.status(503));
    // Waits of 0.2, 0.4, 0.8 s: the third would end past 1 s, so the fetch stops after 3 requests.
    Run r = fetch("--attempts", "50", "--backoff", "0.2", "--max-time", "1");
    assertFailed(r, api.api() + "/datasets/sp/", "HTTP 503 Service Unavailable (attempt 3 of 50; the next wait, "
        + "0.8 s, would pass --max-time 1.0 s)");
    assertEquals(3, api.requests(DATASET_PATH));
    // The bound is --max-time (1 s); the margin is for a shared, loaded machine.
    assertTrue(r.millis() < 3000, r.millis() + " ms");
    assertEquals(List.of(), landingFiles());
  }

  @Test
  void retryAfterIsHonoured() throws IOException {
    api.on(DATASET_PATH, StandInApi.json(datasetFor("")))
        .on(FILE_PATH, (ex, n) -> {
          if (n == 1) {
            ex.getResponseHeaders().set("Retry-After", "1");
            StandInApi.status(429).handle(ex, n);
          } else {
            StandInApi.csv(EXPORT).handle(ex, n);
          }
        });
    Run r = fetch("--backoff", "0.01");
    assertFetched(r);
    assertTrue(r.out().contains("HTTP 429 Too Many Requests; trying again in 1.0 s"), r.out());
    assertTrue(r.millis() >= 1000, r.millis() + " ms: the server asked for 1 s");
  }

  @Test
  void aRetryAfterBeyondMaxTimeFailsAtOnce() throws IOException {
    api.on(DATASET_PATH, (ex, n) -> {
      ex.getResponseHeaders().set("Retry-After", "3600");
      StandInApi.status(503).handle(ex, n);
    });
    Run r = fetch();
    assertFailed(r, api.api() + "/datasets/sp/", "HTTP 503 Service Unavailable (attempt 1 of 3; the next wait, "
        + "3600.0 s, would pass --max-time 10.0 s)");
    assertEquals(1, api.requests(DATASET_PATH));
    assertTrue(r.millis() < 2000, r.millis() + " ms");
  }

  @Test
  void aServerThatNeverAnswersFailsWithinTheTimeouts() throws IOException {
    api.on(DATASET_PATH, (ex, n) -> sleep(20_000));
    Run r = fetch("--read-timeout", "0.3", "--attempts", "2");
    assertFailed(r, api.api() + "/datasets/sp/", "no response within 0.3 s (--read-timeout) (gave up after 2 attempts");
    assertTrue(r.millis() < 2500, r.millis() + " ms");
    assertEquals(List.of(), landingFiles());
  }

  @Test
  void aBodyThatStallsMidwayFailsWithinTheReadTimeout() throws IOException {
    api.on(DATASET_PATH, StandInApi.json(datasetFor("")))
        .on(FILE_PATH, (ex, n) -> {
          ex.getResponseHeaders().set("Content-Type", "text/csv");
          ex.sendResponseHeaders(200, EXPORT.length);
          OutputStream out = ex.getResponseBody();
          out.write(EXPORT, 0, 30);
          out.flush();
          sleep(20_000);
        });
    Run r = fetch("--read-timeout", "0.3", "--attempts", "2");
    assertFailed(r, api.base() + FILE_PATH,
        "no data for 0.3 s (--read-timeout) after 30 bytes of the body (gave up after 2 attempts");
    assertTrue(r.millis() < 2500, r.millis() + " ms");
    assertEquals(List.of(), landingFiles());
  }

  @Test
  void aDatasetWithoutCsvResource() throws IOException {
    api.on(DATASET_PATH, StandInApi.json("{\"resources\": [{\"id\": \"a\", \"format\": \"pdf\"},"
        + " {\"id\": \"b\", \"format\": \"json\"}]}"));
    Run r = fetch();
    assertFailed(r, api.api() + "/datasets/sp/", "no CSV resource among the dataset's 2 resources");
    assertEquals(List.of(), landingFiles());
  }

  @Test
  void malformedJson() throws IOException {
    api.on(DATASET_PATH, StandInApi.json("{\"resources\": [{\"id\": \"a\", "));
    Run r = fetch();
    assertFailed(r, api.api() + "/datasets/sp/", "the answer is not JSON (");
    assertEquals(1, api.requests(DATASET_PATH));
    assertEquals(List.of(), landingFiles());
  }

  @Test
  void aDifferentFileUnderTheTargetNameIsLeftAsItIs() throws IOException {
    Files.createDirectories(landing);
    byte[] mine = "ID expérience;Date de publication\n7;01/01/2020\n".getBytes(StandardCharsets.UTF_8);
    Files.write(landing.resolve(TARGET), mine);
    api.on(DATASET_PATH, StandInApi.json(datasetFor(""))).on(FILE_PATH, StandInApi.csv(EXPORT));
    Run r = fetch();
    assertFailed(r, landing.resolve(TARGET).toAbsolutePath().toString(),
        "a different file already has the export's name (its content differs from the export just received)");
    assertEquals(List.of(TARGET), landingFiles());
    assertArrayEquals(mine, Files.readAllBytes(landing.resolve(TARGET)));
  }

  @Test
  void aDifferentFileUnderTheTargetNameIsSeenWithoutDownloadWhenTheApiGivesAChecksum() throws IOException {
    Files.createDirectories(landing);
    byte[] mine = "ID expérience;Date de publication\n7;01/01/2020\n".getBytes(StandardCharsets.UTF_8);
    Files.write(landing.resolve(TARGET), mine);
    api.on(DATASET_PATH, StandInApi.json(datasetFor(checksumField("sha256", checksum("sha256", EXPORT)))))
        .on(FILE_PATH, StandInApi.csv(EXPORT));
    Run r = fetch();
    assertFailed(r, landing.resolve(TARGET).toAbsolutePath().toString(), "its sha256 is not the API's");
    assertEquals(0, api.requests(FILE_PATH));
    assertEquals(List.of(TARGET), landingFiles());
    assertArrayEquals(mine, Files.readAllBytes(landing.resolve(TARGET)));
  }

  @Test
  void badUsageExits2() {
    assertEquals(2, cli("fetch").code());
    Run noLanding = cli("fetch", "--api", "http://127.0.0.1:9/api/1");
    assertEquals(2, noLanding.code());
    assertTrue(noLanding.err().contains("fetch needs a landing folder: --landing DIR, or fetch.landing in the "
        + "configuration file"), noLanding.err());
    Run badSeconds = cli("fetch", "--landing", "x", "--backoff", "soon");
    assertEquals(2, badSeconds.code());
    assertTrue(badSeconds.err().contains("--backoff takes a number of seconds (e.g. 30 or 0.5), got 'soon'"),
        badSeconds.err());
    Run badApi = cli("fetch", "--landing", "x", "--api", "ftp://example.org/api");
    assertEquals(2, badApi.code());
    assertTrue(badApi.err().contains("--api must be an http(s) URL, got ftp://example.org/api"), badApi.err());
    assertEquals(2, cli("fetch", "--landing", "x", "--attempts", "0").code());
  }

  @Test
  void theConfigurationFileNamesTheLandingFolderTheApiAndTheDataset() throws IOException {
    api.on(DATASET_PATH, StandInApi.json(datasetFor(""))).on(FILE_PATH, StandInApi.csv(EXPORT));
    Path conf = tmp.resolve("fetch.properties");
    Files.writeString(conf, "fetch.landing=" + landing + "\nfetch.api=" + api.api() + "\nfetch.dataset=sp\n");
    assertFetched(cli("fetch", "--config", conf.toString(), "--attempts", "1"));
    // The command line wins over the file.
    Run other = cli("fetch", "--config", conf.toString(), "--dataset", "nope", "--attempts", "1");
    assertFailed(other, api.api() + "/datasets/nope/", "HTTP 404 Not Found");
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}
