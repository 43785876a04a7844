package fr.spplus.cli;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.spplus.publish.DeltaTables;
import fr.spplus.publish.GoldTables;
import fr.spplus.publish.TableSpec;
import fr.spplus.publish.Tables;
import fr.spplus.sample.SampleGenerator;
import fr.spplus.testing.Frames;
import fr.spplus.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line on a generated nasty sample (every kind of bad record and bad file), checked
 * against the generator's own account of what it wrote (expected.json), which is computed from the
 * contract's rules independently of the job's code.
 */
class RunCommandEndToEndIT {

  @TempDir
  static Path dir;
  static Path input;
  static String warehouse;
  static JsonNode expected;
  static int firstExit;
  static DeltaTables tables;

  @BeforeAll
  static void runOnNastySample() throws IOException {
    input = dir.resolve("exports");
    SampleGenerator.generate(new SampleGenerator.Options(input, 300, 2, LocalDate.of(2024, 3, 1), 91, 42L, true,
        false));
    expected = new ObjectMapper().readTree(input.resolve("expected.json").toFile());
    warehouse = dir.resolve("warehouse").toString();
    // A configuration file with a Delta table property: every table the run creates must carry it.
    Path config = dir.resolve("test.properties");
    Files.writeString(config, "spark.sql.shuffle.partitions=4\ndelta.logRetentionDuration=interval 45 days\n");
    firstExit = Main.execute(new String[] {"run", "--input", input.toString(), "--warehouse", warehouse,
        "--config", config.toString()});
    tables = new DeltaTables(SharedSpark.spark(), warehouse);
  }

  @Test
  void exitCodeThreeWhenSomeFilesAreRejected() {
    assertEquals(3, firstExit);
  }

  @Test
  void perFileRecordCountsMatchTheGeneratorsAccountAndReadEqualsAcceptedPlusQuarantined() {
    Map<String, Row> ledger = new HashMap<>();
    for (Row r : tables.read(Tables.AUDIT_FILES).collectAsList()) {
      ledger.put(r.getAs("source_file"), r);
    }
    for (JsonNode f : expected.get("files")) {
      Row r = ledger.get(f.get("file").asText());
      String name = f.get("file").asText();
      assertEquals("ingested", r.getAs("status"), name);
      long read = r.getAs("records_read");
      long accepted = r.getAs("records_accepted");
      long quarantined = r.getAs("records_quarantined");
      assertEquals(f.get("records").asLong(), read, name);
      assertEquals(f.get("accepted").asLong(), accepted, name);
      assertEquals(f.get("quarantined").asLong(), quarantined, name);
      assertEquals(read, accepted + quarantined, name);
      assertEquals(f.get("encoding").asText(), r.getAs("encoding"), name);
      assertEquals(f.get("separator").asText(), r.getAs("separator"), name);
      Map<String, Long> byReason = new HashMap<>();
      f.get("quarantine").fields().forEachRemaining(e -> {
        if (e.getValue().asLong() > 0) {
          byReason.put(e.getKey(), e.getValue().asLong());
        }
      });
      assertEquals(byReason, new HashMap<>(r.<String, Long>getJavaMap(r.fieldIndex("quarantined_by_reason"))), name);
    }
  }

  @Test
  void rejectedFilesAreInTheLedgerWithTheirReason() {
    Map<String, String> reasons = new HashMap<>();
    for (Row r : tables.read(Tables.AUDIT_FILES).where(col("status").equalTo("rejected")).collectAsList()) {
      reasons.put(r.getAs("source_file"), r.getAs("rejection_reason"));
    }
    Map<String, String> expectedReasons = Map.of(
        "duplicate_column", "header names the column 'Etat expérience' twice",
        "missing_required_column", "missing required column 'Date de publication'",
        "empty_file", "empty file: no header line");
    assertEquals(expected.get("rejected_files").size(), reasons.size());
    for (JsonNode f : expected.get("rejected_files")) {
      String why = reasons.get(f.get("file").asText());
      assertTrue(why.startsWith(expectedReasons.get(f.get("reason").asText())), f.get("file") + ": " + why);
    }
  }

  @Test
  void everyQuarantinedRecordIsTheOneTheGeneratorDamagedWithTheSameReason() {
    Set<String> want = new HashSet<>();
    for (JsonNode f : expected.get("files")) {
      for (JsonNode q : f.get("quarantined_records")) {
        want.add(f.get("file").asText() + "#" + q.get("record_number").asLong() + ":" + q.get("reason").asText());
      }
    }
    Set<String> got = new HashSet<>();
    for (Row r : tables.read(Tables.SILVER_QUARANTINE).collectAsList()) {
      got.add(r.getAs("source_file") + "#" + r.<Long>getAs("record_number") + ":" + r.getAs("reason"));
      assertTrue(r.<String>getAs("raw_record") != null && !r.<String>getAs("raw_record").isEmpty());
    }
    assertEquals(want, got);
  }

  @Test
  void silverHasOneRowPerAcceptedExperienceAndTheRunIsAudited() {
    assertEquals(expected.get("experiences").asLong(), tables.read(Tables.SILVER_EXPERIENCES).count());
    assertEquals(expected.get("experiences").asLong(),
        tables.read(Tables.SILVER_EXPERIENCES).select("experience_id").distinct().count());
    JsonNode totals = expected.get("totals");
    Row run = tables.read(Tables.AUDIT_RUNS).orderBy("run_id").first();
    assertEquals("partial", run.getAs("status"));
    assertEquals(totals.get("files_seen").asLong(), (long) run.getAs("files_seen"));
    assertEquals(totals.get("files_ingested").asLong(), (long) run.getAs("files_ingested"));
    assertEquals(totals.get("files_rejected").asLong(), (long) run.getAs("files_rejected"));
    assertEquals(totals.get("records_read").asLong(), (long) run.getAs("records_read"));
    assertEquals(totals.get("records_accepted").asLong(), (long) run.getAs("records_accepted"));
    assertEquals(totals.get("records_quarantined").asLong(), (long) run.getAs("records_quarantined"));
    assertEquals(totals.get("records_read").asLong(), tables.read(Tables.BRONZE_EXPERIENCES_RAW).count());
    Map<String, Long> versions = run.getJavaMap(run.fieldIndex("table_versions"));
    for (TableSpec gold : GoldTables.ALL) {
      assertTrue(versions.containsKey(gold.path()), gold.path() + " missing from table_versions");
    }
  }

  /** Gold adds up to the generator's account: every accepted experience once per region, once per month. */
  @Test
  void goldFiguresAddUpToTheGeneratorsExperiences() {
    long experiences = expected.get("experiences").asLong();
    for (TableSpec t : List.of(GoldTables.KPI_BY_REGION, GoldTables.KPI_BY_REGION_MONTH)) {
      long summed = tables.read(t).agg(org.apache.spark.sql.functions.sum("experiences")).first().getLong(0);
      assertEquals(experiences, summed, t.path() + ": experiences summed over its rows");
    }
  }

  @Test
  void dataQualityIssuesAreExactlyThoseTheGeneratorInjectedIntoWinningRecords() {
    Set<String> want = new HashSet<>();
    for (JsonNode i : expected.get("data_quality_issues")) {
      want.add(i.get("experience_id").asLong() + " " + i.get("source_file").asText() + " " + i.get("column").asText()
          + " " + i.get("issue").asText() + " [" + i.get("raw_value").asText() + "]");
    }
    Set<String> got = new HashSet<>();
    long aiInvalid = 0;
    // Negative delays are not injected: about 3 % of the generated first responses come before
    // publication (data/sample/README.md), an issue of the data itself rather than a damaged value.
    for (Row r : tables.read(Tables.SILVER_DATA_QUALITY_ISSUES).where(col("issue").notEqual("negative_delay"))
        .collectAsList()) {
      got.add(r.<Long>getAs("experience_id") + " " + r.getAs("source_file") + " " + r.getAs("column") + " "
          + r.getAs("issue") + " [" + r.getAs("raw_value") + "]");
      if (r.<String>getAs("column").startsWith("Taux de similarité réponse IA structure ")) {
        assertEquals("invalid_number", r.getAs("issue"));
        aiInvalid++;
      }
    }
    assertEquals(want, got);
    // The generator writes 85,5 / 120 / -3 / n/a into each snapshot; those that won are counted.
    assertTrue(expected.get("invalid_ai_similarity").asLong() > 0);
    assertEquals(expected.get("invalid_ai_similarity").asLong(), aiInvalid);
    assertEquals(0L, tables.read(Tables.SILVER_EXPERIENCE_STRUCTURES)
        .where(col("ai_similarity").lt(0).or(col("ai_similarity").gt(100))).count());
  }

  @Test
  void snapshotActivityIsTheHistoryTheGeneratorWrote() {
    // expected.json's history: per snapshot, the versions the generator's records make, worked out
    // from what it meant each record to say and the damage it did (ExpectedHistory), not by the job.
    List<String> want = new ArrayList<>();
    for (JsonNode h : expected.get("history")) {
      JsonNode previous = h.get("previous_snapshot_date");
      want.add(activity(h.get("snapshot_date").asText(), previous.isNull() ? null : previous.asText(),
          h.get("present").asLong(), h.get("published").asLong(), h.get("changed").asLong(),
          h.get("removed").asLong(), h.get("reappeared").asLong(), h.get("newly_answered").asLong()));
    }
    List<String> got = new ArrayList<>();
    for (Row r : tables.read(GoldTables.SNAPSHOT_ACTIVITY).orderBy("snapshot_date").collectAsList()) {
      Object previous = r.getAs("previous_snapshot_date");
      got.add(activity(r.getAs("snapshot_date").toString(), previous == null ? null : previous.toString(),
          r.getAs("present"), r.getAs("published"), r.getAs("changed"), r.getAs("removed"), r.getAs("reappeared"),
          r.getAs("newly_answered")));
    }
    assertEquals(want, got);
    assertTrue(want.size() >= 4, "the old, comma and two regular exports are four snapshots: " + want);
  }

  private static String activity(String date, String previous, long present, long published, long changed,
                                 long removed, long reappeared, long newlyAnswered) {
    return date + " (previous " + previous + "): present " + present + ", published " + published + ", changed "
        + changed + ", removed " + removed + ", reappeared " + reappeared + ", newly answered " + newlyAnswered;
  }

  @Test
  void everyTableIsReadableByDeltaReadersOfProtocolVersionOne() {
    for (TableSpec t : fr.spplus.publish.DataDictionary.allTables()) {
      Row detail = io.delta.tables.DeltaTable.forPath(SharedSpark.spark(), tables.path(t)).detail().first();
      assertEquals(1, (int) detail.getAs("minReaderVersion"), t.path());
      String comment = tables.read(t).schema().fields()[0].getComment().getOrElse(() -> "");
      assertTrue(!comment.isEmpty(), t.path() + " first column has no Delta comment");
    }
  }

  @Test
  void tablesAreCreatedWithTheConfiguredPropertiesAndBronzeWithStatisticsOnItsMetadataColumnsOnly() {
    for (TableSpec t : fr.spplus.publish.DataDictionary.allTables()) {
      Row detail = io.delta.tables.DeltaTable.forPath(SharedSpark.spark(), tables.path(t)).detail().first();
      Map<String, String> properties = detail.getJavaMap(detail.fieldIndex("properties"));
      assertEquals("interval 45 days", properties.get("delta.logRetentionDuration"), t.path());
      assertEquals(t == Tables.BRONZE_EXPERIENCES_RAW ? Integer.toString(Tables.BRONZE_METADATA.size()) : null,
          properties.get("delta.dataSkippingNumIndexedCols"), t.path());
      // Set by the creating commit itself: no table needed a SET TBLPROPERTIES commit.
      assertEquals(0, io.delta.tables.DeltaTable.forPath(SharedSpark.spark(), tables.path(t)).history()
          .where(col("operation").equalTo("SET TBLPROPERTIES")).count(), t.path());
    }
  }

  @Test
  void secondRunOnTheSameInputsIngestsNothingAndChangesNoTable() {
    List<TableSpec> data = new java.util.ArrayList<>(List.of(Tables.BRONZE_EXPERIENCES_RAW, Tables.SILVER_EXPERIENCES,
        Tables.SILVER_EXPERIENCE_TYPOLOGIES, Tables.SILVER_EXPERIENCE_STRUCTURES, Tables.SILVER_QUARANTINE,
        Tables.SILVER_DATA_QUALITY_ISSUES, Tables.SILVER_EXPERIENCE_HISTORY));
    data.addAll(GoldTables.ALL);
    Map<TableSpec, Long> before = new HashMap<>();
    for (TableSpec t : data) {
      before.put(t, tables.version(t));
    }
    Map<TableSpec, Dataset<Row>> snapshot = new HashMap<>();
    for (TableSpec t : List.of(Tables.SILVER_EXPERIENCES, GoldTables.RECOMPUTED.get(0))) {
      snapshot.put(t, SharedSpark.spark().createDataFrame(tables.read(t).collectAsList(), tables.read(t).schema()));
    }
    assertEquals(3, Main.execute(new String[] {"run", "--input", input.toString(), "--warehouse", warehouse}));
    for (TableSpec t : data) {
      assertEquals(before.get(t), tables.version(t), t.path() + " was written again");
    }
    snapshot.forEach((t, frame) -> Frames.assertFrameEquals(frame, tables.read(t), t.columns().get(0)));
    Row second = tables.read(Tables.AUDIT_RUNS).orderBy(col("run_id").desc()).first();
    assertEquals(0L, (long) second.getAs("files_ingested"));
    assertEquals(4L, (long) second.getAs("files_skipped"));
    assertEquals(0L, (long) second.getAs("records_read"));
  }
}
