package fr.spplus.faults;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.spplus.publish.DeltaTables;
import fr.spplus.publish.GoldTables;
import fr.spplus.publish.TableSpec;
import fr.spplus.publish.Tables;
import fr.spplus.testing.Frames;
import fr.spplus.testing.SharedSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Reading, copying and comparing whole warehouses. */
final class Warehouses {

  /** Columns naming the run that wrote a row: two runs on the same files differ there and only there. */
  static final Set<String> RUN_COLUMNS = Set.of("run_id", "ingested_at");

  /** Every data table: bronze, silver (with its internal winning records), gold. */
  static final List<TableSpec> DATA_TABLES = dataTables();

  /** The published tables: what a reader of one run's output reads together. */
  static final List<TableSpec> SILVER_AND_GOLD = DATA_TABLES.subList(1, DATA_TABLES.size());

  private Warehouses() {}

  private static List<TableSpec> dataTables() {
    List<TableSpec> out = new ArrayList<>(Tables.BRONZE);
    out.addAll(Tables.SILVER);
    out.addAll(GoldTables.ALL);
    return List.copyOf(out);
  }

  static DeltaTables tables(Path warehouse) {
    return new DeltaTables(SharedSpark.spark(), warehouse.toString());
  }

  /** A table's content without the run columns. */
  static Dataset<Row> content(Path warehouse, TableSpec spec) {
    return withoutRunColumns(tables(warehouse).read(spec));
  }

  static Dataset<Row> content(Path warehouse, TableSpec spec, long version) {
    return withoutRunColumns(tables(warehouse).read(spec, version));
  }

  static Dataset<Row> withoutRunColumns(Dataset<Row> table) {
    return table.drop(RUN_COLUMNS.toArray(String[]::new));
  }

  /** Every data table of {@code actual} holds the same rows as in {@code expected} (run columns aside). */
  static void assertSameData(Path expected, Path actual, List<TableSpec> specs) {
    for (TableSpec spec : specs) {
      String what = spec.path() + " (" + actual.getFileName() + " vs " + expected.getFileName() + ")";
      Dataset<Row> found = content(actual, spec);
      Expected e = expected(expected, spec);
      assertEquals(e.schema(), Frames.plain(found.schema()).treeString(), what + ": schemas differ");
      TableContents.assertSameRows(what, e.rows(), TableContents.canonical(found));
    }
    assertNoDuplicates(actual);
  }

  /** A reference table's schema and canonical rows. */
  record Expected(String schema, List<String> rows) {}

  /** References are compared with many warehouses and never written after they are made: read each table once. */
  private static final Map<String, Expected> EXPECTED = new java.util.concurrent.ConcurrentHashMap<>();

  static Expected expected(Path warehouse, TableSpec spec) {
    return EXPECTED.computeIfAbsent(warehouse + "|" + spec.path(), k -> {
      Dataset<Row> table = content(warehouse, spec);
      return new Expected(Frames.plain(table.schema()).treeString(), TableContents.canonical(table));
    });
  }

  static void assertSameData(Path expected, Path actual) {
    assertSameData(expected, actual, DATA_TABLES);
  }

  /** The keys that identify a row are unique: no record ingested twice, no experience twice. */
  static void assertNoDuplicates(Path warehouse) {
    DeltaTables t = tables(warehouse);
    assertUnique(t.read(Tables.BRONZE_EXPERIENCES_RAW), "source_file", "content_hash", "record_number");
    assertUnique(t.read(Tables.SILVER_EXPERIENCES), "experience_id");
    assertUnique(t.read(Tables.SILVER_WINNING_RECORDS), "experience_id");
    assertUnique(t.read(Tables.SILVER_QUARANTINE), "source_file", "record_number");
    assertUnique(t.read(Tables.SILVER_EXPERIENCE_HISTORY), "experience_id", "valid_from");
  }

  static void assertUnique(Dataset<Row> table, String... key) {
    long dups = table.groupBy(key[0], java.util.Arrays.copyOfRange(key, 1, key.length)).count()
        .where(col("count").gt(1)).count();
    assertEquals(0, dups, "rows sharing the key " + String.join(", ", key));
  }

  /** The table versions a run published (its audit/runs row). */
  static Map<String, Long> publishedVersions(Path warehouse, String runId) {
    Row r = tables(warehouse).read(Tables.AUDIT_RUNS).where(col("run_id").equalTo(runId)).first();
    return new HashMap<>(r.getJavaMap(r.fieldIndex("table_versions")));
  }

  /** The audit/runs rows, by run id. */
  static Map<String, Row> runs(Path warehouse) {
    Map<String, Row> out = new HashMap<>();
    DeltaTables t = tables(warehouse);
    if (t.exists(Tables.AUDIT_RUNS)) {
      t.read(Tables.AUDIT_RUNS).collectAsList().forEach(r -> out.put(r.getAs("run_id"), r));
    }
    return out;
  }

  /** The latest run that finished (succeeded or partial) and wrote silver: its table_versions name a consistent set. */
  static Row lastPublishingRun(Path warehouse) {
    List<Row> rows = tables(warehouse).read(Tables.AUDIT_RUNS)
        .where(col("status").isin("succeeded", "partial").and(col("silver_mode").notEqual("none")))
        .orderBy(col("run_id").desc()).limit(1).collectAsList();
    assertFalse(rows.isEmpty(), "no run published silver and gold in " + warehouse);
    return rows.get(0);
  }

  static void copy(Path from, Path to) {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertTrue(Files.isDirectory(to));
  }

  static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
