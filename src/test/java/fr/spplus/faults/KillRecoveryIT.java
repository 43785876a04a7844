package fr.spplus.faults;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.spplus.job.NothingNew;
import fr.spplus.publish.GoldTables;
import fr.spplus.publish.TableSpec;
import fr.spplus.publish.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SIGKILL at every stage of a run, then a plain rerun. Each case starts from its own copy of the
 * base warehouse (a finished run on the first three files) and runs the job in a child JVM on those
 * files plus the next two snapshots, armed to stop at one fault point; the test kills it there with
 * SIGKILL (no shutdown hook, no finally block runs). The cases inside the history's MERGE start from
 * the base warehouse after a second run on the next snapshot, so that the killed run brings one later
 * snapshot, the daily case that merges the history. Then the test checks:
 *
 * <ol>
 *   <li>while the killed run waited at the point, every silver and gold table was readable, the
 *       last published run (audit/runs) was still the base run, and the versions it names
 *       (table_versions) held the base warehouse's data; after the kill, the same run was still
 *       the published one and every table still readable;</li>
 *   <li>the killed run left no audit/runs row (a killed process writes nothing more: its absence is
 *       the record, and its run id is in audit/files when it got past the ledger);</li>
 *   <li>the rerun, in the test JVM, takes over the dead run's lock, succeeds, and leaves every table
 *       (bronze, silver, gold) equal to one clean run on the same files: no duplicate, nothing lost.</li>
 * </ol>
 *
 * <p>The children start together (they cost most of this test's time, and a child waiting at its
 * point uses no CPU); the cases are then checked one after the other.
 */
class KillRecoveryIT {

  /**
   * A point, and what the rerun does after a kill there; {@code daily}: the killed run starts from
   * {@link #afterSecond} and brings one later snapshot (the history is merged, not rebuilt).
   */
  record Case(String point, boolean ledgerWritten, boolean orphanBronzeRows, boolean daily) {
    Case(String point, boolean ledgerWritten, boolean orphanBronzeRows) {
      this(point, ledgerWritten, orphanBronzeRows, false);
    }

    @Override
    public String toString() {
      return point;
    }
  }

  static final List<Case> CASES = List.of(
      new Case(FaultPoints.BRONZE_DURING_APPEND, false, false),
      new Case(FaultPoints.BRONZE_AFTER_COMMIT, false, true),
      new Case(FaultPoints.LEDGER_AFTER_COMMIT, true, false),
      new Case(FaultPoints.SILVER_AFTER_WINNING_RECORDS, true, false),
      new Case(FaultPoints.HISTORY_DURING_MERGE, true, false, true),
      new Case(FaultPoints.HISTORY_AFTER_COMMIT, true, false, true),
      new Case(FaultPoints.GOLD_BEFORE, true, false),
      new Case(FaultPoints.GOLD_AFTER_TABLE, true, false),
      new Case(FaultPoints.GOLD_HISTORY_AFTER_TABLE, true, false, true),
      new Case(FaultPoints.AUDIT_BEFORE_RUN_ROW, true, false));

  static final Pattern RUN_ID = Pattern.compile("spplus run (\\S+): warehouse");

  static Snapshots s;
  static Path inputs;
  /** The base warehouse after a run on the second snapshot too: where the daily cases start. */
  static Path afterSecond;
  static final Map<Path, String> startRunIds = new LinkedHashMap<>();
  static final Map<Path, Map<String, Long>> startCounts = new LinkedHashMap<>();
  static final Map<String, Path> warehouses = new LinkedHashMap<>();
  static final Map<String, ChildJob> children = new LinkedHashMap<>();

  static List<Case> cases() {
    return CASES;
  }

  @BeforeAll
  static void startEveryRunToKill() {
    s = Snapshots.get();
    inputs = s.folder("kill", s.all());
    Path base = s.base();
    afterSecond = s.copyOf(base, "kill-after-second");
    Runs.Result second = Runs.run(afterSecond, s.folder("kill-after-second", s.firstTwo()));
    assertEquals(0, second.exitCode(), second.output());
    for (Case c : CASES) {
      Path w = s.copyOf(start(c), "kill-" + c.point());
      warehouses.put(c.point(), w);
      children.put(c.point(), ChildJob.startAt("kill-" + c.point(), c.point(), null,
          List.of("--warehouse", w.toString(), "--input", inputs.toString())));
    }
    // While the children start.
    s.referenceAll();
    for (Path start : List.of(base, afterSecond)) {
      startRunIds.put(start, Warehouses.lastPublishingRun(start).getAs("run_id"));
      Map<String, Long> counts = new LinkedHashMap<>();
      for (TableSpec t : Warehouses.SILVER_AND_GOLD) {
        counts.put(t.path(), Warehouses.tables(start).read(t).count());
      }
      startCounts.put(start, counts);
    }
  }

  static Path start(Case c) {
    return c.daily() ? afterSecond : s.base();
  }

  @AfterAll
  static void stopWhatIsLeft() {
    children.values().forEach(ChildJob::close);
  }

  @ParameterizedTest(name = "killed at {0}")
  @MethodSource("cases")
  void aRunKilledAtThisPointLeavesThePublishedTablesIntactAndTheRerunCompletesIt(Case c) throws IOException {
    Path w = warehouses.get(c.point());
    ChildJob child = children.get(c.point());
    child.awaitFaultPoint(c.point());
    String killedRun = runId(child.output());
    Path start = start(c);
    String baseRunId = startRunIds.get(start);
    assertPublishedStateIsTheStart(start, w, "while the run waits at " + c.point());

    child.kill();
    Path lock = w.resolve("_lock");
    assertTrue(Files.exists(lock), "the killed run's lock is left behind");
    assertTrue(Files.readString(lock).contains("pid=" + child.pid()));
    // Even on the files the last finished run ingested, the next run may not take the nothing-new
    // path: the lock says this run did not finish, so it needs the recovery of the full path.
    NothingNew.Decision next = NothingNew.decide(Runs.options(w, List.of(s.root.resolve("inputs").resolve("base"))));
    assertFalse(next.nothingNew(), "nothing-new decided after a kill at " + c.point());
    // The kill commits nothing more: what was published stays published (checked in full above).
    assertEquals(baseRunId, Warehouses.lastPublishingRun(w).getAs("run_id"), "after the kill at " + c.point());
    for (TableSpec t : Warehouses.SILVER_AND_GOLD) {
      Warehouses.tables(w).read(t).limit(1).count();
    }
    boolean ledgerNamesTheKilledRun = !Warehouses.tables(w).read(Tables.AUDIT_FILES)
        .where(col("run_id").equalTo(killedRun)).isEmpty();
    assertEquals(c.ledgerWritten(), ledgerNamesTheKilledRun, "audit/files rows of the killed run");

    Runs.Result rerun = Runs.run(w, inputs);
    assertEquals(0, rerun.exitCode(), rerun.output());
    assertEquals("succeeded", rerun.record().status());
    assertFalse(Files.exists(lock), "the rerun took the stale lock over and released it");
    // What the rerun had to do: read the new file again unless the killed run's ledger names it,
    // then merge it (incremental) or rebuild silver from bronze (full) when silver may be half-written.
    assertEquals(c.ledgerWritten() ? 0 : c.daily() ? 1 : 2, rerun.record().filesIngested());
    assertEquals(c.ledgerWritten() ? "full" : "incremental", rerun.record().silverMode());
    assertEquals(c.orphanBronzeRows(),
        rerun.output().contains("removed bronze rows of unfinished runs [" + killedRun + "]"),
        rerun.output());

    Warehouses.assertSameData(s.referenceAll(), w);
    Map<String, Row> runs = Warehouses.runs(w);
    java.util.TreeSet<String> expectedRuns = new java.util.TreeSet<>(Warehouses.runs(start).keySet());
    expectedRuns.add(rerun.runId());
    assertEquals(new ArrayList<>(expectedRuns), new ArrayList<>(new java.util.TreeSet<>(runs.keySet())),
        "audit/runs: the start warehouse's runs and the rerun; the killed run has no row");
    assertEquals("succeeded", runs.get(rerun.runId()).getAs("status"));
    assertEquals(rerun.runId(), Warehouses.lastPublishingRun(w).getAs("run_id"));
  }

  /**
   * Every silver and gold table is readable as it now is; the last published run is the start
   * warehouse's; the versions it names are readable and hold the start warehouse's data (content
   * compared for silver/experiences, silver/experience_history and one gold table, row counts for
   * the others: a full comparison of every table at every point would double this test's time, and
   * the rerun below is compared in full).
   */
  static void assertPublishedStateIsTheStart(Path start, Path w, String when) {
    for (TableSpec t : Warehouses.SILVER_AND_GOLD) {
      Warehouses.tables(w).read(t).count();
    }
    Row published = Warehouses.lastPublishingRun(w);
    assertEquals(startRunIds.get(start), published.getAs("run_id"), when);
    Map<String, Long> versions = published.getJavaMap(published.fieldIndex("table_versions"));
    for (TableSpec t : Warehouses.SILVER_AND_GOLD) {
      assertTrue(versions.containsKey(t.path()), t.path() + " not in table_versions");
      if (t == Tables.SILVER_EXPERIENCES || t == Tables.SILVER_EXPERIENCE_HISTORY || t == GoldTables.KPI_BY_STRUCTURE) {
        TableContents.assertSameRows(t.path() + " " + when, Warehouses.expected(start, t).rows(),
            TableContents.canonical(Warehouses.content(w, t, versions.get(t.path()))));
      } else {
        assertEquals(startCounts.get(start).get(t.path()), Warehouses.content(w, t, versions.get(t.path())).count(),
            t.path() + " " + when);
      }
    }
  }

  static String runId(String output) {
    Matcher m = RUN_ID.matcher(output);
    assertTrue(m.find(), output);
    return m.group(1);
  }
}
