package fr.spplus.audit;

import static fr.spplus.source.BronzeColumns.CONTENT_HASH;
import static fr.spplus.source.BronzeColumns.ENCODING;
import static fr.spplus.source.BronzeColumns.RUN_ID;
import static fr.spplus.source.BronzeColumns.SNAPSHOT_DATE;
import static fr.spplus.source.BronzeColumns.SOURCE_FILE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import fr.spplus.publish.DeltaTables;
import fr.spplus.publish.Tables;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * audit/files: the ingestion ledger, one row per file version a run ingested or rejected. It decides
 * which files a run skips (same name, same content) and which bronze rows are the current version
 * of each file.
 */
public final class FileLedger {

  public static final String INGESTED = "ingested";
  public static final String REINGESTED = "reingested";
  public static final String REJECTED = "rejected";

  /** One ledger row. */
  public record Entry(String runId, String sourceFile, String path, String contentHash, long sizeBytes,
                      Timestamp modifiedAt, java.sql.Date snapshotDate, String snapshotDateFrom, String encoding,
                      String separator, List<String> header, List<String> headerKeys, String status,
                      String rejectionReason, Long recordsRead, Long recordsAccepted, Long recordsQuarantined,
                      Map<String, Long> quarantinedByReason) {

    public boolean ingested() {
      return INGESTED.equals(status) || REINGESTED.equals(status);
    }

    Row toRow() {
      return RowFactory.create(runId, sourceFile, path, contentHash, sizeBytes, modifiedAt, snapshotDate,
          snapshotDateFrom, encoding, separator, scala.jdk.javaapi.CollectionConverters.asScala(header).toSeq(),
          scala.jdk.javaapi.CollectionConverters.asScala(headerKeys).toSeq(), status, rejectionReason, recordsRead,
          recordsAccepted, recordsQuarantined,
          quarantinedByReason == null ? null : scala.jdk.javaapi.CollectionConverters.asScala(quarantinedByReason));
    }
  }

  private final SparkSession spark;
  private final DeltaTables tables;

  public FileLedger(SparkSession spark, DeltaTables tables) {
    this.spark = spark;
    this.tables = tables;
  }

  /** The latest entry of each file name that was ever ingested (rejections left out), by name. */
  public Map<String, Entry> latestIngested() {
    Map<String, Entry> out = new HashMap<>();
    if (!tables.exists(Tables.AUDIT_FILES)) {
      return out;
    }
    // A small table (one row per file version): collecting it is collecting metadata, not data.
    for (Row r : currentVersions().collectAsList()) {
      out.put(r.getAs(SOURCE_FILE), fromRow(r));
    }
    return out;
  }

  /** The ingested entries that are the current version of their file name. */
  public Dataset<Row> currentVersions() {
    var latest = Window.partitionBy(col(SOURCE_FILE)).orderBy(col(RUN_ID).desc());
    return tables.read(Tables.AUDIT_FILES)
        .where(col("status").isin(INGESTED, REINGESTED))
        .withColumn("_n", row_number().over(latest))
        .where(col("_n").equalTo(1))
        .drop("_n");
  }

  /** The run ids that have ingested files, per the ledger. */
  public List<String> ingestingRuns() {
    if (!tables.exists(Tables.AUDIT_FILES)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Row r : tables.read(Tables.AUDIT_FILES).where(col("status").isin(INGESTED, REINGESTED))
        .select(RUN_ID).distinct().collectAsList()) {
      out.add(r.getString(0));
    }
    return out;
  }

  public long append(List<Entry> entries, String runId) {
    List<Row> rows = entries.stream().map(Entry::toRow).toList();
    return tables.append(spark.createDataFrame(rows, Tables.AUDIT_FILES.schema()), Tables.AUDIT_FILES, runId);
  }

  private static Entry fromRow(Row r) {
    return new Entry(r.getAs(RUN_ID), r.getAs(SOURCE_FILE), r.getAs("path"), r.getAs(CONTENT_HASH),
        r.<Long>getAs("size_bytes"), r.getAs("modified_at"), r.getAs(SNAPSHOT_DATE), r.getAs("snapshot_date_from"),
        r.getAs(ENCODING), r.getAs("separator"), r.getList(r.fieldIndex("header")),
        r.getList(r.fieldIndex("header_keys")), r.getAs("status"), r.getAs("rejection_reason"),
        r.getAs("records_read"), r.getAs("records_accepted"), r.getAs("records_quarantined"),
        r.isNullAt(r.fieldIndex("quarantined_by_reason")) ? null : r.getJavaMap(r.fieldIndex("quarantined_by_reason")));
  }
}
