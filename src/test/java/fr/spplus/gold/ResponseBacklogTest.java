package fr.spplus.gold;

import static fr.spplus.gold.HistoryFixture.D1;
import static fr.spplus.gold.HistoryFixture.D2;
import static fr.spplus.gold.HistoryFixture.D3;
import static fr.spplus.gold.HistoryFixture.D4;
import static fr.spplus.gold.SilverFixture.BRETAGNE;
import static fr.spplus.gold.SilverFixture.IDF;
import static fr.spplus.gold.SilverFixture.MISSING;
import static fr.spplus.gold.SilverFixture.expected;
import static fr.spplus.gold.SilverFixture.row;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.spplus.publish.GoldTables;
import fr.spplus.testing.Frames;
import fr.spplus.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * gold/response_backlog on {@link HistoryFixture}. Ages are (snapshot at 00:00 Europe/Paris −
 * published_at) in days; the midnights are d1 2024-02-29T23:00Z, d2 2024-03-30T23:00Z (still CET on
 * the day the clocks go forward), d3 2024-10-26T22:00Z (still CEST on the day they go back), d4
 * 2024-11-04T23:00Z.
 */
class ResponseBacklogTest {

  /** K of the small-cell rule, on present. */
  private static final int K = 2;

  private static final double SECOND = 1.0 / 86_400;

  private static Object[][] allRows() {
    return new Object[][] {
        // d1: e3 open, published at that very midnight: age 0.0
        //   present 1 < K: small
        row(D1, IDF, "11", 1L, 0L, 1L, 0.0, 0L, 0L, 0.0, true),
        // d1: e4 open, 2024-02-20 11:00Z -> 2024-02-29 23:00Z = 9.5 days (> 7); e6 answered -> 1 / 2
        row(D1, BRETAGNE, "53", 2L, 1L, 1L, 0.5, 1L, 0L, 9.5, false),
        // d2: e1, e2 open, e3 answered -> 1 / 3. e1: 2024-03-23 23:00Z -> 2024-03-30 23:00Z = exactly 7 days,
        //   not over 7 (with a UTC midnight it would be 7 days and 1 hour); e2 one second older: over 7.
        //   Median of two: 7 + half a second
        row(D2, IDF, "11", 3L, 1L, 2L, 1.0 / 3, 1L, 0L, 7 + SECOND / 2, false),
        // d2: e4 open, 2024-02-20 11:00Z -> 2024-03-30 23:00Z = 29 + 10 + 0.5 = 39.5 days (over 7 and 30);
        //   e6 removed there: not present
        row(D2, BRETAGNE, "53", 1L, 0L, 1L, 0.0, 1L, 1L, 39.5, true),
        // d2: e5, region name blank with code 93 -> (Non renseignée, null); open without a publication
        //   date: counts as open, has no age (median null, over nothing)
        row(D2, MISSING, null, 1L, 0L, 1L, 0.0, 0L, 0L, null, true),
        // d3: e1, e8, e9 open; e2, e3 answered -> 2 / 5. e8: 2024-09-26 22:00Z -> 2024-10-26 22:00Z = exactly
        //   30 days, over 7 not over 30 (with the CET offset it would be 30 days and 1 hour); e9 one second
        //   older: over 30; e1: 214 days to 2024-10-23 23:00Z, then 3 days − 1 hour = 216 + 23/24: over 30.
        //   Median of three: e9's 30 days + 1 s
        row(D3, IDF, "11", 5L, 2L, 3L, 0.4, 3L, 2L, 30 + SECOND, false),
        // d3: e4 removed; e6 reappeared answered: nothing open, median null
        row(D3, BRETAGNE, "53", 1L, 1L, 0L, 1.0, 0L, 0L, null, true),
        row(D3, MISSING, null, 1L, 0L, 1L, 0.0, 0L, 0L, null, true),
        // d4: e1 answered now -> 3 / 5; e8: 30 days to 2024-10-26 22:00Z, + 9 days + 1 hour (the clocks went
        //   back) = 39 + 1/24; e9 one second more; median of two: 39 + 1/24 + half a second
        row(D4, IDF, "11", 5L, 3L, 2L, 0.6, 2L, 2L, 39 + 1.0 / 24 + SECOND / 2, false),
        row(D4, BRETAGNE, "53", 1L, 1L, 0L, 1.0, 0L, 0L, null, true),
        row(D4, MISSING, null, 1L, 0L, 1L, 0.0, 0L, 0L, null, true)};
  }

  private static Dataset<Row> backlog(Dataset<Row> snapshots) {
    return ResponseBacklog.compute(HistoryFixture.history(), HistoryFixture.experiences(), snapshots, K);
  }

  @Test
  void onePerSnapshotAndRegionWithAnExperiencePresent() {
    Frames.assertFrameEquals(expected(GoldTables.RESPONSE_BACKLOG, allRows()), backlog(HistoryFixture.snapshots()),
        "snapshot_date", "region_name");
  }

  @Test
  void agesDoNotDependOnTheSessionTimeZone() {
    String key = "spark.sql.session.timeZone";
    String before = SharedSpark.spark().conf().get(key);
    try {
      for (String zone : new String[] {"UTC", "America/Los_Angeles", "Asia/Tokyo"}) {
        SharedSpark.spark().conf().set(key, zone);
        Frames.assertFrameEquals(expected(GoldTables.RESPONSE_BACKLOG, allRows()),
            backlog(HistoryFixture.snapshots()), "snapshot_date", "region_name");
      }
    } finally {
      SharedSpark.spark().conf().set(key, before);
    }
  }

  @Test
  void onlyTheSnapshotsAskedFor() {
    Object[][] d3 = java.util.Arrays.stream(allRows()).filter(r -> r[0].equals(D3)).toArray(Object[][]::new);
    Frames.assertFrameEquals(expected(GoldTables.RESPONSE_BACKLOG, d3),
        backlog(HistoryFixture.snapshots(row(D3, D2))), "snapshot_date", "region_name");
  }

  @Test
  void anExperienceMissingFromSilverCountsInTheMissingRegion() {
    Dataset<Row> history = HistoryFixture.history(row(7L, D1, null, "published", true, false, 0));
    Frames.assertFrameEquals(expected(GoldTables.RESPONSE_BACKLOG,
            row(D1, MISSING, null, 1L, 0L, 1L, 0.0, 0L, 0L, null, true)),
        ResponseBacklog.compute(history, HistoryFixture.experiences(), HistoryFixture.snapshots(row(D1, null)), K),
        "snapshot_date");
  }

  @Test
  void aHistoryWithoutItsColumnsIsRejectedWithTheTableName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResponseBacklog.compute(
        HistoryFixture.history().drop("present"), HistoryFixture.experiences(), HistoryFixture.snapshots(), K));
    assertTrue(e.getMessage().contains("silver/experience_history has no column present"), e.getMessage());
  }
}
