package fr.spplus.sample;

import fr.spplus.sample.DateShapes.Mix;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark data, streamed: the same bytes as {@link SampleGenerator} (without {@code --nasty} or
 * {@code --crlf}) for the same options, but each snapshot file is rendered and written record by
 * record instead of all files being built in memory first. {@code SampleGenerator.generate} holds
 * every line of every file on the heap (about 5 bytes of heap per byte of CSV): 31 snapshots of
 * 120,000 experiences (3.7 GB of CSV) would need ~19 GB of heap, which this class does not.
 *
 * <p>It lives in {@code fr.spplus.sample} (compiled by jobs/bench.sh against the project's classes)
 * to reuse the generator's own package-private parts: {@link Population}, {@link SnapshotRenderer},
 * {@link DateShapes.Mix} and {@link ExportCsv#field}. The per-file choices below mirror
 * {@code SampleGenerator.generate}; jobs/bench.sh --scale small checks that the output is
 * byte-identical to SampleGenerator's, so a change to the generator that this copy misses fails the
 * benchmark instead of silently benchmarking other data.
 *
 * <p>Usage: {@code --out DIR --experiences N --snapshots K [--seed S] [--first-date yyyy-MM-dd]
 * [--days-between D] [--threads T]}. Files already present with the expected size are kept
 * only if {@code --keep-existing} is given (a rerun of the benchmark on the same options).
 */
public final class BenchSnapshots {

  private BenchSnapshots() {}

  public static void main(String[] args) throws Exception {
    Path out = null;
    int experiences = SampleGenerator.Options.DEFAULT_EXPERIENCES;
    int snapshots = SampleGenerator.Options.DEFAULT_SNAPSHOTS;
    long seed = SampleGenerator.Options.DEFAULT_SEED;
    LocalDate first = SampleGenerator.Options.DEFAULT_FIRST_SNAPSHOT;
    int days = SampleGenerator.Options.DEFAULT_DAYS_BETWEEN;
    int threads = 1;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String v = i + 1 < args.length ? args[i + 1] : null;
      switch (a) {
        case "--out" -> out = Path.of(v);
        case "--experiences" -> experiences = Integer.parseInt(v);
        case "--snapshots" -> snapshots = Integer.parseInt(v);
        case "--seed" -> seed = Long.parseLong(v);
        case "--first-date" -> first = LocalDate.parse(v);
        case "--days-between" -> days = Integer.parseInt(v);
        case "--threads" -> threads = Integer.parseInt(v);
        default -> {
          System.err.println("BenchSnapshots: unknown argument " + a);
          System.exit(2);
        }
      }
      i++;
    }
    if (out == null) {
      System.err.println("BenchSnapshots: --out DIR is required");
      System.exit(2);
    }
    // Validates like the generator does.
    SampleGenerator.Options o = new SampleGenerator.Options(out, experiences, snapshots, first, days, seed, false, false);
    generate(o, Math.max(1, threads));
  }

  static void generate(SampleGenerator.Options o, int threads) throws Exception {
    long t0 = System.nanoTime();
    List<Experience> population =
        Population.build(o.seed(), o.experiences(), o.firstSnapshot(), o.lastSnapshot());
    Absences absences = Absences.of(o);
    List<String> labels = SnapshotRenderer.headerLabels();
    List<String> keys = SnapshotRenderer.headerKeys();
    Files.createDirectories(o.outputDir());

    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<String>> done = new ArrayList<>();
    AtomicInteger records = new AtomicInteger();
    for (int i = 0; i < o.snapshots(); i++) {
      final int idx = i;
      done.add(pool.submit(() -> {
        LocalDate date = o.snapshotDate(idx);
        // As SampleGenerator.generate: older files French dates and the plural state, newer ones ISO.
        double isoShare = o.snapshots() == 1 ? 0.5 : 0.1 + 0.8 * idx / (o.snapshots() - 1);
        boolean pluralDone = 2 * idx < o.snapshots() - 1;
        Random random = new Random(stream(o.seed(), 1_000 + idx));
        ExportCsv.Layout layout = new ExportCsv.Layout(';', StandardCharsets.UTF_8, true, "\n", idx % 2 == 1);
        String name = SampleGenerator.fileName(date, "");
        Path path = o.outputDir().resolve(name);
        Path tmp = o.outputDir().resolve("." + name + ".tmp");
        int n = write(tmp, layout, labels, keys, population, absences, date,
            new SnapshotRenderer(Population.cutoff(date), new Mix(isoShare, 0.08), pluralDone, random));
        Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        records.addAndGet(n);
        return String.format(Locale.ROOT, "%-60s %7d records", name, n);
      }));
    }
    pool.shutdown();
    for (Future<String> f : done) {
      System.out.println(f.get());
    }
    System.out.printf(Locale.ROOT, "%d records in %d files written to %s in %.1f s%n", records.get(),
        o.snapshots(), o.outputDir(), (System.nanoTime() - t0) / 1e9);
  }

  private static int write(Path path, ExportCsv.Layout layout, List<String> labels, List<String> keys,
                           List<Experience> population, Absences absences, LocalDate date,
                           SnapshotRenderer renderer) {
    int n = 0;
    try (OutputStream os = Files.newOutputStream(path);
         Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 20)) {
      os.write(ExportCsv.UTF8_BOM);
      appendRecord(w, layout, labels);
      List<String> fields = new ArrayList<>(keys.size());
      for (Experience e : population) {
        if (!renderer.visible(e) || absences.absent(e, date)) {
          continue;
        }
        Map<String, String> row = renderer.render(e).fields();
        fields.clear();
        for (String k : keys) {
          String v = row.get(k);
          if (v == null) {
            throw new IllegalStateException("no value rendered for column " + k);
          }
          fields.add(v);
        }
        appendRecord(w, layout, fields);
        n++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    }
    return n;
  }

  private static void appendRecord(Writer w, ExportCsv.Layout layout, List<String> fields) throws IOException {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        w.write(layout.separator());
      }
      w.write(ExportCsv.field(fields.get(i), layout));
    }
    w.write(layout.eol());
  }

  /** SampleGenerator's per-purpose random stream. */
  private static long stream(long seed, int purpose) {
    return seed ^ (purpose * 0x9E3779B97F4A7C15L);
  }
}
