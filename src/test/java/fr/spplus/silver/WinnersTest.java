package fr.spplus.silver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.spplus.publish.Tables;
import fr.spplus.testing.Frames;
import fr.spplus.testing.SharedSpark;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class WinnersTest {

  static final StructType BRONZE = Tables.BRONZE_EXPERIENCES_RAW.schema();

  /** An acceptable bronze record; {@code more} names and values of other fields (or replacements). */
  static Row record(String file, String snapshot, long recordNumber, String id, String title, Object... more) {
    Object[] fields = {"source_file", file, "snapshot_date", Date.valueOf(snapshot), "record_number", recordNumber,
        "experience_id", id, "published_at", "01/03/2024", "title", title};
    Object[] all = java.util.Arrays.copyOf(fields, fields.length + more.length);
    System.arraycopy(more, 0, all, fields.length, more.length);
    return Frames.row(BRONZE, all);
  }

  static Dataset<Row> bronze(Row... rows) {
    return SharedSpark.spark().createDataFrame(List.of(rows), BRONZE);
  }

  static Dataset<Row> noWinnersYet() {
    return SharedSpark.spark().createDataFrame(List.of(), Tables.SILVER_WINNING_RECORDS.schema());
  }

  static Dataset<Row> pick(Dataset<Row> previous, Dataset<Row> records) {
    return Winners.pick(previous, records, Verdicts.of(records));
  }

  static List<String> winners(Dataset<Row> winningRecords) {
    List<String> out = new ArrayList<>();
    for (Row r : winningRecords.orderBy("experience_id").select("experience_id", "title").collectAsList()) {
      out.add(r.getLong(0) + "=" + r.getString(1));
    }
    return out;
  }

  static final Row[] ALL = {
      record("export-2024-03-02.csv", "2024-03-02", 1, "1", "newer snapshot"),
      record("export-2024-03-01.csv", "2024-03-01", 5, "1", "older snapshot"),
      // same snapshot date: the base name that sorts last by code point wins ('a' 0x61 > 'B' 0x42)
      record("export-a.csv", "2024-03-02", 1, "2", "name sorts last"),
      record("export-B.csv", "2024-03-02", 9, "2", "name sorts first"),
      // duplicates within one file: the later record wins
      record("export-2024-03-01.csv", "2024-03-01", 3, "3", "earlier record"),
      record("export-2024-03-01.csv", "2024-03-01", 7, "3", "later record"),
      // 00004 and 4 are the same experience
      record("export-2024-03-01.csv", "2024-03-01", 8, "00004", "leading zeros, older"),
      record("export-2024-03-02.csv", "2024-03-02", 2, "4", "plain, newer"),
  };

  @Test
  void latestSnapshotThenLastFileNameThenLastRecordWins() {
    assertEquals(List.of("1=newer snapshot", "2=name sorts last", "3=later record", "4=plain, newer"),
        winners(pick(noWinnersYet(), bronze(ALL))));
  }

  @Test
  void quarantinedRecordsNeverWin() {
    Row newerButNoDate = record("export-2024-03-03.csv", "2024-03-03", 1, "1", "no publication date",
        "published_at", "");
    Row newerButMalformed = record("export-2024-03-03.csv", "2024-03-03", 2, "4", "malformed", "raw_record", "4;x");
    assertEquals(List.of("1=newer snapshot", "2=name sorts last", "3=later record", "4=plain, newer"),
        winners(pick(noWinnersYet(), bronze(concat(ALL, newerButNoDate, newerButMalformed)))));
  }

  @Test
  void applyingTheRuleIncrementallyGivesTheSameWinnersInAnyArrivalOrder() {
    // The newer files first, then the older ones (an out-of-order backfill).
    Dataset<Row> previousWinners = pick(noWinnersYet(), bronze(ALL[0], ALL[2], ALL[7]));
    Dataset<Row> secondBatch = bronze(ALL[1], ALL[3], ALL[4], ALL[5], ALL[6]);
    List<String> incremental = winners(pick(previousWinners, secondBatch));
    assertEquals(winners(pick(noWinnersYet(), bronze(ALL))), incremental);
    assertEquals(List.of("1=newer snapshot", "2=name sorts last", "3=later record", "4=plain, newer"), incremental);
  }

  @Test
  void aPreviousWinnerBeatenByANewRecordIsReplaced() {
    Dataset<Row> previousWinners = pick(noWinnersYet(), bronze(ALL[1], ALL[6]));
    assertEquals(List.of("1=older snapshot", "4=leading zeros, older"), winners(previousWinners));
    assertEquals(List.of("1=newer snapshot", "4=plain, newer"),
        winners(pick(previousWinners, bronze(ALL[0], ALL[7]))));
  }

  static Row[] concat(Row[] rows, Row... more) {
    Row[] out = java.util.Arrays.copyOf(rows, rows.length + more.length);
    System.arraycopy(more, 0, out, rows.length, more.length);
    return out;
  }
}
