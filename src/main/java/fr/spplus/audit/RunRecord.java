package fr.spplus.audit;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.spplus.publish.DeltaTables;
import fr.spplus.publish.TableSpec;
import fr.spplus.publish.Tables;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import scala.jdk.javaapi.CollectionConverters;

/** One row of audit/runs. */
public record RunRecord(String runId, Instant startedAt, Instant finishedAt, String status, long filesSeen,
                        long filesIngested, long filesSkipped, long filesRejected, long recordsRead,
                        long recordsAccepted, long recordsQuarantined, long experiences, String jobVersion,
                        String options, String silverMode, Map<String, Double> stageSeconds,
                        Map<String, Long> tableVersions, String error) {

  public static final String SUCCEEDED = "succeeded";
  public static final String PARTIAL = "partial";
  public static final String FAILED = "failed";

  /**
   * @param options the run's effective options by name (lists, maps and plain values), stored as
   *     JSON in the row so that a run can be repeated with what it was given
   */
  public static Builder builder(String runId, Instant startedAt, Map<String, ?> options) {
    return new Builder(runId, startedAt, options);
  }

  /** The version of the job, from the jar's manifest ("dev" when run from classes). */
  public static String currentJobVersion() {
    String v = RunRecord.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** The latest run that finished (succeeded or partial), or null. */
  public static String lastCompletedRun(SparkSession spark, DeltaTables tables) {
    if (!tables.exists(Tables.AUDIT_RUNS)) {
      return null;
    }
    Row r = tables.read(Tables.AUDIT_RUNS).where(col("status").isin(SUCCEEDED, PARTIAL))
        .agg(max("run_id")).first();
    return r.isNullAt(0) ? null : r.getString(0);
  }

  Row toRow() {
    return RowFactory.create(runId, Timestamp.from(startedAt), Timestamp.from(finishedAt), status, filesSeen,
        filesIngested, filesSkipped, filesRejected, recordsRead, recordsAccepted, recordsQuarantined, experiences,
        jobVersion, options, silverMode, CollectionConverters.asScala(stageSeconds),
        CollectionConverters.asScala(tableVersions), error);
  }

  /** Collects a run's figures as it goes. */
  public static final class Builder {
    private final String runId;
    private final Instant startedAt;
    private final String options;
    private String status = FAILED;
    private long filesSeen;
    private long filesIngested;
    private long filesSkipped;
    private long filesRejected;
    private long recordsRead;
    private long recordsAccepted;
    private long recordsQuarantined;
    private long experiences;
    private String silverMode;
    private Map<String, Double> stageSeconds = Map.of();
    private Map<String, Long> tableVersions = Map.of();
    private String error;

    private Builder(String runId, Instant startedAt, Map<String, ?> options) {
      this.runId = runId;
      this.startedAt = startedAt;
      this.options = toJson(options);
    }

    public void files(long seen, long ingested, long skipped, long rejected) {
      filesSeen = seen;
      filesIngested = ingested;
      filesSkipped = skipped;
      filesRejected = rejected;
    }

    public void addRecords(long read, long accepted, long quarantined) {
      recordsRead += read;
      recordsAccepted += accepted;
      recordsQuarantined += quarantined;
    }

    public void experiences(long n) {
      experiences = n;
    }

    /** How silver was brought up to date: "full", "incremental", or "none" when it was current. */
    public void silverMode(String mode) {
      silverMode = mode;
    }

    public void stageSeconds(Map<String, Double> seconds) {
      stageSeconds = new TreeMap<>(seconds);
    }

    public void tableVersions(Map<TableSpec, Long> versions) {
      Map<String, Long> byPath = new LinkedHashMap<>();
      versions.forEach((spec, v) -> byPath.put(spec.path(), v));
      tableVersions = byPath;
    }

    public void succeeded() {
      status = filesRejected > 0 ? PARTIAL : SUCCEEDED;
    }

    public void failed(Throwable e) {
      status = FAILED;
      error = e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    public RunRecord build() {
      return new RunRecord(runId, startedAt, Instant.now(), status, filesSeen, filesIngested, filesSkipped,
          filesRejected, recordsRead, recordsAccepted, recordsQuarantined, experiences, currentJobVersion(), options,
          silverMode, stageSeconds, tableVersions, error);
    }
  }

  /** Appends run rows to audit/runs. */
  public static final class Writer {
    private final SparkSession spark;
    private final DeltaTables tables;

    public Writer(SparkSession spark, DeltaTables tables) {
      this.spark = spark;
      this.tables = tables;
    }

    public void append(RunRecord record) {
      tables.append(spark.createDataFrame(List.of(record.toRow()), Tables.AUDIT_RUNS.schema()), Tables.AUDIT_RUNS,
          record.runId());
    }
  }

  private static String toJson(Map<String, ?> options) {
    try {
      return new ObjectMapper().writeValueAsString(options);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
