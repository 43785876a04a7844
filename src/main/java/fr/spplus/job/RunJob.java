package fr.spplus.job;

import static fr.spplus.source.BronzeColumns.CONTENT_HASH;
import static fr.spplus.source.BronzeColumns.RUN_ID;
import static fr.spplus.source.BronzeColumns.SNAPSHOT_DATE;
import static fr.spplus.source.BronzeColumns.SOURCE_FILE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.max;

import fr.spplus.audit.FileLedger;
import fr.spplus.audit.RunManifest;
import fr.spplus.audit.RunRecord;
import fr.spplus.bronze.BronzeStage;
import fr.spplus.faults.FaultPoints;
import fr.spplus.gold.GoldStage;
import fr.spplus.gold.HistoryIndicatorsStage;
import fr.spplus.publish.DeltaTables;
import fr.spplus.publish.TableSpec;
import fr.spplus.publish.Tables;
import fr.spplus.silver.HistoryStage;
import fr.spplus.silver.SilverStage;
import fr.spplus.silver.Verdicts;
import fr.spplus.source.ExportDiscovery;
import fr.spplus.source.ExportFile;
import fr.spplus.source.ExportReader;
import fr.spplus.source.FileProbe;
import fr.spplus.source.ProbedFile;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
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
 *   <li>history: silver/experience_history, merged (one later snapshot) or rebuilt from bronze;</li>
 *   <li>gold: the indicators, from silver; then the two history tables, from the history;</li>
 *   <li>audit/runs: the run's row, naming the Delta version of every table it wrote. That row is
 *       the publication point: readers who need silver and gold of one run read those versions.</li>
 * </ol>
 *
 * A run that dies part-way leaves every table readable; the next run repairs (orphan bronze rows
 * removed, silver rebuilt in full when the last ingesting run did not finish).
 */
public final class RunJob {

  private static final Logger LOG = LoggerFactory.getLogger(RunJob.class);

  private final SparkSession spark;
  private final RunOptions options;
  private final Progress progress;
  private final DeltaTables tables;
  private final Configuration hadoopConf;
  private final FileLedger ledger;
  private final BronzeStage bronze;
  /** How the gold steps run their queries (see InterpretedExpressions). */
  private final InterpretedExpressions goldQueries;

  public RunJob(SparkSession spark, RunOptions options, Progress progress) {
    this.spark = spark;
    this.options = options;
    this.progress = progress;
    this.tables = new DeltaTables(spark, options.warehouse(), options.tableProperties());
    this.hadoopConf = spark.sparkContext().hadoopConfiguration();
    this.ledger = new FileLedger(spark, tables);
    this.bronze = new BronzeStage(spark, tables);
    this.goldQueries = new InterpretedExpressions(spark, options.sparkConf());
  }

  /** A run's outcome: its audit row (the command line derives its exit code from it). */
  public record Outcome(RunRecord record) {}

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
    return new Outcome(done);
  }

  /** The steps of a run, in order (see the class comment); each is one method below. */
  private void execute(String runId, RunRecord.Builder record, List<ExportFile> files) {
    ThisRun run = new ThisRun(runId, record);
    try {
      recover();
      RunPlan plan = plan(run, files);
      boolean reingested = ingest(run, plan);
      SilverStage.Mode mode = silverMode(runId, reingested, !plan.toIngest().isEmpty());
      record.silverMode(mode == null ? "none" : mode.name().toLowerCase(Locale.ROOT));
      if (mode == null) {
        progress.say("silver and gold are up to date: nothing new to ingest");
      } else {
        long experiencesBefore = tables.version(Tables.SILVER_EXPERIENCES);
        silver(run, mode);
        LocalDate merged = history(run, mode);
        gold(run);
        historyGold(run, merged, experiencesBefore);
      }
      audit(run);
      writeManifest(run.runId, run.experiences, run.known, plan.skipped(), run.entries, run.versions);
    } finally {
      run.kept.forEach(Dataset::unpersist);
    }
  }

  /** What the steps of one run hand each other. */
  private static final class ThisRun {
    final String runId;
    final RunRecord.Builder record;
    final Map<TableSpec, Long> versions = new LinkedHashMap<>();
    /** Quarantine verdicts kept for several passes (see Verdicts); freed when the run ends. */
    final List<Dataset<Row>> kept = new ArrayList<>();
    /** The ledger's latest entry per file name, before this run. */
    Map<String, FileLedger.Entry> known = Map.of();
    /** The verdicts on this run's bronze rows, or null when it ingested nothing. */
    Dataset<Row> verdicts;
    /** The snapshot dates of the files this run ingested. */
    final Set<LocalDate> newSnapshots = new TreeSet<>();
    /** What silver was written from: the bronze rows, their verdicts, the file layouts. */
    Dataset<Row> silverRecords;
    Dataset<Row> silverVerdicts;
    Dataset<Row> layouts;
    /** The ledger entries this run wrote. */
    List<FileLedger.Entry> entries = List.of();
    /** silver/experiences' rows after this run. */
    long experiences;

    ThisRun(String runId, RunRecord.Builder record) {
      this.runId = runId;
      this.record = record;
    }

    Dataset<Row> keep(Dataset<Row> frame) {
      Dataset<Row> persisted = frame.persist(StorageLevel.MEMORY_AND_DISK());
      kept.add(persisted);
      return persisted;
    }
  }

  /** Removes the bronze rows of runs that died before writing their ledger entries. */
  private void recover() {
    Set<String> ledgerRuns = new HashSet<>(ledger.ingestingRuns());
    List<String> removed = progress.stage(spark.sparkContext(), "recover", null,
        () -> bronze.removeOrphans(ledgerRuns));
    if (!removed.isEmpty()) {
      progress.say("removed bronze rows of unfinished runs %s (their files are read again)", removed);
    }
  }

  /** Probes the files and decides which to ingest, skip or reject. */
  private RunPlan plan(ThisRun run, List<ExportFile> files) {
    run.known = ledger.latestIngested();
    FileProbe.Overrides overrides = new FileProbe.Overrides(options.inputEncoding(), options.inputSeparator());
    RunPlan plan = progress.stage("discover", () -> RunPlan.of(files, run.known, overrides, hadoopConf));
    LOG.debug("plan: {} to ingest, {} skipped, {} rejected", plan.toIngest().size(), plan.skipped().size(),
        plan.rejected().size());
    run.record.files(plan.seen(), plan.toIngest().size(), plan.skipped().size(), plan.rejected().size());
    for (ProbedFile r : plan.rejected()) {
      progress.say("REJECTED %s: %s", r.file().path(), r.rejection());
    }
    for (ExportFile s : plan.skipped()) {
      progress.say("skipped  %s (already ingested, same content)", s.name());
    }
    return plan;
  }

  /**
   * Appends the new files' records to bronze, judges them once, and writes one ledger row per file
   * ingested or rejected. True when a file was ingested again with a new content.
   */
  private boolean ingest(ThisRun run, RunPlan plan) {
    List<FileLedger.Entry> entries = new ArrayList<>();
    boolean reingested = false;
    if (!plan.toIngest().isEmpty()) {
      Timestamp ingestedAt = Timestamp.from(Instant.now());
      ExportReader.ReadContext context = new ExportReader.ReadContext(run.runId, ingestedAt);
      run.versions.put(Tables.BRONZE_EXPERIENCES_RAW, progress.stage(spark.sparkContext(), "bronze",
          "append " + plan.toIngest().size() + " files",
          () -> bronze.append(bronze.read(plan.toIngest(), context), run.runId)));
      // The rules are evaluated once, here; silver reuses the verdicts (see Verdicts).
      run.verdicts = run.keep(Verdicts.of(bronze.rowsOf(run.runId)));
      Map<String, Map<String, Long>> counts = progress.stage(spark.sparkContext(), "count",
          "records per file and reason", () -> countsByFile(run.verdicts));
      for (ProbedFile f : plan.toIngest()) {
        boolean again = run.known.containsKey(f.file().name());
        reingested |= again;
        entries.add(Ledgers.ingested(run.runId, f, again, counts.getOrDefault(f.file().name(), Map.of())));
      }
      entries.forEach(e -> run.newSnapshots.add(e.snapshotDate().toLocalDate()));
    }
    for (ProbedFile r : plan.rejected()) {
      entries.add(Ledgers.rejected(run.runId, r));
    }
    for (FileLedger.Entry e : entries) {
      if (e.ingested()) {
        run.record.addRecords(e.recordsRead(), e.recordsAccepted(), e.recordsQuarantined());
        progress.say("ingested %s: snapshot %s, %s, sep '%s': %d records read, %d accepted, %d quarantined %s",
            e.sourceFile(), e.snapshotDate(), e.encoding(), e.separator(), e.recordsRead(), e.recordsAccepted(),
            e.recordsQuarantined(), e.quarantinedByReason().isEmpty() ? "" : e.quarantinedByReason());
      }
    }
    run.entries = entries;
    if (!entries.isEmpty()) {
      run.versions.put(Tables.AUDIT_FILES, progress.stage(spark.sparkContext(), "ledger", null,
          () -> ledger.append(entries, run.runId)));
      FaultPoints.reached(FaultPoints.LEDGER_AFTER_COMMIT);
    }
    return reingested;
  }

  /** Brings silver up to date: from this run's records, or from every current file's in full. */
  private void silver(ThisRun run, SilverStage.Mode mode) {
    Dataset<Row> layouts = ledger.currentVersions()
        .select(col(SOURCE_FILE), col(CONTENT_HASH), col("header_keys"), col("separator"));
    Dataset<Row> records;
    Dataset<Row> verdicts;
    if (mode == SilverStage.Mode.FULL) {
      records = currentRecords(layouts);
      verdicts = run.keep(allVerdicts(run, records));
    } else {
      records = bronze.rowsOf(run.runId);
      verdicts = run.verdicts;
    }
    run.silverRecords = records;
    run.silverVerdicts = verdicts;
    run.layouts = layouts;
    run.versions.putAll(progress.stage(spark.sparkContext(), "silver", mode.name().toLowerCase(Locale.ROOT),
        () -> new SilverStage(tables).write(mode, records, verdicts, layouts, run.runId)));
  }

  /** The bronze rows of the current version of every ingested file. */
  private Dataset<Row> currentRecords(Dataset<Row> layouts) {
    return tables.read(Tables.BRONZE_EXPERIENCES_RAW).join(
        layouts.select(SOURCE_FILE, CONTENT_HASH), new String[] {SOURCE_FILE, CONTENT_HASH}, "left_semi");
  }

  /** The verdicts of {@code records}: this run's records were judged already, the older ones are judged now. */
  private static Dataset<Row> allVerdicts(ThisRun run, Dataset<Row> records) {
    return run.verdicts == null ? Verdicts.of(records)
        : run.verdicts.unionByName(Verdicts.of(records.where(col(RUN_ID).notEqual(run.runId))));
  }

  /**
   * Brings silver/experience_history up to date: merges the new snapshot of a daily run, rebuilds
   * it from bronze otherwise (see {@link HistoryStage}).
   *
   * @return the snapshot merged, or null when the history was rebuilt
   */
  private LocalDate history(ThisRun run, SilverStage.Mode silverMode) {
    HistoryStage stage = new HistoryStage(tables);
    boolean silverRebuilt = silverMode == SilverStage.Mode.FULL;
    Row newest = ledger.currentVersions().where(col(RUN_ID).notEqual(run.runId))
        .agg(max(col(SNAPSHOT_DATE))).first();
    LocalDate newestBefore = newest.isNullAt(0) ? null : newest.getDate(0).toLocalDate();
    if (stage.mode(silverRebuilt, run.newSnapshots, newestBefore) == HistoryStage.Mode.MERGE) {
      LocalDate date = run.newSnapshots.iterator().next();
      run.versions.put(Tables.SILVER_EXPERIENCE_HISTORY, progress.stage(spark.sparkContext(), "history",
          "merge snapshot " + date, () -> stage.merge(run.silverVerdicts, date, run.runId)));
      progress.say("history: snapshot %s merged", date);
      return date;
    }
    Dataset<Row> records = silverRebuilt ? run.silverRecords : currentRecords(run.layouts);
    Dataset<Row> verdicts = silverRebuilt ? run.silverVerdicts : run.keep(allVerdicts(run, records));
    Dataset<Row> snapshots = ledger.currentVersions().select(col(SNAPSHOT_DATE));
    run.versions.put(Tables.SILVER_EXPERIENCE_HISTORY, progress.stage(spark.sparkContext(), "history",
        "rebuild from bronze", () -> stage.rebuild(records, verdicts, snapshots, run.runId)));
    progress.say("history: rebuilt from bronze%s", silverRebuilt || newestBefore == null ? ""
        : run.newSnapshots.size() == 1
            ? " (snapshot " + run.newSnapshots.iterator().next() + " is not later than every snapshot ingested before)"
            : " (" + run.newSnapshots.size() + " snapshots in one run)");
    return null;
  }

  /**
   * Writes the history's gold tables: the merged snapshot's rows, or every row after a rebuild.
   *
   * @param experiencesBefore the version of silver/experiences before this run's silver step (-1: none)
   */
  private void historyGold(ThisRun run, LocalDate merged, long experiencesBefore) {
    Dataset<Row> snapshots = ledger.currentVersions().select(col(SNAPSHOT_DATE)).distinct()
        .withColumn("previous_snapshot_date", lag(col(SNAPSHOT_DATE), 1).over(Window.orderBy(col(SNAPSHOT_DATE))));
    run.versions.putAll(progress.stage(spark.sparkContext(), "gold history", merged == null ? "all snapshots"
        : "snapshot " + merged, () -> goldQueries.run(() -> new HistoryIndicatorsStage(tables, options.minCellSize())
            .write(snapshots, merged, experiencesBefore, run.runId))));
  }

  /** Recomputes the gold tables from silver. */
  private void gold(ThisRun run) {
    run.versions.putAll(progress.stage(spark.sparkContext(), "gold", null,
        () -> goldQueries.run(() -> new GoldStage(tables, options.minCellSize()).write(run.runId))));
  }

  /** Writes the run's audit/runs row: the publication point, naming every table version it wrote. */
  private void audit(ThisRun run) {
    RunRecord.Builder record = run.record;
    run.experiences = tables.exists(Tables.SILVER_EXPERIENCES) ? tables.read(Tables.SILVER_EXPERIENCES).count() : 0;
    record.experiences(run.experiences);
    record.tableVersions(run.versions);
    record.stageSeconds(progress.stageSeconds());
    record.succeeded();
    progress.describe(spark.sparkContext(), "audit", null);
    FaultPoints.reached(FaultPoints.AUDIT_BEFORE_RUN_ROW);
    new RunRecord.Writer(spark, tables).append(record.build());
  }

  /**
   * Full rebuild when there is no silver yet, when a file changed content under the same name (its
   * old records must go), or when an earlier run that ingested files did not finish (its records may
   * be in bronze but not in silver and gold). Incremental when this run ingested files. Null when
   * silver and gold are already current.
   */
  private SilverStage.Mode silverMode(String runId, boolean reingested, boolean ingestedNow) {
    List<String> ingesting = ledger.ingestingRuns();
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

  /**
   * The manifest the next run reads before starting Spark (see NothingNew): the ledger's current
   * files after this run, and every table's version now that the audit row is written. It is
   * only a cache: when it cannot be written the next run takes the full path.
   */
  private void writeManifest(String runId, long experiences, Map<String, FileLedger.Entry> before,
                             List<ExportFile> skipped, List<FileLedger.Entry> written,
                             Map<TableSpec, Long> writtenVersions) {
    Map<String, RunManifest.FileState> files = new HashMap<>();
    for (FileLedger.Entry e : before.values()) {
      files.put(e.sourceFile(), new RunManifest.FileState(e.sourceFile(), e.sizeBytes(), e.modifiedAt().getTime(),
          e.contentHash()));
    }
    // A skipped file holds its ledger version's content (same hash, or same size and time): its size
    // and time as listed now vouch for it next time, even when only a copy's time changed.
    for (ExportFile f : skipped) {
      FileLedger.Entry e = before.get(f.name());
      files.put(f.name(), new RunManifest.FileState(f.name(), f.sizeBytes(), f.modifiedAt().toEpochMilli(),
          e.contentHash()));
    }
    for (FileLedger.Entry e : written) {
      if (e.ingested()) {
        files.put(e.sourceFile(), new RunManifest.FileState(e.sourceFile(), e.sizeBytes(), e.modifiedAt().getTime(),
            e.contentHash()));
      }
    }
    try {
      Map<String, Long> now = RunManifest.tableVersions(options.warehouse(), hadoopConf);
      // Who wrote each table's current version: this run, or for a table it left alone, the writer
      // the previous manifest named for that same version. Unknown otherwise (sql then reads audit/runs).
      Map<String, String> writers = new HashMap<>();
      RunManifest.read(options.warehouse(), hadoopConf).ifPresent(previous -> previous.tableWriters().forEach(
          (table, writer) -> {
            if (previous.tableVersions().get(table).equals(now.get(table))) {
              writers.put(table, writer);
            }
          }));
      writtenVersions.forEach((spec, version) -> {
        if (version.equals(now.get(spec.path()))) {
          writers.put(spec.path(), runId);
        }
      });
      RunManifest.write(options.warehouse(), hadoopConf,
          new RunManifest.Content(runId, experiences, now, writers, files));
    } catch (RuntimeException e) {
      LOG.warn("could not write the run manifest (the next run reads the ledger instead): {}", e.getMessage());
      try {
        RunManifest.remove(options.warehouse(), hadoopConf);
      } catch (RuntimeException ignored) {
        // The stale manifest names table versions this run moved: the next run ignores it anyway.
      }
    }
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
