package fr.spplus.silver;

import static fr.spplus.source.BronzeColumns.RECORD_NUMBER;
import static fr.spplus.source.BronzeColumns.SNAPSHOT_DATE;
import static fr.spplus.source.BronzeColumns.SOURCE_FILE;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;

import fr.spplus.publish.Tables;
import fr.spplus.source.SourceColumns;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The winner rule: of all accepted records of an experience, the one with the latest snapshot date;
 * ties go to the file whose base name sorts last (code points: Spark compares strings as UTF-8
 * bytes, which orders them by code point), then to the record that comes last in its file.
 *
 * <p>The rule is a maximum of (snapshot_date, source_file, record_number), so it can be applied
 * incrementally: the winners of (previous winners ∪ new records) are the winners of all records.
 * It is computed on those keys alone, taken from the {@link Verdicts} (a small aggregation, no rule
 * evaluated again), and the winning records are then picked out of bronze with a broadcast join, so
 * that the wide records (free text) are never shuffled.
 */
public final class Winners {

  /** The columns that identify a record and order the candidates of an experience. */
  static final List<String> KEY = List.of("experience_id", SNAPSHOT_DATE, SOURCE_FILE, RECORD_NUMBER);

  /** Within the bronze rows of one run or of the current file versions, one record. */
  private static final String[] BRONZE_KEY = {SOURCE_FILE, SNAPSHOT_DATE, RECORD_NUMBER};

  private Winners() {}

  /**
   * One row per experience_id, shaped as silver/winning_records.
   *
   * @param previous the winners kept so far, shaped as silver/winning_records (empty for a rebuild)
   * @param records bronze rows of files that {@code previous} does not come from: this run's files,
   *     or, for a rebuild, the current version of every file
   * @param verdicts {@link Verdicts#of} those records
   */
  public static Dataset<Row> pick(Dataset<Row> previous, Dataset<Row> records, Dataset<Row> verdicts) {
    Column[] columns = Arrays.stream(Tables.SILVER_WINNING_RECORDS.schema().fieldNames())
        .map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    Column[] key = KEY.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    Dataset<Row> keys = broadcast(winningKeys(previous.select(key).unionByName(Verdicts.accepted(verdicts).select(key))));
    Dataset<Row> kept = previous.join(keys, KEY.toArray(String[]::new), "left_semi");
    // The typed experience_id comes with the key; bronze has it as written.
    Dataset<Row> fresh = records.drop(SourceColumns.EXPERIENCE_ID.name()).join(keys, BRONZE_KEY, "inner");
    return kept.select(columns).unionByName(fresh.select(columns));
  }

  /** (experience_id, snapshot_date, source_file, record_number) of each experience's winner. */
  static Dataset<Row> winningKeys(Dataset<Row> candidates) {
    return candidates
        .groupBy(col("experience_id"))
        .agg(max(struct(col(SNAPSHOT_DATE), col(SOURCE_FILE), col(RECORD_NUMBER))).as("w"))
        .select(col("experience_id"), col("w.snapshot_date").as(SNAPSHOT_DATE),
            col("w.source_file").as(SOURCE_FILE), col("w.record_number").as(RECORD_NUMBER));
  }
}
