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

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the records of one probed export file with Spark's CSV reader, into the bronze shape.
 *
 * <p>Each file is read on its own, positionally ({@code c0 … cN-1} for the N header fields), with
 * {@code multiLine} (quoted line breaks) and the file's own encoding and separator. A file read alone
 * is a single partition (Spark cannot split a multi-line CSV), so the record order is the row order
 * within that partition, which gives {@code record_number}; a large file is read as several ranges of
 * whole records instead ({@link RecordRanges}), each a partition that knows its first record number. Records whose field count differs from
 * the header's come back from the reader with their exact text in {@code raw_record}.
 *
 * <p>Fields are kept as strings, as read: an empty cell is {@code ""}; a known column the file
 * lacks is null.
 */
public final class ExportReader {

  static final String CORRUPT = "_raw_record";
  private static final Logger LOG = LoggerFactory.getLogger(ExportReader.class);
  /** The lower 33 bits of monotonically_increasing_id: the row's index within its partition. */
  static final long ROW_IN_PARTITION_MASK = (1L << 33) - 1;

  private ExportReader() {}

  /** Metadata the bronze rows of a read carry. */
  public record ReadContext(String runId, Timestamp ingestedAt) {}

  /**
   * How a large file is cut into ranges (see {@link RecordRanges}): a file of at least twice
   * {@code rangeBytes} is read as {@code min(size / rangeBytes, maxRanges)} ranges.
   */
  public record Splitting(long rangeBytes, int maxRanges) {

    /** The Spark setting that sets {@code rangeBytes}. */
    public static final String RANGE_BYTES = "spark.spplus.bronze.rangeBytes";
    static final long DEFAULT_RANGE_BYTES = 32L << 20;

    /**
     * Ranges of the session's setting (default 32 MiB) for a read of {@code files} files at once:
     * ranges only fill the cores that the files alone would leave idle (a daily run reads one file;
     * a backfill of more files than cores is parallel already and pays no scan).
     */
    public static Splitting of(SparkSession spark, int files) {
      long bytes = Long.parseLong(spark.conf().get(RANGE_BYTES, Long.toString(DEFAULT_RANGE_BYTES)));
      return new Splitting(bytes, Math.max(1, spark.sparkContext().defaultParallelism() / Math.max(1, files)));
    }

    int parts(long size) {
      return (int) Math.min(size / Math.max(1, rangeBytes), maxRanges);
    }
  }

  /** A file read on its own: as many ranges as the application has cores, if it is large enough. */
  public static Dataset<Row> read(SparkSession spark, ProbedFile file, ReadContext context) {
    return read(spark, file, context, Splitting.of(spark, 1));
  }

  public static Dataset<Row> read(SparkSession spark, ProbedFile file, ReadContext context, Splitting splitting) {
    if (file.rejected()) {
      throw new IllegalArgumentException("file " + file.file().name() + " is rejected: " + file.rejection());
    }
    StructType schema = schema(file);
    Map<String, String> options = csvOptions(file);
    RecordRanges.Plan plan = plan(spark, file, splitting);
    Dataset<Row> positional;
    if (plan.split()) {
      LOG.info("{}: read as {} ranges of whole records ({} line ends)", file.file().name(), plan.ranges().size(),
          plan.crlf() ? "CR LF" : "LF");
      positional = RangeReads.parse(spark, file, plan, options, schema)
          .withColumn("_row", RangeReads.recordNumber(plan.ranges()));
    } else {
      if (plan.oneTaskWhy() != null) {
        LOG.info("{}: read as one task ({})", file.file().name(), plan.oneTaskWhy());
      }
      positional = spark.read().schema(schema).options(options).csv(file.file().path())
          .withColumn("_row", monotonically_increasing_id().bitwiseAND(ROW_IN_PARTITION_MASK));
    }
    // Row 0 is the header record.
    return positional.where(col("_row").gt(0)).select(bronzeColumns(file, context).toArray(Column[]::new));
  }

  /** The positional schema of a file's records: {@code c0 … cN-1} for its N header fields, then the raw text of a malformed one. */
  static StructType schema(ProbedFile file) {
    StructType schema = new StructType();
    for (int i = 0; i < file.header().size(); i++) {
      schema = schema.add("c" + i, DataTypes.StringType);
    }
    return schema.add(CORRUPT, DataTypes.StringType);
  }

  /** The CSV reader's options for a file: positional, multi-line, the file's encoding and separator. */
  static Map<String, String> csvOptions(ProbedFile file) {
    return Map.of(
        "header", "false",
        "multiLine", "true",
        "encoding", file.encoding(),
        "sep", String.valueOf(file.separator()),
        "quote", "\"",
        "escape", "\"",
        "mode", "PERMISSIVE",
        "columnNameOfCorruptRecord", CORRUPT,
        "maxCharsPerColumn", "-1");
  }

  /**
   * One task for a file under two ranges' worth of bytes, a compressed file (its bytes cannot be
   * entered in the middle) or a UTF-16 one (its line ends are two bytes); otherwise the ranges the
   * scan finds, or one task and the reason the scan gave.
   */
  static RecordRanges.Plan plan(SparkSession spark, ProbedFile file, Splitting splitting) {
    long size = file.file().sizeBytes();
    int parts = splitting.parts(size);
    if (parts < 2 || file.file().gzipped() || FileProbe.UTF_16.equals(file.encoding())) {
      return RecordRanges.Plan.oneTask(null);
    }
    Path path = new Path(file.file().path());
    try (InputStream in = path.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(path)) {
      return RecordRanges.plan(in, file.separator(), RecordRanges.evenCuts(size, parts));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.file().path(), e);
    }
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
