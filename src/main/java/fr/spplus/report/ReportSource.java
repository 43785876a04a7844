package fr.spplus.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.spplus.audit.RunRecord;
import fr.spplus.publish.DeltaTables;
import fr.spplus.publish.GoldTables;
import fr.spplus.publish.TableSpec;
import fr.spplus.publish.Tables;
import fr.spplus.report.ReportData.BacklogRow;
import fr.spplus.report.ReportData.AiAnswers;
import fr.spplus.report.ReportData.BusinessTagShare;
import fr.spplus.report.ReportData.FileSummary;
import fr.spplus.report.ReportData.Region;
import fr.spplus.report.ReportData.RegionKpi;
import fr.spplus.report.ReportData.RegionMonth;
import fr.spplus.report.ReportData.RunSummary;
import fr.spplus.report.ReportData.StructureKpi;
import fr.spplus.report.ReportData.TagShare;
import fr.spplus.report.ReportData.TypologyKpi;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what the report shows, consistently: the gold tables at the Delta versions recorded in
 * audit/runs by the last run that finished (succeeded or partial), never a version a later run wrote
 * without finishing. A run that found nothing new records no gold version; the versions then come
 * from the latest finished run that wrote each table. Gold rows are collected to the driver: the
 * gold tables are small aggregates (one row per region, structure, typology, …).
 *
 * <p>A warehouse written before gold had its small_cell column reads as if no row were flagged; the
 * report applies its own threshold anyway.
 */
final class ReportSource {

  private static final Logger LOG = LoggerFactory.getLogger(ReportSource.class);

  /** The warehouse has no finished run to report on. */
  static final class NothingToReportException extends IllegalStateException {
    NothingToReportException(String message) {
      super(message);
    }
  }

  private static final Set<String> FINISHED = Set.of(RunRecord.SUCCEEDED, RunRecord.PARTIAL);

  private final SparkSession spark;
  private final DeltaTables tables;

  ReportSource(SparkSession spark, String warehouse) {
    this.spark = spark;
    this.tables = new DeltaTables(spark, warehouse);
  }

  ReportData load() {
    if (!tables.exists(Tables.AUDIT_RUNS)) {
      throw new NothingToReportException("no audit/runs table under " + tables.warehouse()
          + ": is --warehouse the folder 'spplus run' wrote? Run 'spplus run --warehouse DIR' first");
    }
    spark.sparkContext().setJobDescription("report: audit/runs");
    List<Row> runRows = tables.read(Tables.AUDIT_RUNS).collectAsList();
    List<Row> sorted = new ArrayList<>(runRows);
    sorted.sort(Comparator.comparing((Row r) -> r.<String>getAs("run_id")).reversed());
    List<Row> finished = sorted.stream().filter(r -> FINISHED.contains(r.<String>getAs("status"))).toList();
    if (finished.isEmpty()) {
      throw new NothingToReportException("no finished run in " + tables.path(Tables.AUDIT_RUNS)
          + " (every run failed): fix the failure 'spplus run' reports, then report again");
    }
    RunSummary run = summary(finished.get(0));
    RunSummary qualityRun = finished.stream().map(ReportSource::summary).filter(RunSummary::touchedFiles)
        .findFirst().orElse(null);
    RunSummary latest = summary(sorted.get(0));
    RunSummary failedAfter = latest.runId().compareTo(run.runId()) > 0 && RunRecord.FAILED.equals(latest.status())
        ? latest : null;

    Map<String, Long> versions = new TreeMap<>();
    List<TableSpec> shown = new ArrayList<>(GoldTables.RECOMPUTED);
    shown.add(GoldTables.RESPONSE_BACKLOG);
    for (TableSpec spec : shown) {
      versions.put(spec.path(), recordedVersion(finished, spec));
    }
    Integer goldMinCellSize = finished.stream().filter(r -> versions(r).containsKey(GoldTables.KPI_BY_REGION.path()))
        .findFirst().map(ReportSource::minCellSize).orElse(null);
    versions.put(Tables.AUDIT_FILES.path(), recordedVersion(finished, Tables.AUDIT_FILES));

    spark.sparkContext().setJobDescription("report: gold tables of run " + run.runId());
    List<RegionKpi> regions = collect(GoldTables.KPI_BY_REGION, versions, ReportSource::regionKpi);
    List<RegionMonth> months = collect(GoldTables.KPI_BY_REGION_MONTH, versions, ReportSource::regionMonth);
    List<StructureKpi> structures = collect(GoldTables.KPI_BY_STRUCTURE, versions, ReportSource::structureKpi);
    List<TypologyKpi> typologies = collect(GoldTables.KPI_BY_TYPOLOGY, versions, ReportSource::typologyKpi);
    List<TagShare> tags = collect(GoldTables.TAG_FREQUENCY_BY_REGION, versions, ReportSource::tagShare);
    List<BusinessTagShare> businessTags =
        collect(GoldTables.BUSINESS_TAG_FREQUENCY_BY_REGION, versions, ReportSource::businessTagShare);
    List<AiAnswers> aiAnswers = collect(GoldTables.AI_ANSWER_QUALITY, versions, ReportSource::aiAnswers);
    List<FileSummary> files = qualityRun == null ? List.of() : files(qualityRun.runId(), versions);
    // A warehouse from before the history tables has no backlog: the section says so rather than
    // showing an empty chart as if there were no open experience.
    boolean hasBacklog = versions.get(GoldTables.RESPONSE_BACKLOG.path()) >= 0
        || tables.exists(GoldTables.RESPONSE_BACKLOG);
    List<BacklogRow> backlog = hasBacklog ? collect(GoldTables.RESPONSE_BACKLOG, versions, ReportSource::backlogRow)
        : null;
    return new ReportData(tables.warehouse(), run, qualityRun, failedAfter, goldMinCellSize,
        Collections.unmodifiableMap(versions),
        regions, months, structures, typologies, tags, businessTags, files, backlog, aiAnswers);
  }

  /**
   * The version of {@code spec} recorded by the latest finished run that wrote it; -1 when no run
   * recorded one (the table is then read as it is now, or as empty when it does not exist).
   */
  private static long recordedVersion(List<Row> finishedNewestFirst, TableSpec spec) {
    for (Row r : finishedNewestFirst) {
      Long v = versions(r).get(spec.path());
      if (v != null) {
        return v;
      }
    }
    return -1;
  }

  /** The table versions an audit/runs row recorded. */
  private static Map<String, Long> versions(Row run) {
    int i = run.fieldIndex("table_versions");
    return run.isNullAt(i) ? Map.of() : run.getJavaMap(i);
  }

  /** The min_cell_size of a run's options (JSON), or null when absent (runs before it was recorded). */
  private static Integer minCellSize(Row run) {
    String options = run.getAs("options");
    if (options == null) {
      return null;
    }
    try {
      JsonNode k = new ObjectMapper().readTree(options).get("min_cell_size");
      return k != null && k.canConvertToInt() ? k.intValue() : null;
    } catch (JsonProcessingException e) {
      LOG.warn("run {}: unreadable options JSON ({}); its small-cell threshold is not shown", run.getAs("run_id"),
          e.getOriginalMessage());
      return null;
    }
  }

  private Dataset<Row> read(TableSpec spec, Map<String, Long> versions) {
    long version = versions.get(spec.path());
    if (version >= 0) {
      return tables.read(spec, version);
    }
    if (tables.exists(spec)) {
      LOG.warn("{}: no finished run recorded its version; reading its latest version", spec.path());
      versions.put(spec.path(), tables.version(spec));
      return tables.read(spec);
    }
    LOG.warn("{}: the table does not exist; its chart is empty", spec.path());
    return spark.createDataFrame(List.of(), spec.schema());
  }

  private <T> List<T> collect(TableSpec spec, Map<String, Long> versions, Function<Row, T> mapper) {
    Dataset<Row> data = read(spec, versions);
    if (!List.of(data.columns()).contains(GoldTables.SMALL_CELL)) {
      data = data.withColumn(GoldTables.SMALL_CELL, lit(false));
    }
    return data.collectAsList().stream().map(mapper).toList();
  }

  private List<FileSummary> files(String runId, Map<String, Long> versions) {
    spark.sparkContext().setJobDescription("report: audit/files of run " + runId);
    Dataset<Row> ledger = read(Tables.AUDIT_FILES, versions).where(col("run_id").equalTo(runId));
    Column[] columns = {col("source_file"), col("status"), col("rejection_reason"), col("encoding"),
        col("snapshot_date"), col("records_read"), col("records_accepted"), col("records_quarantined"),
        col("quarantined_by_reason")};
    List<FileSummary> out = new ArrayList<>();
    for (Row r : ledger.select(columns).collectAsList()) {
      Map<String, Long> byReason = r.isNullAt(8) ? Map.of() : new TreeMap<>(r.<String, Long>getJavaMap(8));
      out.add(new FileSummary(r.getAs("source_file"), r.getAs("status"), r.getAs("rejection_reason"),
          r.getAs("encoding"), date(r.getAs("snapshot_date")), r.getAs("records_read"), r.getAs("records_accepted"),
          r.getAs("records_quarantined"), byReason));
    }
    out.sort(Comparator.comparing(FileSummary::sourceFile));
    return out;
  }

  private static RunSummary summary(Row r) {
    return new RunSummary(r.getAs("run_id"), instant(r.getAs("started_at")), instant(r.getAs("finished_at")),
        r.getAs("status"), count(r, "files_seen"), count(r, "files_ingested"), count(r, "files_skipped"),
        count(r, "files_rejected"), count(r, "records_read"), count(r, "records_accepted"),
        count(r, "records_quarantined"), count(r, "experiences"), r.getAs("error"));
  }

  private static Region region(Row r) {
    return new Region(r.getAs("region_name"), r.getAs("region_code"));
  }

  private static RegionKpi regionKpi(Row r) {
    return new RegionKpi(region(r), count(r, "experiences"), count(r, "positive"), count(r, "neutral"),
        count(r, "negative"), count(r, "answered"), r.getAs("response_rate"), r.getAs("median_delay_hours"),
        r.getAs("p90_delay_hours"), count(r, "negative_rated"), count(r, "negative_converted"),
        r.getAs("conversion_rate"), flag(r));
  }

  private static RegionMonth regionMonth(Row r) {
    return new RegionMonth(region(r), date(r.getAs("month")), count(r, "experiences"), count(r, "positive"),
        count(r, "neutral"), count(r, "negative"), flag(r));
  }

  private static StructureKpi structureKpi(Row r) {
    return new StructureKpi(r.getAs("structure_id"), r.getAs("structure_name"), count(r, "experiences"),
        count(r, "answered"), r.getAs("response_rate"), r.getAs("median_delay_hours"), flag(r));
  }

  private static TypologyKpi typologyKpi(Row r) {
    return new TypologyKpi(r.getAs("typology_id"), r.getAs("typology_name"), count(r, "experiences"),
        count(r, "answered"), count(r, "negative_experiences"), count(r, "negative_rated"),
        count(r, "negative_converted"), r.getAs("conversion_rate"), flag(r));
  }

  private static TagShare tagShare(Row r) {
    return new TagShare(region(r), r.getAs("tag"), r.getAs("valence"), count(r, "experiences"),
        count(r, "region_experiences"), r.getAs("share"), flag(r));
  }

  private static BusinessTagShare businessTagShare(Row r) {
    return new BusinessTagShare(region(r), r.getAs("business_tag"), count(r, "experiences"),
        count(r, "region_experiences"), r.getAs("share"), flag(r));
  }

  private static BacklogRow backlogRow(Row r) {
    return new BacklogRow(date(r.getAs("snapshot_date")), region(r), count(r, "present"), count(r, "open"),
        count(r, "open_over_7_days"), count(r, "open_over_30_days"), flag(r));
  }

  private static AiAnswers aiAnswers(Row r) {
    return new AiAnswers(date(r.getAs("month")), r.getAs("ai_band"), count(r, "answers"), count(r, "experiences"),
        count(r, "rated"), count(r, "useful"), count(r, "negative_rated"), count(r, "negative_converted"), flag(r));
  }

  private static long count(Row r, String column) {
    Object v = r.getAs(column);
    return v == null ? 0L : ((Number) v).longValue();
  }

  private static boolean flag(Row r) {
    Object v = r.getAs(GoldTables.SMALL_CELL);
    return Boolean.TRUE.equals(v);
  }

  /** DATE as Spark hands it: java.sql.Date, or LocalDate when the Java 8 time API is enabled. */
  private static LocalDate date(Object v) {
    if (v == null) {
      return null;
    }
    return v instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) v;
  }

  private static Instant instant(Object v) {
    if (v == null) {
      return null;
    }
    return v instanceof Timestamp t ? t.toInstant() : (Instant) v;
  }
}
