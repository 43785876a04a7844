package fr.spplus.job;

import static org.apache.spark.sql.functions.col;

import fr.spplus.audit.FileLedger;
import fr.spplus.audit.RunRecord;
import fr.spplus.bronze.BronzeStage;
import fr.spplus.faults.FaultPoints;
import fr.spplus.gold.GoldStage;
import fr.spplus.publish.DeltaTables;
import fr.spplus.publish.TableSpec;
import fr.spplus.publish.Tables;
import fr.spplus.silver.SilverStage;
import fr.spplus.silver.Verdicts;
import fr.spplus.source.ExportDiscovery;
import fr.spplus.source.ExportFile;
import fr.spplus.source.ExportReader;
import fr.spplus.source.FileProbe;
import fr.spplus.source.ProbedFile;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the job: ingest the new export files into bronze, bring silver and gold up to date,
 * record the run in audit/runs. The stages run in this order, each one Delta transaction per table:
 *
 * <ol>
 *   <li>lock the warehouse; remove bronze rows of a run that died before its ledger entry;</li>
 *   <li>discover and probe the files; skip those already ingested with the same content;</li>
 *   <li>bronze: append the records of the new files;</li>
 *   <li>ledger (audit/files): one row per file ingested or rejected, with its record counts;</li>
 *   <li>silver: quarantine, winners, experiences, slots, data-quality issues;</li>
 *   <li>gold: the indicators, from silver;</li>
 *   <li>audit/runs: the run's row, naming the Delta version of every table it wrote. That row is
 *       the publication point: readers who need silver and gold of one run read those versions.</li>
 * </ol>
 *
 * A run that dies part-way leaves every table readable; the next run repairs (orphan bronze rows
 * removed, silver rebuilt in full when the last ingesting run did not finish).
 */
public final class RunJob {

  private static final Logger LOG = LoggerFactory.getLogger(RunJob.class);

  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_USAGE = 2;
  public static final int EXIT_FILES_REJECTED = 3;

  private final SparkSession spark;
  private final RunOptions options;
  private final Progress progress;
  private final DeltaTables tables;
  private final Configuration hadoopConf;

  public RunJob(SparkSession spark, RunOptions options, Progress progress) {
    this.spark = spark;
    this.options = options;
    this.progress = progress;
    this.tables = new DeltaTables(spark, options.warehouse(), options.tableProperties());
    this.hadoopConf = spark.sparkContext().hadoopConfiguration();
  }

  /** A run's outcome: its audit row and the exit code the command line returns. */
  public record Outcome(RunRecord record, int exitCode) {}

  public static String newRunId(Instant startedAt) {
    return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC).format(startedAt)
        + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public Outcome run() {
    Instant startedAt = Instant.now();
    String runId = newRunId(startedAt);
    RunRecord.Builder record = RunRecord.builder(runId, startedAt, options.describe());
    progress.say("spplus run %s: warehouse %s", runId, options.warehouse());
    // A missing input is a usage error: found before anything is locked or written.
    List<ExportFile> files = ExportDiscovery.discover(options.inputs(), hadoopConf);
    try (WarehouseLock lock = WarehouseLock.acquire(options.warehouse(), runId, hadoopConf)) {
      try {
        execute(runId, record, files);
      } catch (Exception e) {
        // Spark throws checked exceptions undeclared (AnalysisException: a file gone since it was probed):
        // they too must leave a failed audit row and reach the command line as a RuntimeException.
        record.failed(e);
        writeFailedRecord(record);
        throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
      }
    }
    RunRecord done = record.build();
    progress.say("run %s %s: %d files seen, %d ingested, %d skipped, %d rejected; %d records read, %d accepted, "
            + "%d quarantined; %d experiences", runId, done.status(), done.filesSeen(), done.filesIngested(),
        done.filesSkipped(), done.filesRejected(), done.recordsRead(), done.recordsAccepted(),
        done.recordsQuarantined(), done.experiences());
    return new Outcome(done, done.filesRejected() > 0 ? EXIT_FILES_REJECTED : EXIT_OK);
  }

  private void execute(String runId, RunRecord.Builder record, List<ExportFile> files) {
    // Quarantine verdicts kept for several passes (see Verdicts); freed when the run ends.
    List<Dataset<Row>> kept = new ArrayList<>();
    Dataset<Row> runVerdicts = null;
    try {
      FileLedger ledger = new FileLedger(spark, tables);
      BronzeStage bronze = new BronzeStage(spark, tables);
      Map<TableSpec, Long> versions = new LinkedHashMap<>();

      List<String> removed = progress.stage("recover", () -> bronze.removeOrphans(new HashSet<>(ledger.ingestingRuns())));
      if (!removed.isEmpty()) {
        progress.say("removed bronze rows of unfinished runs %s (their files are read again)", removed);
      }

      Map<String, FileLedger.Entry> known = ledger.latestIngested();
      Plan plan = progress.stage("discover", () -> plan(known, files));
      record.files(plan.seen, plan.toIngest.size(), plan.skipped, plan.rejected.size());
      for (ProbedFile r : plan.rejected) {
        progress.say("REJECTED %s: %s", r.file().path(), r.rejection());
      }
      for (ExportFile s : plan.skippedFiles) {
        progress.say("skipped  %s (already ingested, same content)", s.name());
      }

      Timestamp ingestedAt = Timestamp.from(Instant.now());
      List<FileLedger.Entry> entries = new ArrayList<>();
      boolean reingested = false;
      if (!plan.toIngest.isEmpty()) {
        spark.sparkContext().setJobDescription("bronze: append " + plan.toIngest.size() + " files");
        versions.put(Tables.BRONZE_EXPERIENCES_RAW, progress.stage("bronze", () -> bronze.append(
            bronze.read(plan.toIngest, new ExportReader.ReadContext(runId, ingestedAt)), runId)));
        spark.sparkContext().setJobDescription("bronze: count records per file");
        // The rules are evaluated once, here; silver reuses the verdicts (see Verdicts).
        runVerdicts = keep(kept, Verdicts.of(bronze.rowsOf(runId)));
        Dataset<Row> verdicts = runVerdicts;
        Map<String, Map<String, Long>> counts = progress.stage("count", () -> countsByFile(verdicts));
        for (ProbedFile f : plan.toIngest) {
          boolean again = known.containsKey(f.file().name());
          reingested |= again;
          Map<String, Long> byReason = counts.getOrDefault(f.file().name(), Map.of());
          entries.add(Ledgers.ingested(runId, f, again, byReason));
        }
      }
      for (ProbedFile r : plan.rejected) {
        entries.add(Ledgers.rejected(runId, r));
      }
      for (FileLedger.Entry e : entries) {
        if (e.ingested()) {
          record.addRecords(e.recordsRead(), e.recordsAccepted(), e.recordsQuarantined());
          progress.say("ingested %s: snapshot %s, %s, sep '%s': %d records read, %d accepted, %d quarantined %s",
              e.sourceFile(), e.snapshotDate(), e.encoding(), e.separator(), e.recordsRead(), e.recordsAccepted(),
              e.recordsQuarantined(), e.quarantinedByReason().isEmpty() ? "" : e.quarantinedByReason());
        }
      }
      if (!entries.isEmpty()) {
        versions.put(Tables.AUDIT_FILES, progress.stage("ledger", () -> ledger.append(entries, runId)));
        FaultPoints.reached(FaultPoints.LEDGER_AFTER_COMMIT);
      }

      SilverStage.Mode mode = silverMode(runId, reingested, !plan.toIngest.isEmpty());
      record.silverMode(mode == null ? "none" : mode.name().toLowerCase(java.util.Locale.ROOT));
      if (mode != null) {
        spark.sparkContext().setJobDescription("silver (" + mode + ")");
        Dataset<Row> layouts = ledger.currentVersions()
            .select(col("source_file"), col("content_hash"), col("header_keys"), col("separator"));
        Dataset<Row> records;
        Dataset<Row> verdicts;
        if (mode == SilverStage.Mode.FULL) {
          records = tables.read(Tables.BRONZE_EXPERIENCES_RAW).join(
              layouts.select("source_file", "content_hash"), new String[] {"source_file", "content_hash"}, "left_semi");
          // This run's records were judged already; the older files' records are judged now.
          verdicts = keep(kept, runVerdicts == null ? Verdicts.of(records)
              : runVerdicts.unionByName(Verdicts.of(records.where(col("run_id").notEqual(runId)))));
        } else {
          records = bronze.rowsOf(runId);
          verdicts = runVerdicts;
        }
        versions.putAll(progress.stage("silver",
            () -> new SilverStage(tables).write(mode, records, verdicts, layouts, runId)));
        spark.sparkContext().setJobDescription("gold");
        versions.putAll(progress.stage("gold", () -> new GoldStage(tables, options.minCellSize()).write(runId)));
      } else {
        progress.say("silver and gold are up to date: nothing new to ingest");
      }
      record.experiences(tables.exists(Tables.SILVER_EXPERIENCES) ? tables.read(Tables.SILVER_EXPERIENCES).count() : 0);
      record.tableVersions(versions);
      record.stageSeconds(progress.stageSeconds());
      record.succeeded();
      spark.sparkContext().setJobDescription("audit");
      FaultPoints.reached(FaultPoints.AUDIT_BEFORE_RUN_ROW);
      new RunRecord.Writer(spark, tables).append(record.build());
    } finally {
      kept.forEach(Dataset::unpersist);
    }
  }

  private static Dataset<Row> keep(List<Dataset<Row>> kept, Dataset<Row> frame) {
    Dataset<Row> persisted = frame.persist(StorageLevel.MEMORY_AND_DISK());
    kept.add(persisted);
    return persisted;
  }

  /**
   * Full rebuild when there is no silver yet, when a file changed content under the same name (its
   * old records must go), or when an earlier run that ingested files did not finish (its records may
   * be in bronze but not in silver and gold). Incremental when this run ingested files. Null when
   * silver and gold are already current.
   */
  private SilverStage.Mode silverMode(String runId, boolean reingested, boolean ingestedNow) {
    List<String> ingesting = new FileLedger(spark, tables).ingestingRuns();
    if (ingesting.isEmpty()) {
      return null;
    }
    String previousIngest = ingesting.stream().filter(r -> !r.equals(runId)).max(String::compareTo).orElse(null);
    String lastCompleted = RunRecord.lastCompletedRun(spark, tables);
    boolean behind = previousIngest != null && (lastCompleted == null || lastCompleted.compareTo(previousIngest) < 0);
    boolean silverMissing = !tables.exists(Tables.SILVER_WINNING_RECORDS);
    if (silverMissing || reingested || behind) {
      return SilverStage.Mode.FULL;
    }
    return ingestedNow ? SilverStage.Mode.INCREMENTAL : null;
  }

  private Map<String, Map<String, Long>> countsByFile(Dataset<Row> verdicts) {
    Map<String, Map<String, Long>> out = new HashMap<>();
    for (Row r : Verdicts.countsByFile(verdicts).collectAsList()) {
      String reason = r.isNullAt(1) ? Ledgers.ACCEPTED : r.getString(1);
      out.computeIfAbsent(r.getString(0), k -> new HashMap<>()).put(reason, r.getLong(2));
    }
    return out;
  }

  private record Plan(int seen, List<ProbedFile> toIngest, int skipped, List<ExportFile> skippedFiles,
                      List<ProbedFile> rejected) {}

  private Plan plan(Map<String, FileLedger.Entry> known, List<ExportFile> files) {
    FileProbe.Overrides overrides = new FileProbe.Overrides(options.inputEncoding(), options.inputSeparator());
    List<ProbedFile> toIngest = new ArrayList<>();
    List<ProbedFile> rejected = new ArrayList<>();
    List<ExportFile> skipped = new ArrayList<>();
    // A file whose name, size and modification time match its ledger entry is the file already
    // ingested: skipping it unread keeps a daily run's cost independent of the history's length.
    List<ExportFile> unchanged = files.stream().filter(f -> unchanged(f, known.get(f.name()))).toList();
    skipped.addAll(unchanged);
    // Probing reads each file once (hash, encoding): files are probed in parallel, results kept in order.
    List<ProbedFile> probes = files.stream().filter(f -> !unchanged.contains(f)).toList().parallelStream()
        .map(f -> FileProbe.probe(f, hadoopConf, overrides)).toList();
    for (ProbedFile probed : probes) {
      ExportFile f = probed.file();
      FileLedger.Entry previous = known.get(f.name());
      if (probed.rejected()) {
        rejected.add(probed);
      } else if (previous != null && previous.contentHash().equals(probed.contentHash())) {
        skipped.add(f);
      } else {
        toIngest.add(probed);
      }
    }
    LOG.debug("plan: {} to ingest, {} skipped, {} rejected", toIngest.size(), skipped.size(), rejected.size());
    return new Plan(files.size(), toIngest, skipped.size(), skipped, rejected);
  }

  private static boolean unchanged(ExportFile f, FileLedger.Entry previous) {
    return previous != null && previous.sizeBytes() == f.sizeBytes()
        && previous.modifiedAt().toInstant().equals(f.modifiedAt());
  }

  private void writeFailedRecord(RunRecord.Builder record) {
    try {
      record.stageSeconds(progress.stageSeconds());
      new RunRecord.Writer(spark, tables).append(record.build());
    } catch (RuntimeException e) {
      LOG.warn("could not write the audit row of the failed run: {}", e.getMessage());
    }
  }
}
