package fr.spplus.source;

import static fr.spplus.source.BronzeColumns.CONTENT_HASH;
import static fr.spplus.source.BronzeColumns.ENCODING;
import static fr.spplus.source.BronzeColumns.EXTRA_COLUMNS;
import static fr.spplus.source.BronzeColumns.INGESTED_AT;
import static fr.spplus.source.BronzeColumns.RAW_RECORD;
import static fr.spplus.source.BronzeColumns.RECORD_NUMBER;
import static fr.spplus.source.BronzeColumns.RUN_ID;
import static fr.spplus.source.BronzeColumns.SNAPSHOT_DATE;
import static fr.spplus.source.BronzeColumns.SOURCE_FILE;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the records of one probed export file with Spark's CSV reader, into the bronze shape.
 *
 * <p>Each file is read on its own, positionally ({@code c0 … cN-1} for the N header fields), with
 * {@code multiLine} (quoted line breaks) and the file's own encoding and separator. A file read alone
 * is a single partition (multi-line CSV is not splittable), so the record order is the row order
 * within that partition, which gives {@code record_number}. Records whose field count differs from
 * the header's come back from the reader with their exact text in {@code raw_record}.
 *
 * <p>Fields are kept as strings, as read: an empty cell is {@code ""}; a known column the file
 * lacks is null.
 */
public final class ExportReader {

  static final String CORRUPT = "_raw_record";
  /** The lower 33 bits of monotonically_increasing_id: the row's index within its partition. */
  private static final long ROW_IN_PARTITION_MASK = (1L << 33) - 1;

  private ExportReader() {}

  /** Metadata the bronze rows of a read carry. */
  public record ReadContext(String runId, Timestamp ingestedAt) {}

  public static Dataset<Row> read(SparkSession spark, ProbedFile file, ReadContext context) {
    if (file.rejected()) {
      throw new IllegalArgumentException("file " + file.file().name() + " is rejected: " + file.rejection());
    }
    int width = file.header().size();
    StructType schema = new StructType();
    for (int i = 0; i < width; i++) {
      schema = schema.add("c" + i, DataTypes.StringType);
    }
    schema = schema.add(CORRUPT, DataTypes.StringType);
    Dataset<Row> positional = spark.read()
        .schema(schema)
        .option("header", "false")
        .option("multiLine", "true")
        .option("encoding", file.encoding())
        .option("sep", String.valueOf(file.separator()))
        .option("quote", "\"")
        .option("escape", "\"")
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", CORRUPT)
        .option("maxCharsPerColumn", "-1")
        .csv(file.file().path())
        .withColumn("_row", monotonically_increasing_id().bitwiseAND(ROW_IN_PARTITION_MASK));
    // Row 0 is the header record.
    return positional.where(col("_row").gt(0)).select(bronzeColumns(file, context).toArray(Column[]::new));
  }

  private static List<Column> bronzeColumns(ProbedFile file, ReadContext context) {
    List<Column> out = new ArrayList<>();
    out.add(lit(file.file().name()).as(SOURCE_FILE));
    out.add(lit(Date.valueOf(file.file().snapshotDate())).as(SNAPSHOT_DATE));
    out.add(col("_row").as(RECORD_NUMBER));
    out.add(lit(file.encoding()).as(ENCODING));
    out.add(lit(context.runId()).as(RUN_ID));
    out.add(lit(context.ingestedAt()).as(INGESTED_AT));
    out.add(lit(file.contentHash()).as(CONTENT_HASH));
    out.add(col(CORRUPT).as(RAW_RECORD));
    for (SourceColumns.Column known : SourceColumns.KNOWN) {
      int pos = file.positionOf(known.name());
      // The reader turns an empty cell into null; within the header's width that is an empty cell.
      Column value = pos >= 0 ? coalesce(col("c" + pos), lit("")) : lit(null).cast(DataTypes.StringType);
      out.add(value.as(known.name()));
    }
    List<Column> extras = new ArrayList<>();
    for (int pos = 0; pos < file.headerKeys().size(); pos++) {
      String key = file.headerKeys().get(pos);
      if (SourceColumns.byLabel(file.header().get(pos)).isEmpty()) {
        extras.add(lit(key));
        extras.add(coalesce(col("c" + pos), lit("")));
      }
    }
    Column extraMap = extras.isEmpty()
        ? lit(null).cast(DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
        : functions.map(extras.toArray(Column[]::new));
    out.add(extraMap.as(EXTRA_COLUMNS));
    return out;
  }
}
