package fr.spplus.gold;

import static fr.spplus.gold.GoldColumns.ANSWERED;
import static fr.spplus.gold.GoldColumns.CHANGE;
import static fr.spplus.gold.GoldColumns.EXPERIENCE_ID;
import static fr.spplus.gold.GoldColumns.PRESENT;
import static fr.spplus.gold.GoldColumns.PREVIOUS_SNAPSHOT_DATE;
import static fr.spplus.gold.GoldColumns.SNAPSHOT_DATE;
import static fr.spplus.gold.GoldColumns.VALID_FROM;
import static fr.spplus.gold.GoldColumns.VALID_TO;
import static org.apache.spark.sql.functions.broadcast;

import fr.spplus.publish.Tables;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Which version of silver/experience_history covers a snapshot (docs/contract.md section 6): the
 * version with valid_from ≤ d and (valid_to null or d &lt; valid_to). An experience's versions do
 * not overlap, so each experience has at most one covering version per date, and none before its
 * first observation.
 */
final class Coverage {

  private Coverage() {}

  /**
   * The versions covering each date of {@code dates}, one row per (row of dates, experience with a
   * version covering its date), with the columns of both. A row of dates whose date is null covers
   * nothing.
   *
   * @param dates a small frame (the snapshots a run computes): broadcast, so that the history is
   *     scanned once whatever the number of dates, with no shuffle of the history
   * @param dateColumn the DATE column of {@code dates} to cover
   */
  static Dataset<Row> at(Dataset<Row> history, Dataset<Row> dates, String dateColumn) {
    Column d = dates.col(dateColumn);
    Column covers = history.col(VALID_FROM).leq(d)
        .and(history.col(VALID_TO).isNull().or(d.lt(history.col(VALID_TO))));
    return history.join(broadcast(dates), covers, "inner");
  }

  /** Checks at the boundary that the history has the columns the history tables read. */
  static void requireHistory(Dataset<Row> history) {
    Measures.requireColumns(history, Tables.SILVER_EXPERIENCE_HISTORY.path(), EXPERIENCE_ID, VALID_FROM, VALID_TO, CHANGE, PRESENT, ANSWERED);
  }

  /** Checks at the boundary that the snapshots to compute name their dates as the history tables do. */
  static void requireSnapshots(Dataset<Row> snapshots) {
    Measures.requireColumns(snapshots, "the snapshots to compute", SNAPSHOT_DATE, PREVIOUS_SNAPSHOT_DATE);
  }
}
