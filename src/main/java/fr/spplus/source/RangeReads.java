package fr.spplus.source;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.spark_partition_id;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.List;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.TaskCompletionListener;

/** The Spark side of a ranged read: one partition per range, its records as text, their record numbers. */
final class RangeReads {

  private RangeReads() {}

  /** The records of the file, partition i holding range i's, each read from the file by its own task. */
  static Dataset<String> records(SparkSession spark, ProbedFile file, RecordRanges.Plan plan) {
    SerializableHadoopConf conf = new SerializableHadoopConf(spark.sparkContext().hadoopConfiguration());
    String path = file.file().path();
    String name = file.file().name();
    char separator = file.separator();
    boolean crlf = plan.crlf();
    String encoding = file.encoding();
    List<RecordRanges.Range> ranges = plan.ranges();
    var texts = JavaSparkContext.fromSparkContext(spark.sparkContext())
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
          return RecordRanges.records(in, name, range, separator, crlf, Charset.forName(encoding));
        });
    return spark.createDataset(texts.rdd(), Encoders.STRING());
  }

  /**
   * Fields as the whole-file reader gives them: that reader, having found CR LF line ends in the
   * file, turns a CR LF inside a quoted field into LF (its parser normalises the line ends it
   * detected); a record handed over as text is parsed without that detection, so the same
   * replacement is made here. The raw text of a malformed record keeps its CR LF both ways.
   */
  static Dataset<Row> asWholeFileReadsThem(Dataset<Row> positional, int width, RecordRanges.Plan plan) {
    if (!plan.crlf()) {
      return positional;
    }
    Column[] fields = new Column[width + 1];
    for (int i = 0; i < width; i++) {
      fields[i] = regexp_replace(col("c" + i), "\r\n", "\n").as("c" + i);
    }
    fields[width] = col(ExportReader.CORRUPT);
    return positional.select(fields);
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

  private static void close(FSDataInputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
