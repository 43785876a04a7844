package fr.spplus.silver;

import static fr.spplus.source.BronzeColumns.RECORD_NUMBER;
import static fr.spplus.source.BronzeColumns.SNAPSHOT_DATE;
import static fr.spplus.source.BronzeColumns.SOURCE_FILE;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;

import fr.spplus.source.ClosedLists;
import fr.spplus.source.SourceColumns;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

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

  /** The tracked attributes, in the order of silver/experience_history. */
  public static final List<String> TRACKED =
      List.of("state", "status", "first_response_at", "answered_slots", "rated_slots", "useful_slots");

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
    return of(records, verdicts, false);
  }

  /**
   * {@link #of} for the records of one snapshot (a daily run's files): its winners, one per
   * experience, are few enough to be sent to every task, so the wide bronze rows are read and their
   * tracked attributes normalised where they lie, by as many tasks as the bronze files of the run
   * make, instead of in the single task that the small aggregate of winners is coalesced into.
   */
  public static Dataset<Row> ofOneSnapshot(Dataset<Row> records, Dataset<Row> verdicts) {
    return of(records, verdicts, true);
  }

  private static Dataset<Row> of(Dataset<Row> records, Dataset<Row> verdicts, boolean sendWinners) {
    // The winner of each (experience, date) is chosen on the narrow verdicts; only the winning
    // records' few tracked columns are then read from the wide bronze rows.
    Dataset<Row> keys = Verdicts.accepted(verdicts)
        .groupBy(col(EXPERIENCE_ID), col(SNAPSHOT_DATE))
        .agg(max(struct(col(SOURCE_FILE), col(RECORD_NUMBER))).as("w"))
        .select(col(EXPERIENCE_ID), col(SNAPSHOT_DATE), col("w").getField(SOURCE_FILE).as(SOURCE_FILE),
            col("w").getField(RECORD_NUMBER).as(RECORD_NUMBER));
    Column slots = Slots.nonEmptyStructureSlots();
    String rating = SourceColumns.STRUCTURE_SLOT.authorRating().name();
    return records.drop(EXPERIENCE_ID).join(sendWinners ? broadcast(keys) : keys, RECORD)
        .select(col(EXPERIENCE_ID), col(SNAPSHOT_DATE),
            Experiences.state().as("state"),
            Experiences.status().as("status"),
            Experiences.firstResponseAt().as("first_response_at"),
            size(filter(slots, s -> s.getField("answered"))).as("answered_slots"),
            size(filter(slots, s -> s.getField(rating).isNotNull())).as("rated_slots"),
            size(filter(slots, s -> s.getField(rating).equalTo(ClosedLists.RATING_USEFUL)))
                .as("useful_slots"),
            col(SOURCE_FILE));
  }
}
