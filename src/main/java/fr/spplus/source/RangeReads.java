package fr.spplus.source;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.spark_partition_id;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.csv.CSVHeaderChecker;
import org.apache.spark.sql.catalyst.csv.CSVOptions;
import org.apache.spark.sql.catalyst.csv.UnivocityParser;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.TaskCompletionListener;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The Spark side of a ranged read: one partition per range, each parsed by the very code that
 * parses a whole multi-line CSV file (Spark's {@code UnivocityParser.parseStream} over the range's
 * bytes, with the same options and the same corrupt-record handling), so that a range gives the
 * rows the whole-file read gives for its records. Those classes are Spark's internal CSV API (public
 * in the bytecode, not a stable interface): a Spark upgrade must keep {@code ExportReaderRangesTest}
 * green, which compares ranged and whole-file reads row for row.
 */
final class RangeReads {

  private RangeReads() {}

  /** The records of the file in the positional schema (plus the corrupt-record column), partition i holding range i's. */
  static Dataset<Row> parse(SparkSession spark, ProbedFile file, RecordRanges.Plan plan, Map<String, String> options,
                            StructType schema) {
    // Made on the driver, where the session's settings (the legacy charsets among them) apply.
    CSVOptions csv = new CSVOptions(scalaMap(options), false, spark.conf().get("spark.sql.session.timeZone"),
        ExportReader.CORRUPT);
    StructType fields = new StructType(java.util.Arrays.stream(schema.fields())
        .filter(f -> !f.name().equals(ExportReader.CORRUPT)).toArray(StructField[]::new));
    SerializableHadoopConf conf = new SerializableHadoopConf(spark.sparkContext().hadoopConfiguration());
    String path = file.file().path();
    String name = file.file().name();
    List<RecordRanges.Range> ranges = plan.ranges();
    JavaRDD<InternalRow> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(ranges, ranges.size())
        .mapPartitions(it -> {
          RecordRanges.Range range = it.next();
          Path p = new Path(path);
          FSDataInputStream in = p.getFileSystem(conf.get()).open(p);
          TaskContext task = TaskContext.get();
          if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) done -> close(in));
          }
          in.seek(range.start());
          UnivocityParser parser = new UnivocityParser(fields, fields, csv);
          CSVHeaderChecker noHeader = new CSVHeaderChecker(fields, csv, "CSV file: " + path, false);
          // The parser reuses its row object: each row is copied before Spark buffers any.
          scala.collection.Iterator<InternalRow> parsed =
              UnivocityParser.parseStream(new Bounded(in, range.end() - range.start()), parser, noHeader, schema)
                  .map(InternalRow::copy);
          return new Counted(CollectionConverters.asJava(parsed), name, range);
        });
    return ((org.apache.spark.sql.classic.SparkSession) spark).internalCreateDataFrame(rows.rdd(), schema, false);
  }

  /**
   * A record's number in the file: its range's first record number plus its index in the range's
   * partition (the range of partition i is {@code ranges.get(i)}).
   */
  static Column recordNumber(List<RecordRanges.Range> ranges) {
    Column firsts = array(ranges.stream().map(r -> lit(r.firstRecord())).toArray(Column[]::new));
    return element_at(firsts, spark_partition_id().plus(1))
        .plus(monotonically_increasing_id().bitwiseAND(ExportReader.ROW_IN_PARTITION_MASK));
  }

  @SuppressWarnings("unchecked")
  private static scala.collection.immutable.Map<String, String> scalaMap(Map<String, String> options) {
    return (scala.collection.immutable.Map<String, String>) scala.collection.immutable.Map$.MODULE$
        .from(CollectionConverters.asScala(options));
  }

  private static void close(FSDataInputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A range's rows, checked against the plan at their end: a range that no longer holds the
   * records the plan counted means the file changed since it was planned, and the run stops
   * naming it rather than numbering records wrongly.
   */
  private static final class Counted implements java.util.Iterator<InternalRow> {
    private final java.util.Iterator<InternalRow> rows;
    private final String fileName;
    private final RecordRanges.Range range;
    private long count;

    Counted(java.util.Iterator<InternalRow> rows, String fileName, RecordRanges.Range range) {
      this.rows = rows;
      this.fileName = fileName;
      this.range = range;
    }

    @Override
    public boolean hasNext() {
      boolean more = rows.hasNext();
      if (!more && count != range.records()) {
        throw new IllegalStateException("export " + fileName + " changed while it was read in ranges: its bytes "
            + range.start() + "-" + range.end() + " hold " + count + " records, not the planned " + range.records());
      }
      return more;
    }

    @Override
    public InternalRow next() {
      count++;
      return rows.next();
    }
  }

  /** The next {@code remaining} bytes of a stream, then its end. */
  private static final class Bounded extends FilterInputStream {
    private long remaining;

    Bounded(InputStream in, long length) {
      super(in);
      this.remaining = length;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = super.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = super.read(b, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }
  }
}
