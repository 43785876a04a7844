package fr.spplus.faults;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.spplus.publish.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of damage an export folder shows, each in its own folder of the corpus, and the exact
 * outcome of each: a clean read with exact values, quarantined records with their reason and
 * record number, or the whole file rejected with its reason in audit/files and on the console.
 *
 * <p>Three runs on one warehouse. The first, on the kinds that are read plus one more file, is
 * stopped at the fault point {@code bronze.before-read} (files probed, nothing read yet), that file
 * is deleted, and the run let go: it fails. The second, on the kinds that are read, succeeds (exit
 * code 0: quarantined records do not make a run fail). The third, on every kind, exits with 3
 * (some files rejected; the files of the second run are skipped). When the tests run as root, chmod cannot make a file
 * unreadable; the second run is then a child JVM started under {@code setpriv} without the
 * capabilities that let root ignore file permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), so the
 * unreadable file really is unreadable to the job. Without setpriv that kind is skipped, and says so.
 */
class BadInputsIT {

  static final List<String> READ_KINDS = List.of("header-only", "truncated-multiline", "unbalanced-quotes",
      "extra-separators", "reordered-header", "future-dates", "negative-counts", "id-zeros-and-spaces",
      "same-export-two-names", "impossible-dates", "blank-lines", "windows-1252", "utf-16-bom", "gzip", "crlf",
      "huge-field");
  static final List<String> REJECTED_KINDS = List.of("empty", "binary", "duplicate-columns",
      "missing-required-column", "unreadable");

  @TempDir
  static Path dir;
  static Path corpus;
  static Path warehouse;
  static Runs.Paused vanishingRun;
  static Path vanishing;
  static Runs.Result readRun;
  static int allExit;
  static String allOutput;
  static boolean unreadableTested;
  static String unreadableSkippedWhy;

  @BeforeAll
  static void runTheCorpus() {
    corpus = dir.resolve("bad-inputs");
    Corpus.copyCommitted(corpus);
    Corpus.binary(corpus.resolve("binary"));
    Corpus.windows1252(corpus.resolve("windows-1252"));
    Corpus.utf16(corpus.resolve("utf-16-bom"));
    Corpus.gzip(corpus.resolve("gzip"));
    Corpus.crlf(corpus.resolve("crlf"));
    Corpus.hugeField(corpus.resolve("huge-field"));
    Path unreadable = Corpus.unreadable(corpus.resolve("unreadable"));
    warehouse = dir.resolve("warehouse");

    vanishing = Corpus.vanishing(corpus.resolve("vanishing"));
    List<Path> withVanishing = new ArrayList<>(READ_KINDS.stream().map(corpus::resolve).toList());
    withVanishing.add(vanishing.getParent());
    vanishingRun = Runs.runPausedAt(FaultPoints.BRONZE_BEFORE_READ, dir.resolve("resume"), () -> {
      try {
        Files.delete(vanishing);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, warehouse, withVanishing);

    readRun = Runs.run(warehouse, READ_KINDS.stream().map(corpus::resolve).toList());

    List<Path> everything = new ArrayList<>(READ_KINDS.stream().map(corpus::resolve).toList());
    everything.addAll(REJECTED_KINDS.stream().map(corpus::resolve).toList());
    boolean rootReads = Corpus.permissionsIgnored(unreadable);
    Path setpriv = Path.of("/usr/bin/setpriv");
    if (!rootReads) {
      unreadableTested = true;
      Runs.Result all = Runs.run(warehouse, everything);
      allExit = all.exitCode();
      allOutput = all.output();
    } else if (Files.isExecutable(setpriv)) {
      unreadableTested = true;
      List<String> args = new ArrayList<>(List.of("--warehouse", warehouse.toString(), "--input"));
      everything.forEach(p -> args.add(p.toString()));
      try (ChildJob child = ChildJob.start("corpus-without-root-privileges",
          List.of(setpriv.toString(), "--inh-caps=-dac_override,-dac_read_search",
              "--bounding-set=-dac_override,-dac_read_search"), List.of(), args)) {
        allExit = child.awaitExit();
        allOutput = child.output();
      }
    } else {
      unreadableSkippedWhy = "running as root without setpriv: chmod 000 cannot make a file unreadable here";
      everything.remove(corpus.resolve("unreadable"));
      Runs.Result all = Runs.run(warehouse, everything);
      allExit = all.exitCode();
      allOutput = all.output();
    }
  }

  // ------------------------------------------------------------------ the runs

  @Test
  void aRunOnFilesWithQuarantinedRecordsSucceedsAndOneWithRejectedFilesExitsWith3() {
    assertEquals(0, readRun.exitCode(), readRun.output());
    assertEquals("succeeded", readRun.record().status());
    assertEquals(17, readRun.record().filesSeen());
    assertEquals(17, readRun.record().filesIngested());
    assertEquals(3, allExit, allOutput);
    Row second = Warehouses.tables(warehouse).read(Tables.AUDIT_RUNS).orderBy(col("run_id").desc()).first();
    assertEquals("partial", second.getAs("status"));
    assertEquals(17L, (long) second.getAs("files_skipped"));
    assertEquals(0L, (long) second.getAs("files_ingested"));
    assertEquals(unreadableTested ? 5L : 4L, (long) second.getAs("files_rejected"));
  }

  @Test
  void everyRecordReadIsAcceptedOrQuarantinedAndIsInBronze() {
    Map<String, Long> bronze = countsBy(Warehouses.tables(warehouse).read(Tables.BRONZE_EXPERIENCES_RAW));
    Map<String, Long> quarantine = countsBy(Warehouses.tables(warehouse).read(Tables.SILVER_QUARANTINE));
    long total = 0;
    for (Row r : ledgerRows().values()) {
      if (!"ingested".equals(r.getAs("status"))) {
        continue;
      }
      String name = r.getAs("source_file");
      long read = r.getAs("records_read");
      long accepted = r.getAs("records_accepted");
      long quarantined = r.getAs("records_quarantined");
      assertEquals(read, accepted + quarantined, name);
      assertEquals(read, bronze.getOrDefault(name, 0L), name + ": bronze rows");
      assertEquals(quarantined, quarantine.getOrDefault(name, 0L), name + ": quarantine rows");
      total += read;
    }
    assertEquals(readRun.record().recordsRead(), total);
    assertEquals(readRun.record().recordsRead(),
        readRun.record().recordsAccepted() + readRun.record().recordsQuarantined());
  }

  @Test
  void aFileThatDisappearsMidRunFailsThatRunCleanlyAndTheNextRunIngestsTheOthers() {
    assertNull(vanishingRun.result(), "the run should have failed");
    Throwable t = vanishingRun.failure();
    assertTrue(t instanceof RuntimeException, "a RuntimeException, which the command line reports in one line: " + t);
    String name = vanishing.getFileName().toString();
    assertTrue(t.getMessage().contains(name), t.getMessage());
    Row failed = Warehouses.tables(warehouse).read(Tables.AUDIT_RUNS).orderBy("run_id").first();
    assertEquals("failed", failed.getAs("status"));
    assertTrue(failed.<String>getAs("error").contains(name), failed.<String>getAs("error"));
    assertEquals(Map.of(), failed.getJavaMap(failed.fieldIndex("table_versions")), "the failed run wrote no table");
    assertEquals(0, Warehouses.tables(warehouse).read(Tables.BRONZE_EXPERIENCES_RAW)
        .where(col("run_id").equalTo(failed.<String>getAs("run_id"))).count());
    assertEquals(0, bronze(name).count());
    assertEquals(0, readRun.exitCode(), "the next run");
  }

  // ------------------------------------------------------------------ files rejected as a whole

  @Test
  void anEmptyFileIsRejected() {
    assertRejected("export-empty-2024-01-01.csv", "empty file: no header line");
  }

  @Test
  void aBinaryFileWithACsvNameIsRejected() {
    assertRejected("export-binary-2024-01-15.csv", "cannot be decoded: binary content (NUL byte at offset 8)");
  }

  @Test
  void aHeaderNamingAColumnTwiceIsRejected() {
    assertRejected("export-duplicate-columns-2024-01-06.csv",
        "header names the column 'Etat expérience' twice ('Etat expérience' and 'Etat de l'expérience')");
  }

  @Test
  void aFileWithoutTheIdColumnIsRejected() {
    assertRejected("export-missing-id-column-2024-01-13.csv", "missing required column 'ID expérience'");
  }

  @Test
  void anUnreadableFileIsRejectedWithTheSystemsReason() {
    Assumptions.assumeTrue(unreadableTested, unreadableSkippedWhy);
    Row r = ledger(Corpus.UNREADABLE);
    assertEquals("rejected", r.getAs("status"));
    String reason = r.getAs("rejection_reason");
    assertTrue(reason.startsWith("cannot be read: ") && reason.contains("Permission denied"), reason);
    assertConsoleLine(Corpus.UNREADABLE, reason);
  }

  // ------------------------------------------------------------------ files read, records quarantined

  @Test
  void aHeaderOnlyFileIsReadWithNoRecords() {
    assertLedger("export-header-only-2024-01-02.csv", "UTF-8", ";", 0, 0, Map.of());
  }

  @Test
  void aFileTruncatedInsideAQuotedMultiLineFieldQuarantinesItsLastRecord() {
    String name = "export-truncated-2024-01-03.csv";
    assertLedger(name, "UTF-8", ";", 2, 1, Map.of("malformed_record", 1L));
    assertEquals(List.of("2:malformed_record"), quarantine(name));
    assertEquals("3002;Traitée;03/01/2024 11:00;Coupé;\"Une description coupée\nau milieu", rawRecord(name, 2));
    assertEquals("Une description\nsur deux lignes", experience(3001).getAs("description"));
  }

  @Test
  void anUnclosedQuoteSwallowsTheRestOfTheFileIntoOneQuarantinedRecord() {
    String name = "export-unbalanced-quotes-2024-01-04.csv";
    assertLedger(name, "UTF-8", ";", 2, 1, Map.of("malformed_record", 1L));
    assertEquals(List.of("2:malformed_record"), quarantine(name));
    String raw = rawRecord(name, 2);
    assertTrue(raw.startsWith("4002;Traitée;04/01/2024 10:00;\"Titre ouvert jamais fermé;Desc;")
        && raw.contains("4003;Traitée") && raw.contains("4004;Traitée"), raw);
    assertEquals("Titre \"entre guillemets\" au milieu", experience(4001).getAs("title"));
  }

  @Test
  void aRowWithMoreOrFewerSeparatorsIsQuarantinedAsMalformedWithItsExactText() {
    String name = "export-extra-separators-2024-01-05.csv";
    assertLedger(name, "UTF-8", ";", 4, 2, Map.of("malformed_record", 2L));
    assertEquals(List.of("2:malformed_record", "3:malformed_record"), quarantine(name));
    assertEquals("5002;Traitée;05/01/2024 10:00;Titre; avec point-virgule non protégé;Desc;Positif;Bretagne;0;S1;1",
        rawRecord(name, 2));
    assertEquals("5003;Traitée;05/01/2024 10:00;Titre;Desc;Positif;Bretagne;0;S1", rawRecord(name, 3));
    assertEquals("Titre; protégé", experience(5004).getAs("title"));
  }

  @Test
  void idsWithLeadingZerosOrUnicodeSpacesAreAcceptedAndOthersQuarantined() {
    String name = "export-ids-2024-01-10.csv";
    assertLedger(name, "UTF-8", ";", 6, 3, Map.of("invalid_id", 2L, "missing_id", 1L));
    assertEquals(List.of("4:invalid_id", "5:missing_id", "6:invalid_id"), quarantine(name));
    assertEquals("Zéros devant", experience(10001).getAs("title"));
    assertEquals("Espaces autour", experience(10002).getAs("title"));
    assertEquals("Espaces Unicode autour", experience(10003).getAs("title"));
  }

  @Test
  void impossibleOrMissingPublicationDatesAreQuarantined() {
    String name = "export-impossible-dates-2024-01-12.csv";
    assertLedger(name, "UTF-8", ";", 4, 1, Map.of("invalid_published_at", 3L));
    assertEquals(List.of("1:invalid_published_at", "2:invalid_published_at", "3:invalid_published_at"),
        quarantine(name));
    assertEquals(Instant.parse("2024-01-12T09:00:00Z"), publishedAt(12004));
  }

  // ------------------------------------------------------------------ files read cleanly, exact values

  @Test
  void aHeaderInAnotherOrderIsReadByNameAndUnknownColumnsKeptInBronze() {
    String name = "export-reordered-header-2024-01-07.csv";
    assertLedger(name, "UTF-8", ";", 1, 1, Map.of());
    Row e = experience(7001);
    assertEquals("Réordonné", e.getAs("title"));
    assertEquals("Négatif", e.getAs("sentiment"));
    assertEquals("Normandie", e.getAs("region_name"));
    assertEquals(Instant.parse("2024-01-07T09:00:00Z"), publishedAt(7001));
    Row raw = bronze(name).first();
    assertEquals(Map.of("Colonne inconnue", "en plus"), raw.getJavaMap(raw.fieldIndex("extra_columns")));
  }

  @Test
  void aPublicationDateInTheFutureIsKeptAsWritten() {
    assertLedger("export-future-dates-2024-01-08.csv", "UTF-8", ";", 1, 1, Map.of());
    assertEquals(Instant.parse("2031-01-01T09:00:00Z"), publishedAt(8001));
  }

  @Test
  void negativeCountsBecomeNullWithAnInvalidNumberIssue() {
    assertLedger("export-negative-counts-2024-01-09.csv", "UTF-8", ";", 1, 1, Map.of());
    assertNull(experience(9001).getAs("similar_experiences"));
    Row slot = Warehouses.tables(warehouse).read(Tables.SILVER_EXPERIENCE_STRUCTURES)
        .where(col("experience_id").equalTo(9001L)).first();
    assertEquals("S9", slot.getAs("structure_id"));
    assertNull(slot.getAs("useful_votes"));
    assertEquals(Set.of("Expériences Similaires|invalid_number|-3",
            "Evaluation utile réponse structure 1 par visiteurs|invalid_number|-1"),
        Warehouses.tables(warehouse).read(Tables.SILVER_DATA_QUALITY_ISSUES)
            .where(col("experience_id").equalTo(9001L)).collectAsList().stream()
            .map(r -> r.getAs("column") + "|" + r.getAs("issue") + "|" + r.getAs("raw_value"))
            .collect(Collectors.toSet()));
  }

  @Test
  void theSameExportUnderTwoNamesIsReadTwiceAndTheNameSortingLastWins() {
    String copy = "export-copie-2024-01-11 - Copie.csv";
    String original = "export-copie-2024-01-11.csv";
    assertLedger(copy, "UTF-8", ";", 2, 2, Map.of());
    assertLedger(original, "UTF-8", ";", 2, 2, Map.of());
    assertEquals(ledger(copy).<String>getAs("content_hash"), ledger(original).getAs("content_hash"));
    assertEquals(original, experience(11001).getAs("source_file"));
    assertEquals(original, experience(11002).getAs("source_file"));
    assertEquals(1, Warehouses.tables(warehouse).read(Tables.SILVER_EXPERIENCES)
        .where(col("experience_id").equalTo(11001L)).count());
  }

  @Test
  void blankLinesAreNotRecords() {
    String name = "export-blank-lines-2024-01-14.csv";
    assertLedger(name, "UTF-8", ";", 2, 2, Map.of());
    assertEquals(Map.of(1L, "14001", 2L, "14002"), bronze(name).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.<Long>getAs("record_number"), r -> r.<String>getAs("experience_id"))));
  }

  @Test
  void aWindows1252FileIsReadAsWindows1252WithoutMojibake() {
    assertLedger("export-windows-1252-2024-01-16.csv", "windows-1252", ";", 1, 1, Map.of());
    assertEquals(Corpus.WINDOWS_1252_TITLE, experience(16001).getAs("title"));
    assertEquals("Île-de-France", experience(16001).getAs("region_name"));
  }

  @Test
  void aUtf16FileWithItsByteOrderMarkIsReadAsUtf16() {
    assertLedger("export-utf16-2024-01-17.csv", "UTF-16", ";", 1, 1, Map.of());
    assertEquals(Corpus.UTF_16_TITLE, experience(17001).getAs("title"));
    assertEquals(2, (int) experience(17001).getAs("similar_experiences"));
  }

  @Test
  void aGzipExportIsReadDecompressed() {
    String name = "export-gzip-2024-01-18.csv.gz";
    assertLedger(name, "UTF-8", ";", 1, 1, Map.of());
    assertEquals("Compressé", experience(18001).getAs("title"));
    assertEquals("Sur\ndeux lignes", experience(18001).getAs("description"));
    assertEquals(java.sql.Date.valueOf("2024-01-18"), ledger(name).getAs("snapshot_date"));
  }

  @Test
  void crLfLineEndsLeaveNoCarriageReturnInTheLastField() {
    assertLedger("export-crlf-2024-01-19.csv", "UTF-8", ";", 2, 2, Map.of());
    // The CSV reader normalises a line break inside a quoted field to LF.
    assertEquals("ligne 1\nligne 2", experience(19001).getAs("description"));
    Map<Long, Integer> votes = Warehouses.tables(warehouse).read(Tables.SILVER_EXPERIENCE_STRUCTURES)
        .where(col("experience_id").isin(19001L, 19002L)).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.<Long>getAs("experience_id"), r -> r.<Integer>getAs("useful_votes")));
    assertEquals(Map.of(19001L, 7, 19002L, 3), votes);
    assertEquals(0, Warehouses.tables(warehouse).read(Tables.SILVER_DATA_QUALITY_ISSUES)
        .where(col("experience_id").isin(19001L, 19002L)).count());
  }

  @Test
  void aFieldOf150000CharactersIsReadWhole() {
    assertLedger("export-huge-field-2024-01-20.csv", "UTF-8", ";", 2, 2, Map.of());
    assertEquals(Corpus.hugeDescription(), experience(20001).getAs("description"));
    assertEquals("Après le champ énorme", experience(20002).getAs("title"));
  }

  // ------------------------------------------------------------------ helpers

  static Map<String, Row> ledgerRows() {
    Map<String, Row> latest = new HashMap<>();
    for (Row r : Warehouses.tables(warehouse).read(Tables.AUDIT_FILES).orderBy("run_id").collectAsList()) {
      latest.put(r.getAs("source_file"), r);
    }
    return latest;
  }

  static Row ledger(String name) {
    Row r = ledgerRows().get(name);
    assertTrue(r != null, name + " is not in audit/files");
    return r;
  }

  static void assertLedger(String name, String encoding, String separator, long read, long accepted,
                           Map<String, Long> byReason) {
    Row r = ledger(name);
    assertEquals("ingested", r.getAs("status"), name);
    assertEquals(encoding, r.getAs("encoding"), name);
    assertEquals(separator, r.getAs("separator"), name);
    assertEquals(read, (long) r.getAs("records_read"), name + ": records read");
    assertEquals(accepted, (long) r.getAs("records_accepted"), name + ": records accepted");
    assertEquals(read - accepted, (long) r.getAs("records_quarantined"), name + ": records quarantined");
    assertEquals(new TreeMap<>(byReason),
        new TreeMap<>(r.<String, Long>getJavaMap(r.fieldIndex("quarantined_by_reason"))),
        name + ": quarantined by reason");
  }

  static void assertRejected(String name, String reason) {
    Row r = ledger(name);
    assertEquals("rejected", r.getAs("status"), name);
    assertEquals(reason, r.getAs("rejection_reason"), name);
    assertNull(r.getAs("records_read"), name + ": a rejected file's records count in no total");
    assertEquals(0, bronze(name).count(), name + ": bronze rows of a rejected file");
    assertConsoleLine(name, reason);
  }

  /** The run printed one line naming the file's path and the reason. */
  static void assertConsoleLine(String name, String reason) {
    List<String> lines = allOutput.lines().filter(l -> l.startsWith("REJECTED ") && l.contains(name)).toList();
    assertEquals(1, lines.size(), allOutput);
    assertTrue(lines.get(0).matches("REJECTED \\S*/.*" + java.util.regex.Pattern.quote(name + ": " + reason)),
        lines.get(0));
  }

  static Map<String, Long> countsBy(Dataset<Row> table) {
    return table.groupBy("source_file").count().collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
  }

  static List<String> quarantine(String name) {
    return Warehouses.tables(warehouse).read(Tables.SILVER_QUARANTINE).where(col("source_file").equalTo(name))
        .orderBy("record_number").collectAsList().stream()
        .map(r -> r.<Long>getAs("record_number") + ":" + r.getAs("reason")).toList();
  }

  static String rawRecord(String name, long recordNumber) {
    return Warehouses.tables(warehouse).read(Tables.SILVER_QUARANTINE)
        .where(col("source_file").equalTo(name).and(col("record_number").equalTo(recordNumber)))
        .first().getAs("raw_record");
  }

  static Dataset<Row> bronze(String name) {
    return Warehouses.tables(warehouse).read(Tables.BRONZE_EXPERIENCES_RAW).where(col("source_file").equalTo(name));
  }

  static Row experience(long id) {
    List<Row> rows = Warehouses.tables(warehouse).read(Tables.SILVER_EXPERIENCES)
        .where(col("experience_id").equalTo(id)).collectAsList();
    assertEquals(1, rows.size(), "silver rows of experience " + id);
    return rows.get(0);
  }

  static Instant publishedAt(long id) {
    return experience(id).<Timestamp>getAs("published_at").toInstant();
  }
}
