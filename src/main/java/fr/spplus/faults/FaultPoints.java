package fr.spplus.faults;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Named points of a run where a test can stop the job: the kill tests start the job in a separate
 * JVM with {@code -Dspplus.faultpoint=NAME}, wait for the line {@code FAULTPOINT NAME} on its
 * standard output, and kill the process with SIGKILL while it waits there.
 *
 * <p>Disarmed (the property unset or naming another point), {@link #reached} is one system-property
 * look-up and {@link #duringWrite} returns its argument: production runs never set the property.
 * Armed, the point prints its line and waits for an hour, or until the file named by
 * {@code -Dspplus.faultpoint.resume-file} exists, or until its thread is interrupted; then the run
 * goes on. The resume file lets a test hold a run at a point (to start a second run against it)
 * and then let it finish.
 *
 * <p>The points, in the order a run reaches them, are the constants below; docs/reliability.md
 * says what a kill at each one leaves behind and how the next run recovers.
 */
public final class FaultPoints {

  public static final String PROPERTY = "spplus.faultpoint";
  public static final String RESUME_FILE_PROPERTY = "spplus.faultpoint.resume-file";
  /** The line an armed point prints, followed by its name. */
  public static final String ANNOUNCE = "FAULTPOINT ";

  /** Files probed, nothing read by Spark yet. */
  public static final String BRONZE_BEFORE_READ = "bronze.before-read";
  /** Inside the bronze append's Spark tasks: data files being written, nothing committed. */
  public static final String BRONZE_DURING_APPEND = "bronze.during-append";
  /** Bronze committed, ledger (audit/files) not written: the next run removes these rows as orphans. */
  public static final String BRONZE_AFTER_COMMIT = "bronze.after-commit";
  /** Ledger written, silver not started. */
  public static final String LEDGER_AFTER_COMMIT = "ledger.after-commit";
  /** silver/quarantine and silver/winning_records replaced, the derived silver tables not yet. */
  public static final String SILVER_AFTER_WINNING_RECORDS = "silver.after-winning-records";
  /**
   * Inside the Spark tasks of the daily run's MERGE into silver/experience_history: the other silver
   * tables written, the history's new files being written, nothing committed.
   */
  public static final String HISTORY_DURING_MERGE = "history.during-merge";
  /** silver/experience_history committed (merged or rebuilt), no gold table yet. */
  public static final String HISTORY_AFTER_COMMIT = "history.after-commit";
  /** Every silver table written, no gold table yet. */
  public static final String GOLD_BEFORE = "gold.before";
  /** After each gold table's commit (armed, the first one stops): gold half replaced. */
  public static final String GOLD_AFTER_TABLE = "gold.after-table";
  /**
   * After each commit of gold/response_backlog and gold/snapshot_activity (armed, the first one
   * stops): the other gold tables written, the history's gold half written.
   */
  public static final String GOLD_HISTORY_AFTER_TABLE = "gold.history-after-table";
  /** Every table written, the audit/runs row (the publication point) not yet. */
  public static final String AUDIT_BEFORE_RUN_ROW = "audit.before-run-row";

  private static final long MAX_WAIT_MS = TimeUnit.HOURS.toMillis(1);
  private static final long POLL_MS = 100;

  private FaultPoints() {}

  /** A no-op unless this point is armed; armed, announces itself and waits (see the class comment). */
  public static void reached(String name) {
    if (!name.equals(System.getProperty(PROPERTY))) {
      return;
    }
    PrintStream out = System.out;
    synchronized (out) {
      out.println(ANNOUNCE + name);
      out.flush();
    }
    String resume = System.getProperty(RESUME_FILE_PROPERTY);
    long deadline = System.currentTimeMillis() + MAX_WAIT_MS;
    try {
      while (System.currentTimeMillis() < deadline && (resume == null || !Files.exists(Path.of(resume)))) {
        Thread.sleep(POLL_MS);
      }
    } catch (InterruptedException e) {
      // An interrupt resumes the run too; it is consumed on purpose: restoring the flag would make
      // the run's next Spark call fail.
    }
  }

  /**
   * The data, unchanged unless this point is armed. Armed, every Spark task that writes the data
   * stops at the point after handing its first row to the writer, so a kill lands while data files
   * are open and the Delta commit has not happened.
   */
  public static Dataset<Row> duringWrite(String name, Dataset<Row> data) {
    if (!name.equals(System.getProperty(PROPERTY))) {
      return data;
    }
    return data.mapPartitions(new StopAfterFirstRow(name), Encoders.row(data.schema()));
  }

  private static final class StopAfterFirstRow implements MapPartitionsFunction<Row, Row> {
    private final String name;

    StopAfterFirstRow(String name) {
      this.name = name;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      return new Iterator<>() {
        /** 0: no row handed yet; 1: the first row handed; 2: the point reached. */
        private int state;

        @Override
        public boolean hasNext() {
          if (state == 1) {
            state = 2;
            reached(name);
          }
          return rows.hasNext();
        }

        @Override
        public Row next() {
          Row r = rows.next();
          if (state == 0) {
            state = 1;
          }
          return r;
        }
      };
    }
  }
}
