package fr.spplus.silver;

import static fr.spplus.source.BronzeColumns.CONTENT_HASH;
import static fr.spplus.source.BronzeColumns.RAW_RECORD;
import static fr.spplus.source.BronzeColumns.RECORD_NUMBER;
import static fr.spplus.source.BronzeColumns.RUN_ID;
import static fr.spplus.source.BronzeColumns.SNAPSHOT_DATE;
import static fr.spplus.source.BronzeColumns.SOURCE_FILE;
import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_concat;
import static org.apache.spark.sql.functions.replace;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import fr.spplus.source.SourceColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * silver/quarantine rows from classified bronze records. {@code raw_record} is the record's original
 * text: for a malformed record, the exact text the CSV reader saw; for the others, the fields written
 * back in the file's header order with the file's separator, quoted where the field holds the
 * separator, a quote or a line break (identical to the source unless it quoted fields needlessly),
 * except the author's pseudonym, written back empty: it stays in bronze.
 */
public final class QuarantineRecords {

  private static final Column[] RECORD_AND_REASON = {col(SOURCE_FILE), col(CONTENT_HASH), col(RECORD_NUMBER),
      col(Quarantine.REASON)};

  private QuarantineRecords() {}

  /**
   * The quarantined records with their {@link Quarantine#REASON}, found by a join with their
   * broadcast verdicts: for the usual run, where few records are quarantined.
   *
   * @param records bronze rows
   * @param verdicts {@link Verdicts#of} those records (or of more: only the quarantined ones are joined)
   */
  public static Dataset<Row> byVerdicts(Dataset<Row> records, Dataset<Row> verdicts) {
    return records.join(
        broadcast(Verdicts.quarantined(verdicts).select(RECORD_AND_REASON)), Verdicts.RECORD.toArray(String[]::new));
  }

  /**
   * The same rows as {@link #byVerdicts}, found by evaluating the rules again on the records: for a
   * run that quarantines too many records for their verdicts to be broadcast.
   */
  public static Dataset<Row> byRules(Dataset<Row> records) {
    return Verdicts.quarantined(Quarantine.classify(records));
  }

  /**
   * @param quarantined quarantined bronze rows with {@link Quarantine#REASON} ({@link #byVerdicts}
   *     or {@link #byRules})
   * @param layouts one row per file version: source_file, content_hash, header_keys (array), separator
   */
  public static Dataset<Row> records(Dataset<Row> quarantined, Dataset<Row> layouts, String runId) {
    Column sep = col("l.separator");
    Column fields = transform(col("l.header_keys"), k -> quote(try_element_at(fieldMap(), k), sep));
    Column text = coalesce(col("q.raw_record"), call_function("array_join", fields, sep));
    return quarantined.as("q")
        .join(broadcast(layouts).as("l"),
            col("q.source_file").equalTo(col("l.source_file")).and(col("q.content_hash").equalTo(col("l.content_hash"))),
            "left")
        .select(col("q.source_file").as(SOURCE_FILE), col("q.snapshot_date").as(SNAPSHOT_DATE),
            col("q.record_number").as(RECORD_NUMBER), col("q." + Quarantine.REASON).as("reason"),
            text.as(RAW_RECORD), lit(runId).as(RUN_ID));
  }

  /** Every field of the record by its header key: known columns by snake_case name, the others by label. */
  private static Column fieldMap() {
    List<Column> kv = new ArrayList<>();
    for (SourceColumns.Column c : SourceColumns.KNOWN) {
      kv.add(lit(c.name()));
      // The author's name stays in bronze (docs/contract.md section 1): its field is written back empty.
      kv.add(c == SourceColumns.AUTHOR_PSEUDONYM ? lit("") : col("q." + c.name()));
    }
    Column known = map(kv.toArray(Column[]::new));
    Column extra = coalesce(col("q.extra_columns"),
        map().cast(DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType)));
    return map_concat(known, extra);
  }

  private static Column quote(Column value, Column sep) {
    Column v = coalesce(value, lit(""));
    Column needsQuotes = v.contains(sep).or(v.rlike("[\"\\r\\n]"));
    return when(needsQuotes, concat(lit("\""), replace(v, lit("\""), lit("\"\"")), lit("\""))).otherwise(v);
  }
}
