package fr.spplus.silver;

import static fr.spplus.source.BronzeColumns.RECORD_NUMBER;
import static fr.spplus.source.BronzeColumns.SNAPSHOT_DATE;
import static fr.spplus.source.BronzeColumns.SOURCE_FILE;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;

import fr.spplus.source.ClosedLists;
import fr.spplus.source.SourceColumns;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The observation of an experience at a snapshot (docs/contract.md section 6): of the accepted
 * records of the experience in the files of one snapshot date, the one that wins by the winner rule
 * restricted to those files (file name sorting last by code point, then last record), with its
 * tracked attributes normalised exactly as silver normalises them (the same expressions as
 * silver/experiences and silver/experience_structures).
 */
public final class Observations {

  /** The experience's id column, named by the source-column registry (bronze and silver alike). */
  public static final String EXPERIENCE_ID = SourceColumns.EXPERIENCE_ID.name();

  private static final String ANSWERED_SLOTS = "answered_slots";
  private static final String RATED_SLOTS = "rated_slots";
  private static final String USEFUL_SLOTS = "useful_slots";

  /** The tracked attributes, in the order of silver/experience_history. */
  public static final List<String> TRACKED =
      List.of("state", "status", "first_response_at", ANSWERED_SLOTS, RATED_SLOTS, USEFUL_SLOTS);

  /** Within the bronze rows of one run or of the current file versions, one record (as {@link Winners}). */
  private static final String[] RECORD = {SOURCE_FILE, SNAPSHOT_DATE, RECORD_NUMBER};

  private Observations() {}

  /**
   * One row per (experience_id, snapshot_date) with an accepted record: experience_id,
   * snapshot_date, the {@link #TRACKED} attributes, source_file.
   *
   * @param records bronze rows (this run's files, or the current version of every file)
   * @param verdicts {@link Verdicts#of} those records
   */
  public static Dataset<Row> of(Dataset<Row> records, Dataset<Row> verdicts) {
    // The winner of each (experience, date) is chosen on the narrow verdicts; only the winning
    // records' few tracked columns are then read from the wide bronze rows.
    Dataset<Row> keys = Verdicts.accepted(verdicts)
        .groupBy(col(EXPERIENCE_ID), col(SNAPSHOT_DATE))
        .agg(max(struct(col(SOURCE_FILE), col(RECORD_NUMBER))).as("w"))
        .select(col(EXPERIENCE_ID), col(SNAPSHOT_DATE), col("w").getField(SOURCE_FILE).as(SOURCE_FILE),
            col("w").getField(RECORD_NUMBER).as(RECORD_NUMBER));
    return tracked(records.drop(EXPERIENCE_ID).join(keys, RECORD));
  }

  /**
   * {@link #of} at {@code date} when it is the latest snapshot of the warehouse (a daily run's
   * snapshot), from the silver tables this run has just written rather than from bronze: the winner
   * rule orders records by snapshot date first, then as the observation rule does, so an experience
   * with an accepted record at the latest date has that date's observation as its winning record, and
   * the others have winners of earlier dates. The tracked attributes of a winning record are already
   * normalised in silver/experiences (state, status, first_response_at) and
   * silver/experience_structures (one row per non-empty structure slot, with answered and the
   * author's rating), by the very expressions {@link #of} applies; reading them back costs a join,
   * normalising the records again about six seconds of CPU per 120,000 experiences.
   *
   * @param winningRecords silver/winning_records, holding no record later than {@code date}
   * @param experiences silver/experiences derived from those winning records
   * @param structures silver/experience_structures derived from those winning records
   */
  public static Dataset<Row> ofLatestSnapshot(Dataset<Row> winningRecords, Dataset<Row> experiences,
                                              Dataset<Row> structures, LocalDate date) {
    Dataset<Row> slots = structures.groupBy(col(EXPERIENCE_ID))
        .agg(count_if(counted(ANSWERED_SLOTS, functions::col)).as(ANSWERED_SLOTS),
            count_if(counted(RATED_SLOTS, functions::col)).as(RATED_SLOTS),
            count_if(counted(USEFUL_SLOTS, functions::col)).as(USEFUL_SLOTS));
    return winningRecords.where(col(SNAPSHOT_DATE).equalTo(lit(java.sql.Date.valueOf(date))))
        .select(col(EXPERIENCE_ID), col(SNAPSHOT_DATE), col(SOURCE_FILE))
        .join(experiences.select(col(EXPERIENCE_ID), col("state"), col("status"), col("first_response_at")),
            EXPERIENCE_ID)
        // An experience without a non-empty structure slot has no row there: its counts are 0.
        .join(slots, new String[] {EXPERIENCE_ID}, "left")
        .select(col(EXPERIENCE_ID), col(SNAPSHOT_DATE), col("state"), col("status"), col("first_response_at"),
            slotCount(ANSWERED_SLOTS), slotCount(RATED_SLOTS), slotCount(USEFUL_SLOTS), col(SOURCE_FILE));
  }

  private static Column slotCount(String name) {
    return coalesce(col(name), lit(0L)).cast(DataTypes.IntegerType).as(name);
  }

  /**
   * Whether a non-empty structure slot counts in the tracked count {@code count}, from the slot's
   * fields as silver/experience_structures names them: answered; rated by the author; rated useful.
   */
  private static Column counted(String count, Function<String, Column> field) {
    String rating = SourceColumns.STRUCTURE_SLOT.authorRating().name();
    return switch (count) {
      case ANSWERED_SLOTS -> field.apply("answered");
      case RATED_SLOTS -> field.apply(rating).isNotNull();
      case USEFUL_SLOTS -> field.apply(rating).equalTo(ClosedLists.RATING_USEFUL);
      default -> throw new IllegalArgumentException("no tracked slot count " + count);
    };
  }

  /** The observation's columns of each record (one per experience and date). */
  private static Dataset<Row> tracked(Dataset<Row> winners) {
    // The slots are built once per record and counted three times (a column referenced three times
    // in the next projection is not inlined into it).
    Column slots = col("slots");
    return winners
        .select(col(EXPERIENCE_ID), col(SNAPSHOT_DATE),
            Experiences.state().as("state"),
            Experiences.status().as("status"),
            Experiences.firstResponseAt().as("first_response_at"),
            Slots.nonEmptyStructureSlots().as("slots"),
            col(SOURCE_FILE))
        .select(col(EXPERIENCE_ID), col(SNAPSHOT_DATE), col("state"), col("status"), col("first_response_at"),
            size(filter(slots, s -> counted(ANSWERED_SLOTS, s::getField))).as(ANSWERED_SLOTS),
            size(filter(slots, s -> counted(RATED_SLOTS, s::getField))).as(RATED_SLOTS),
            size(filter(slots, s -> counted(USEFUL_SLOTS, s::getField))).as(USEFUL_SLOTS),
            col(SOURCE_FILE));
  }
}
