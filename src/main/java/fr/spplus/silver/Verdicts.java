package fr.spplus.silver;

import static fr.spplus.source.BronzeColumns.CONTENT_HASH;
import static fr.spplus.source.BronzeColumns.RECORD_NUMBER;
import static fr.spplus.source.BronzeColumns.SNAPSHOT_DATE;
import static fr.spplus.source.BronzeColumns.SOURCE_FILE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import fr.spplus.source.SourceColumns;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The quarantine verdict of each bronze record, without the record itself: which record
 * ({@link #RECORD} and its snapshot_date), its {@link Quarantine#REASON} (null: accepted) and, when
 * the record <em>sees</em> an experience (docs/contract.md section 6: accepted, or quarantined as
 * invalid_published_at, whose ID is valid), its experience_id as a BIGINT (null otherwise). Readers
 * of experience_id that want accepted records only go through {@link #accepted}.
 *
 * <p>The rules are the costly part of a pass over bronze (a date parsed per record), and a run needs
 * their outcome four times: records per file and reason for the ledger, the records to quarantine,
 * the winner of each experience, the winning records themselves. A run evaluates them once into
 * this narrow frame (about 60 bytes a record), keeps it, and finds the wide records it needs by
 * joining back on {@link #RECORD}.
 */
public final class Verdicts {

  /** What identifies a bronze record: a file version and the record's number in it. */
  public static final List<String> RECORD = List.of(SOURCE_FILE, CONTENT_HASH, RECORD_NUMBER);

  private Verdicts() {}

  /** One row per bronze record: {@link #RECORD}, snapshot_date, reason, experience_id. */
  public static Dataset<Row> of(Dataset<Row> bronze) {
    Column reason = col(Quarantine.REASON);
    Column id = Values.utrim(col(SourceColumns.EXPERIENCE_ID.name())).try_cast(DataTypes.LongType);
    return Quarantine.classify(bronze).select(col(SOURCE_FILE), col(CONTENT_HASH), col(RECORD_NUMBER),
        col(SNAPSHOT_DATE), reason,
        when(reason.isNull().or(reason.equalTo(Quarantine.INVALID_PUBLISHED_AT)), id)
            .as(SourceColumns.EXPERIENCE_ID.name()));
  }

  /**
   * (experience_id, snapshot_date) of every experience a record of a file of that date sees
   * (docs/contract.md section 6): accepted, or quarantined as invalid_published_at. One row per pair.
   */
  public static Dataset<Row> seen(Dataset<Row> verdicts) {
    Column id = col(SourceColumns.EXPERIENCE_ID.name());
    return verdicts.where(id.isNotNull()).select(id, col(SNAPSHOT_DATE)).distinct();
  }

  /** The accepted rows of verdicts (or of classified records: any rows with a reason column). */
  public static Dataset<Row> accepted(Dataset<Row> verdicts) {
    return verdicts.where(col(Quarantine.REASON).isNull());
  }

  /** The quarantined rows of verdicts (or of classified records: any rows with a reason column). */
  public static Dataset<Row> quarantined(Dataset<Row> verdicts) {
    return verdicts.where(col(Quarantine.REASON).isNotNull());
  }

  /** Per file and reason, how many records (reason null: accepted). A small aggregate. */
  public static Dataset<Row> countsByFile(Dataset<Row> verdicts) {
    return verdicts.groupBy(col(SOURCE_FILE), col(Quarantine.REASON)).count();
  }
}
