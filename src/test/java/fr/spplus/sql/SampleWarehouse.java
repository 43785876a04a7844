package fr.spplus.sql;

import fr.spplus.job.Progress;
import fr.spplus.job.RunJob;
import fr.spplus.job.RunOptions;
import fr.spplus.testing.SharedSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A warehouse built once per test JVM by one run of the job on the bundled sample (data/sample: 3
 * snapshots, 2,000 experiences), shared by the sql, notebook and docs integration tests
 * ({@code SqlCommandIT}, {@code NotebookQueriesIT}, {@code BiDocIT}, which Failsafe runs in one JVM):
 * a run costs about a minute, which is why no unit test uses it. Tests read it and never write to
 * it (copy it first to change it); it is deleted when the JVM exits.
 */
public final class SampleWarehouse {

  public static final Path SAMPLE = Path.of("data/sample");
  public static final long SAMPLE_EXPERIENCES = 2000;

  private static Path root;

  private SampleWarehouse() {}

  public static synchronized Path path() {
    if (root == null) {
      try {
        Path dir = Files.createTempDirectory("spplus-sample-warehouse");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        RunOptions options = new RunOptions(List.of(SAMPLE.toString()), dir.toString(), null, Map.of(), null, false,
            null, null, Map.of(), 5);
        RunJob.Outcome outcome = new RunJob(SharedSpark.spark(), options, new Progress(System.out)).run();
        if (outcome.record().filesRejected() > 0) {
          throw new IllegalStateException("the sample run rejected " + outcome.record().filesRejected() + " files");
        }
        root = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root;
  }

  /** A copy of the warehouse that a test may change. */
  public static Path copyTo(Path target) {
    try (Stream<Path> files = Files.walk(path())) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path to = target.resolve(path().relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }


  static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort at JVM exit
    }
  }
}
