package fr.spplus.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Two runs started at the same instant on one warehouse, each a child JVM. The warehouse lock lets
 * one in; the other fails with exit code 1 and one line naming the run that holds the warehouse
 * (or, had it started after the first finished, would succeed with nothing to do). Either way the
 * warehouse ends up exactly as after one clean run: no duplicate, nothing torn.
 *
 * <p>Run A is armed to wait mid-silver (after silver/winning_records is replaced) until the test
 * lets it go: if A wins the lock, B certainly meets it held by a run in the middle of rewriting
 * silver. The lock race itself, at the scale of microseconds, is {@link WarehouseLockRaceTest}'s.
 */
class ConcurrentRunsIT {

  @Test
  void twoRunsStartedTogetherEndWithOneSucceedingAndTheWarehouseAsAfterOneRun() throws IOException {
    Snapshots s = Snapshots.get();
    Path inputs = s.folder("concurrent", s.all());
    Path w = s.copyOf(s.base(), "concurrent");
    Path resume = w.resolveSibling("concurrent.resume");
    List<String> args = List.of("--warehouse", w.toString(), "--input", inputs.toString());
    try (ChildJob a = ChildJob.startAt("A", FaultPoints.SILVER_AFTER_WINNING_RECORDS, resume, args);
         ChildJob b = ChildJob.start("B", List.of(), args)) {
      s.referenceAll();
      // B ends first: refused by A's lock, or, had B won the lock, after its whole run (A, refused
      // meanwhile, has ended before it). Then A may go on.
      int exitB = b.awaitExit();
      Files.createFile(resume);
      int exitA = a.awaitExit();
      String both = "A (exit " + exitA + "):\n" + a.output() + "\n---- B (exit " + exitB + "):\n" + b.output();

      String runA = KillRecoveryIT.runId(a.output());
      String runB = KillRecoveryIT.runId(b.output());
      Map<String, Row> runs = Warehouses.runs(w);
      if (exitA == 0 && exitB == 0) {
        // One ran after the other: the second found nothing new.
        assertEquals(3, runs.size(), both);
        assertEquals(1, runs.values().stream().filter(r -> "none".equals(r.getAs("silver_mode"))).count(), both);
      } else {
        assertEquals(List.of(0, 1), exitA == 0 ? List.of(exitA, exitB) : List.of(exitB, exitA), both);
        ChildJob winner = exitA == 0 ? a : b;
        ChildJob loser = exitA == 0 ? b : a;
        String winnerRun = exitA == 0 ? runA : runB;
        List<String> failures = loser.output().lines().filter(l -> l.startsWith("spplus: FAILED: ")).toList();
        assertEquals(1, failures.size(), both);
        assertTrue(failures.get(0).startsWith("spplus: FAILED: warehouse " + w + " is in use by run " + winnerRun
            + " (pid " + winner.pid() + " on "), both);
        assertTrue(failures.get(0).endsWith("; wait for it to finish, or delete " + w.resolve("_lock")
            + " if no run is active"), both);
        assertFalse(loser.output().contains("\tat "), "a stack trace without --verbose:\n" + both);
        assertEquals(2, runs.size(), "the base run and the winner; the refused run wrote nothing\n" + both);
        assertEquals("succeeded", runs.get(winnerRun).getAs("status"));
      }
      Warehouses.assertSameData(s.referenceAll(), w);
    }
  }
}
