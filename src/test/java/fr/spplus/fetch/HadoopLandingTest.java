package fr.spplus.fetch;

import static fr.spplus.fetch.FetchCommandTest.EXPORT;
import static fr.spplus.fetch.FetchCommandTest.RECORD;
import static fr.spplus.fetch.FetchCommandTest.TARGET;
import static fr.spplus.fetch.StandInApi.DATASET_PATH;
import static fr.spplus.fetch.StandInApi.FILE_PATH;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A landing folder behind a Hadoop URI goes through the FileSystem API: here Hadoop's raw local
 * file system (no .crc side files) stands in for HDFS or a bucket. Same outcome as a local folder:
 * one export, the record, no temporary file; a failure leaves nothing; the publication never
 * replaces a file.
 */
class HadoopLandingTest {

  @TempDir
  Path dir;

  HadoopLanding landing() {
    Configuration conf = new Configuration();
    conf.set("fs.file.impl", org.apache.hadoop.fs.RawLocalFileSystem.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
    return new HadoopLanding(dir.toUri().toString(), conf);
  }

  Fetcher.Result fetch(StandInApi api) {
    FetchOptions o = FetchOptions.defaults(dir.toUri().toString()).withApi(URI.create(api.api())).withDataset("sp")
        .withRetries(1, Duration.ofMillis(10), Duration.ofSeconds(20));
    return new Fetcher(o, landing(), Map.of(), new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8), false).fetch();
  }

  List<String> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void fetchesThroughTheFileSystemApi() throws Exception {
    try (StandInApi api = new StandInApi()) {
      api.on(DATASET_PATH, StandInApi.json(FetchCommandTest.dataset(api.base() + FILE_PATH, "")))
          .on(FILE_PATH, StandInApi.csv(EXPORT));
      assertTrue(fetch(api).downloaded());
      assertEquals(List.of(RECORD, TARGET), files());
      assertArrayEquals(EXPORT, Files.readAllBytes(dir.resolve(TARGET)));
      Fetcher.Result again = fetch(api);
      assertFalse(again.downloaded());
      assertEquals(1, api.requests(FILE_PATH));
    }
  }

  @Test
  void aFailureLeavesNothing() throws Exception {
    try (StandInApi api = new StandInApi()) {
      api.on(DATASET_PATH, StandInApi.json(FetchCommandTest.dataset(api.base() + FILE_PATH,
          ", \"filesize\": 3"))).on(FILE_PATH, StandInApi.csv(EXPORT));
      FetchFailure f = assertThrows(FetchFailure.class, () -> fetch(api));
      assertEquals(api.base() + FILE_PATH + ": size mismatch: received " + EXPORT.length
          + " bytes, the API's filesize is 3", f.getMessage());
      assertEquals(List.of(), files());
    }
  }

  @Test
  void publishNeverReplacesAndCreateNewFailsOnAnExistingName() throws Exception {
    HadoopLanding l = landing();
    Files.writeString(dir.resolve("a.part"), "new");
    Files.writeString(dir.resolve("a.csv"), "old");
    assertInstanceOf(FileAlreadyExistsException.class, assertThrows(IOException.class, () -> l.publish("a.part",
        "a.csv")));
    assertEquals("old", Files.readString(dir.resolve("a.csv")));
    assertEquals("new", Files.readString(dir.resolve("a.part")));
    assertThrows(IOException.class, () -> {
      try (OutputStream out = l.createNew("a.csv")) {
        out.write(1);
      }
    });
    assertEquals("old", Files.readString(dir.resolve("a.csv")));
  }
}
