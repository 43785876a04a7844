package fr.spplus.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.spplus.sample.SampleGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The export files the incremental, kill and concurrency tests ingest, and the warehouses they are
 * compared with, made once per test JVM (each reference is a clean single run on its files).
 *
 * <p>The files come from the sample generator's nasty mode, small (40 experiences): five files
 * with four snapshot dates, records to quarantine in the three main snapshots, a Windows-1252
 * export with the old header names and a comma-separated one. The generator's files to reject are
 * left out here (the bad-input corpus covers them), so that these runs succeed with exit code 0.
 *
 * <ul>
 *   <li>{@link #first}: the two older exports and the 2024-03-01 snapshot;</li>
 *   <li>{@link #second}: the 2024-05-31 snapshot; {@link #third}: the 2024-08-30 snapshot;</li>
 *   <li>{@link #corrected()}: another export under the third's name (the same population drawn with
 *       fewer experiences: other content, some experiences of the third absent).</li>
 * </ul>
 *
 * <p>A run costs tens of seconds even on these few records (some twenty Delta commits, each with its
 * Spark jobs): the tests share these warehouses and keep the number of runs down.
 */
final class Snapshots {

  private static Snapshots instance;

  final Path root;
  final List<Path> first;
  final Path second;
  final Path third;
  private Path base;
  private Path referenceAll;

  private Snapshots(Path root) throws IOException {
    this.root = root;
    Path gen = root.resolve("generated");
    SampleGenerator.generate(new SampleGenerator.Options(gen, 40, 3, LocalDate.of(2024, 3, 1), 91, 42L, true, false));
    first = List.of(gen.resolve("export-experiences-2023-09-01-windows-1252.csv"),
        gen.resolve("export-experiences-2023-12-01-virgule.csv"), gen.resolve("export-experiences-2024-03-01.csv"));
    second = gen.resolve("export-experiences-2024-05-31.csv");
    third = gen.resolve("export-experiences-2024-08-30.csv");
    for (Path p : all()) {
      assertEquals(true, Files.isRegularFile(p), p + " not generated");
    }
  }

  static synchronized Snapshots get() {
    if (instance == null) {
      try {
        Path root = Files.createTempDirectory("spplus-faults-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Warehouses.delete(root)));
        instance = new Snapshots(root);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  List<Path> firstTwo() {
    List<Path> out = new ArrayList<>(first);
    out.add(second);
    return out;
  }

  List<Path> all() {
    List<Path> out = firstTwo();
    out.add(third);
    return out;
  }

  /** A new folder holding copies of the files, as a scheduler's export folder would. */
  Path folder(String name, List<Path> files) {
    try {
      Path dir = Files.createDirectories(root.resolve("inputs").resolve(name));
      for (Path f : files) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh path for a warehouse (not created). */
  Path newWarehouse(String name) {
    Path p = root.resolve("warehouses").resolve(name);
    if (Files.exists(p)) {
      throw new IllegalStateException("warehouse " + p + " already used");
    }
    return p;
  }

  /** A new warehouse holding a copy of {@code from}. */
  Path copyOf(Path from, String name) {
    Path p = newWarehouse(name);
    Warehouses.copy(from, p);
    return p;
  }

  /** One clean run on {@link #first}: where the kill and concurrency tests start from. Do not write to it. */
  synchronized Path base() {
    if (base == null) {
      base = newWarehouse("base");
      Runs.Result r = Runs.run(base, folder("base", first));
      assertEquals(0, r.exitCode(), r.output());
    }
    return base;
  }

  /** A different export with the third's file name. */
  synchronized Path corrected() {
    Path dir = root.resolve("corrected");
    Path p = dir.resolve(third.getFileName());
    if (!Files.exists(p)) {
      SampleGenerator.generate(new SampleGenerator.Options(dir, 30, 3, LocalDate.of(2024, 3, 1), 91, 42L, true,
          false));
    }
    return p;
  }

  /** One clean run on {@link #all()} at once. Do not write to it. */
  synchronized Path referenceAll() {
    if (referenceAll == null) {
      referenceAll = newWarehouse("reference-all");
      Runs.Result r = Runs.run(referenceAll, folder("reference-all", all()));
      assertEquals(0, r.exitCode(), r.output());
    }
    return referenceAll;
  }
}
