package fr.spplus.gold;

import static fr.spplus.gold.HistoryFixture.D1;
import static fr.spplus.gold.HistoryFixture.D2;
import static fr.spplus.gold.HistoryFixture.D3;
import static fr.spplus.gold.HistoryFixture.D4;
import static fr.spplus.gold.SilverFixture.date;
import static fr.spplus.gold.SilverFixture.expected;
import static fr.spplus.gold.SilverFixture.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.spplus.publish.GoldTables;
import fr.spplus.testing.Frames;
import java.sql.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** gold/snapshot_activity on {@link HistoryFixture}. */
class SnapshotActivityTest {

  /** K of the small-cell rule, on present. */
  private static final int K = 4;

  private static Object[][] allRows() {
    return new Object[][] {
        // d1, the first snapshot: no previous; e3, e4, e6 published; nothing newly answered (no previous)
        //   present 3 < K: small
        row(D1, null, 3L, 3L, 0L, 0L, 0L, 0L, true),
        // d2: e1, e2, e5 published; e3 changed (now answered: newly answered); e6 removed
        //   present e1, e2, e3, e4, e5 = 5 = 3 + 3 + 0 − 1
        row(D2, D1, 5L, 3L, 1L, 1L, 0L, 1L, false),
        // d3: e8, e9 published; e2 changed (answered: newly), e3 changed (answered before and after: not newly);
        //   e4 removed; e6 reappeared answered (absent at d2: reappeared, not newly answered)
        //   present e1, e2, e3, e5, e6, e8, e9 = 7 = 5 + 2 + 1 − 1
        row(D3, D2, 7L, 2L, 2L, 1L, 1L, 1L, false),
        // d4: e1 changed, answered: newly; its d2 version ends at d4 and does not cover it (7, not 8, present)
        row(D4, D3, 7L, 0L, 1L, 0L, 0L, 1L, false)};
  }

  private static Dataset<Row> activity(Dataset<Row> snapshots) {
    return SnapshotActivity.compute(HistoryFixture.history(), snapshots, K);
  }

  @Test
  void oneRowPerSnapshot() {
    Frames.assertFrameEquals(expected(GoldTables.SNAPSHOT_ACTIVITY, allRows()), activity(HistoryFixture.snapshots()),
        "snapshot_date");
  }

  @Test
  void presentIsThePreviousPresentPlusPublishedAndReappearedMinusRemoved() {
    List<Row> rows = activity(HistoryFixture.snapshots()).orderBy("snapshot_date").collectAsList();
    Map<Date, Long> present = new HashMap<>();
    for (Row r : rows) {
      Date previous = r.getAs("previous_snapshot_date");
      long before = previous == null ? 0L : present.get(previous);
      long expected = before + r.<Long>getAs("published") + r.<Long>getAs("reappeared") - r.<Long>getAs("removed");
      assertEquals(expected, (long) r.<Long>getAs("present"), "at " + r.getAs("snapshot_date"));
      present.put(r.getAs("snapshot_date"), r.getAs("present"));
    }
    assertEquals(4, present.size());
  }

  @Test
  void onlyTheSnapshotsAskedForEachAsInTheFullComputation() {
    Frames.assertFrameEquals(expected(GoldTables.SNAPSHOT_ACTIVITY, allRows()[2], allRows()[3]),
        activity(HistoryFixture.snapshots(row(D3, D2), row(D4, D3))), "snapshot_date");
  }

  @Test
  void aSnapshotNothingCoversStillHasItsRow() {
    Date before = date("2024-01-15");
    Frames.assertFrameEquals(expected(GoldTables.SNAPSHOT_ACTIVITY, row(before, null, 0L, 0L, 0L, 0L, 0L, 0L, true)),
        activity(HistoryFixture.snapshots(row(before, null))), "snapshot_date");
  }

  @Test
  void removedAndReappearedCountTheVersionsThatStartThere() {
    // e10 leaves at d2 and comes back at d3, e11 leaves at d3 for good: d2 removed 1, d3 removed 1 and
    // reappeared 1; an answer arriving with the return is not newly answered (absent at d2).
    Dataset<Row> history = HistoryFixture.history(
        row(10L, D1, D2, "published", true, false, 0),
        row(10L, D2, D3, "removed", false, null, null),
        row(10L, D3, null, "reappeared", true, true, 0),
        row(11L, D1, D3, "published", true, false, 0),
        row(11L, D3, null, "removed", false, null, null));
    Frames.assertFrameEquals(expected(GoldTables.SNAPSHOT_ACTIVITY,
            row(D1, null, 2L, 2L, 0L, 0L, 0L, 0L, true),
            row(D2, D1, 1L, 0L, 0L, 1L, 0L, 0L, true),
            row(D3, D2, 1L, 0L, 0L, 1L, 1L, 0L, true)),
        SnapshotActivity.compute(history, HistoryFixture.snapshots(row(D1, null), row(D2, D1), row(D3, D2)), K),
        "snapshot_date");
  }
}
