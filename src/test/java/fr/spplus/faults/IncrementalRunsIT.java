package fr.spplus.faults;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.spplus.audit.FileLedger;
import fr.spplus.publish.GoldTables;
import fr.spplus.publish.TableSpec;
import fr.spplus.publish.Tables;
import fr.spplus.testing.Frames;
import fr.spplus.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Incremental ingestion and idempotence, as a scheduler drives the job: one export folder that
 * grows, a run after each change, each warehouse compared with one clean run on the same files
 * ({@link Snapshots#referenceAll()}): every data table, row for row.
 *
 * <p>Warehouse "one by one" starts as a copy of {@link Snapshots#base()} (a run on the first three
 * files), then: the same files again; the newest snapshot added; the snapshot between them added
 * last (an older snapshot arriving after a newer one). Warehouse "corrected" first ingests a wrong
 * export under the newest snapshot's name, alone; then the folder gets every file, that one
 * corrected: the changed file is read again and silver rebuilt without the wrong version's records.
 */
class IncrementalRunsIT {

  static Snapshots s;
  static Runs.Result same;
  static Runs.Result newest;
  static Runs.Result older;
  static Path afterSame;
  static Path oneByOne;
  static Map<String, Long> versionsBeforeSame = new HashMap<>();
  static Map<String, Long> versionsAfterSame = new HashMap<>();
  static Runs.Result wrongVersion;
  static Runs.Result correctedVersion;
  static Path corrected;
  static Set<Long> wrongVersionIds;

  @BeforeAll
  static void driveTheRuns() throws IOException {
    s = Snapshots.get();
    oneByOne = s.copyOf(s.base(), "one-by-one");
    Path folder = s.folder("one-by-one", s.first);
    versionsBeforeSame.putAll(versions(oneByOne));
    same = Runs.run(oneByOne, folder);
    versionsAfterSame.putAll(versions(oneByOne));
    afterSame = s.copyOf(oneByOne, "one-by-one-after-same");
    Files.copy(s.third, folder.resolve(s.third.getFileName()));
    newest = Runs.run(oneByOne, folder);
    Files.copy(s.second, folder.resolve(s.second.getFileName()));
    older = Runs.run(oneByOne, folder);

    corrected = s.newWarehouse("corrected");
    Path arriving = s.folder("corrected", List.of());
    Files.copy(s.corrected(), arriving.resolve(s.third.getFileName()));
    wrongVersion = Runs.run(corrected, arriving);
    wrongVersionIds = ids(corrected);
    for (Path p : s.all()) {
      Files.copy(p, arriving.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
    correctedVersion = Runs.run(corrected, arriving);
  }

  @Test
  void theSameFilesAgainIngestNothingAndLeaveEveryTableAsItWas() {
    assertEquals(0, same.exitCode(), same.output());
    assertEquals("succeeded", same.record().status());
    assertEquals(3, same.record().filesSeen());
    assertEquals(0, same.record().filesIngested());
    assertEquals(3, same.record().filesSkipped());
    assertEquals(0, same.record().recordsRead());
    assertEquals("none", same.record().silverMode());
    assertEquals(versionsBeforeSame, versionsAfterSame, "a table was written by a run with nothing to do");
    Warehouses.assertSameData(s.base(), afterSame);
    for (TableSpec t : List.of(Tables.SILVER_EXPERIENCES, GoldTables.KPI_BY_REGION)) {
      Frames.assertFrameEquals(Warehouses.content(s.base(), t), Warehouses.content(afterSame, t),
          t.columns().get(0), t.columns().get(1));
    }
    assertEquals(2, Warehouses.runs(afterSame).size());
    assertTrue(same.output().contains("skipped  export-experiences-2024-03-01.csv (already ingested, same content)"),
        same.output());
  }

  @Test
  void aNewSnapshotIsIngestedAloneAndMergedIncrementally() {
    assertEquals(0, newest.exitCode(), newest.output());
    assertEquals(4, newest.record().filesSeen());
    assertEquals(1, newest.record().filesIngested());
    assertEquals(3, newest.record().filesSkipped());
    assertEquals("incremental", newest.record().silverMode());
    assertEquals(Set.of(s.third.getFileName().toString()), filesWrittenBy(oneByOne, newest.runId()));
    Row ledger = ledgerRow(oneByOne, newest.runId(), s.third);
    assertEquals("ingested", ledger.getAs("status"));
    assertEquals(newest.record().recordsRead(), (long) ledger.getAs("records_read"));
  }

  @Test
  void snapshotsOneByOneAndOutOfOrderGiveTheSameTablesAsOneRunOnAllFiles() {
    assertEquals(0, older.exitCode(), older.output());
    assertEquals(1, older.record().filesIngested());
    assertEquals("incremental", older.record().silverMode());
    assertEquals(Set.of(s.second.getFileName().toString()), filesWrittenBy(oneByOne, older.runId()));
    Warehouses.assertSameData(s.referenceAll(), oneByOne);
    Frames.assertFrameEquals(Warehouses.content(s.referenceAll(), Tables.SILVER_EXPERIENCES),
        Warehouses.content(oneByOne, Tables.SILVER_EXPERIENCES), "experience_id");
  }

  @Test
  void aFileChangedUnderTheSameNameIsReingestedAndItsOldRecordsLeaveSilver() {
    assertEquals(0, wrongVersion.exitCode(), wrongVersion.output());
    assertEquals(0, correctedVersion.exitCode(), correctedVersion.output());
    assertEquals(5, correctedVersion.record().filesIngested());
    assertEquals("full", correctedVersion.record().silverMode());
    Row ledger = ledgerRow(corrected, correctedVersion.runId(), s.third);
    assertEquals("reingested", ledger.getAs("status"));
    // Bronze keeps both versions of the file (it is the history of what was read); silver and gold,
    // and bronze restricted to the current version of each file, are those of one run on the final files.
    Warehouses.assertSameData(s.referenceAll(), corrected, Warehouses.SILVER_AND_GOLD);
    TableContents.assertSame("bronze rows of the current file versions", currentBronze(s.referenceAll()),
        currentBronze(corrected));
    Set<Long> gone = new java.util.HashSet<>(wrongVersionIds);
    gone.removeAll(ids(s.referenceAll()));
    assertFalse(gone.isEmpty(), "the wrong version should hold experiences the right files do not");
    Set<Long> left = ids(corrected);
    left.retainAll(gone);
    assertEquals(Set.of(), left, "experiences of the replaced version are still in silver");
    assertEquals(List.of((String) ledger.getAs("content_hash")), Warehouses.tables(corrected)
        .read(Tables.SILVER_WINNING_RECORDS).where(col("source_file").equalTo(s.third.getFileName().toString()))
        .select("content_hash").distinct().collectAsList().stream().map(r -> r.getString(0)).toList());
  }

  static Map<String, Long> versions(Path warehouse) {
    Map<String, Long> out = new HashMap<>();
    for (TableSpec t : Warehouses.DATA_TABLES) {
      out.put(t.path(), Warehouses.tables(warehouse).version(t));
    }
    return out;
  }

  static Set<String> filesWrittenBy(Path warehouse, String runId) {
    return Warehouses.tables(warehouse).read(Tables.BRONZE_EXPERIENCES_RAW).where(col("run_id").equalTo(runId))
        .select("source_file").distinct().collectAsList().stream().map(r -> r.getString(0))
        .collect(Collectors.toSet());
  }

  static Row ledgerRow(Path warehouse, String runId, Path file) {
    return Warehouses.tables(warehouse).read(Tables.AUDIT_FILES)
        .where(col("run_id").equalTo(runId).and(col("source_file").equalTo(file.getFileName().toString()))).first();
  }

  static Set<Long> ids(Path warehouse) {
    return Warehouses.tables(warehouse).read(Tables.SILVER_EXPERIENCES).select("experience_id").collectAsList()
        .stream().map(r -> r.getLong(0)).collect(Collectors.toSet());
  }

  static Dataset<Row> currentBronze(Path warehouse) {
    var t = Warehouses.tables(warehouse);
    Dataset<Row> current = new FileLedger(SharedSpark.spark(), t).currentVersions()
        .select("source_file", "content_hash");
    return Warehouses.withoutRunColumns(t.read(Tables.BRONZE_EXPERIENCES_RAW)
        .join(current, new String[] {"source_file", "content_hash"}, "left_semi"));
  }
}
