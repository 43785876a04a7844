package fr.spplus.bronze;

import static fr.spplus.source.BronzeColumns.RUN_ID;
import static org.apache.spark.sql.functions.col;

import fr.spplus.faults.FaultPoints;
import fr.spplus.publish.DeltaTables;
import fr.spplus.publish.Tables;
import fr.spplus.source.ExportReader;
import fr.spplus.source.ProbedFile;
import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * bronze/experiences_raw: appends every record of the files a run ingests, as read, in one Delta
 * transaction, and removes the rows of a run that died between its bronze append and its ledger
 * entry (so that the file is read again, once).
 */
public final class BronzeStage {

  /** Statistics only on the metadata columns: the free-text columns would cost much and skip nothing. */
  static final Map<String, String> PROPERTIES = Map.of("delta.dataSkippingNumIndexedCols",
      Integer.toString(Tables.BRONZE_METADATA.size()));

  private final SparkSession spark;
  private final DeltaTables tables;

  public BronzeStage(SparkSession spark, DeltaTables tables) {
    this.spark = spark;
    this.tables = tables;
  }

  /** All records of the files, in one dataset (a partition per file, or per range of a large file). */
  public Dataset<Row> read(List<ProbedFile> files, ExportReader.ReadContext context) {
    FaultPoints.reached(FaultPoints.BRONZE_BEFORE_READ);
    ExportReader.Splitting splitting = ExportReader.Splitting.of(spark, files.size());
    Dataset<Row> all = null;
    for (ProbedFile f : files) {
      Dataset<Row> one = ExportReader.read(spark, f, context, splitting);
      all = all == null ? one : all.unionByName(one);
    }
    return all;
  }

  /** Appends the records; returns the table version. */
  public long append(Dataset<Row> records, String runId) {
    long version = tables.append(FaultPoints.duringWrite(FaultPoints.BRONZE_DURING_APPEND, records),
        Tables.BRONZE_EXPERIENCES_RAW, runId, PROPERTIES);
    FaultPoints.reached(FaultPoints.BRONZE_AFTER_COMMIT);
    return version;
  }

  /** This run's rows, read back from the table. */
  public Dataset<Row> rowsOf(String runId) {
    return tables.read(Tables.BRONZE_EXPERIENCES_RAW).where(col(RUN_ID).equalTo(runId));
  }

  /**
   * Deletes the rows appended by runs the ledger does not know: a run killed after its bronze commit
   * and before its ledger commit. Their files are then new again and are read once more.
   *
   * @return the run ids whose rows were removed
   */
  public List<String> removeOrphans(Set<String> ledgerRuns) {
    if (!tables.exists(Tables.BRONZE_EXPERIENCES_RAW)) {
      return List.of();
    }
    DeltaTable bronze = DeltaTable.forPath(spark, tables.path(Tables.BRONZE_EXPERIENCES_RAW));
    List<String> orphans = bronze.history()
        .where(col("operation").equalTo("WRITE").and(col("userMetadata").isNotNull()))
        .select("userMetadata").distinct().collectAsList().stream()
        .map(r -> r.getString(0))
        .filter(run -> !ledgerRuns.contains(run))
        .filter(run -> !rowsOf(run).isEmpty())
        .toList();
    for (String run : orphans) {
      bronze.delete(col(RUN_ID).equalTo(run));
    }
    return orphans;
  }
}
