package fr.spplus.silver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.spplus.publish.DeltaTables;
import fr.spplus.publish.Tables;
import fr.spplus.testing.SharedSpark;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class WinnersTest {

  static final StructType BRONZE = Tables.BRONZE_EXPERIENCES_RAW.schema();

  static Row record(String file, String snapshot, long recordNumber, String id, String title) {
    Object[] v = new Object[BRONZE.size()];
    v[BRONZE.fieldIndex("source_file")] = file;
    v[BRONZE.fieldIndex("snapshot_date")] = Date.valueOf(snapshot);
    v[BRONZE.fieldIndex("record_number")] = recordNumber;
    v[BRONZE.fieldIndex("experience_id")] = id;
    v[BRONZE.fieldIndex("published_at")] = "01/03/2024";
    v[BRONZE.fieldIndex("title")] = title;
    return RowFactory.create(v);
  }

  static Dataset<Row> accepted(Row... rows) {
    return Quarantine.accepted(Quarantine.classify(SharedSpark.spark().createDataFrame(List.of(rows), BRONZE)));
  }

  static List<String> winners(Dataset<Row> candidates) {
    List<String> out = new ArrayList<>();
    for (Row r : Winners.pick(candidates).orderBy("experience_id").select("experience_id", "title").collectAsList()) {
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
        winners(accepted(ALL)));
  }

  @Test
  void applyingTheRuleIncrementallyGivesTheSameWinnersInAnyArrivalOrder() {
    // The newer files first, then the older ones (an out-of-order backfill).
    Dataset<Row> firstBatch = accepted(ALL[0], ALL[2], ALL[7]);
    Dataset<Row> previousWinners = DeltaTables.conform(Winners.pick(firstBatch), Tables.SILVER_WINNING_RECORDS);
    Dataset<Row> secondBatch = DeltaTables.conform(accepted(ALL[1], ALL[3], ALL[4], ALL[5], ALL[6]),
        Tables.SILVER_WINNING_RECORDS);
    assertEquals(winners(accepted(ALL)), winners(previousWinners.unionByName(secondBatch)));
  }
}
