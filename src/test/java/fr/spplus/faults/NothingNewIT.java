package fr.spplus.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.spplus.audit.RunManifest;
import fr.spplus.cli.Main;
import fr.spplus.job.NothingNew;
import fr.spplus.publish.Tables;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The run that finds nothing new, decided from the file listing and the last run's manifest
 * (audit/_manifest) before Spark starts, and every way the manifest can be missing, stale or
 * contradicted, each of which must send the run down the full path (which reads the ledger).
 * Each case works on its own copy of the base warehouse (a finished run on the first three files,
 * whose input folder is {@code inputs/base}: the manifest names those copies' sizes and times).
 * Integration tier: whole runs of the job, and a child JVM.
 */
class NothingNewIT {

  static Snapshots s;
  static Path baseInputs;

  @BeforeAll
  static void baseWarehouse() {
    s = Snapshots.get();
    s.base();
    baseInputs = s.root.resolve("inputs").resolve("base");
  }

  private static NothingNew.Decision decide(Path warehouse, Path inputs) {
    return NothingNew.decide(Runs.options(warehouse, List.of(inputs)));
  }

  private static Map<String, Long> versions(Path warehouse) {
    return RunManifest.tableVersions(warehouse.toString(), new Configuration());
  }

  /** Main.execute's exit code and standard output. */
  private static String[] execute(Path warehouse, Path inputs) {
    PrintStream old = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      int code = Main.execute(Runs.argv(warehouse, List.of(inputs)));
      return new String[] {Integer.toString(code), captured.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setOut(old);
    }
  }

  @Test
  void theBaseRunLeftAManifestNamingItsFilesTablesAndExperiences() {
    RunManifest.Content m = RunManifest.read(s.base().toString(), new Configuration()).orElseThrow();
    assertEquals(Warehouses.lastPublishingRun(s.base()).getAs("run_id"), m.runId());
    assertEquals(versions(s.base()), m.tableVersions());
    assertEquals(Warehouses.tables(s.base()).read(Tables.SILVER_EXPERIENCES).count(), m.experiences());
    assertEquals(3, m.files().size());
    for (Path f : s.first) {
      RunManifest.FileState state = m.files().get(f.getFileName().toString());
      Path copy = baseInputs.resolve(f.getFileName());
      assertEquals(new java.io.File(copy.toString()).length(), state.sizeBytes(), f.toString());
      assertEquals(new java.io.File(copy.toString()).lastModified(), state.modifiedMillis(), f.toString());
      assertEquals(64, state.contentHash().length());
    }
  }

  @Test
  void nothingNewRunsWithoutSparkAndWritesNothing() throws IOException {
    Path w = s.copyOf(s.base(), "nothing-new");
    Map<String, Long> before = versions(w);
    int runsBefore = Warehouses.runs(w).size();
    Path classLog = s.root.resolve("nothing-new-classes.log");
    try (ChildJob child = ChildJob.start("nothing-new", List.of(), List.of("-Xlog:class+load=info:file=" + classLog),
        List.of(), List.of("--warehouse", w.toString(), "--input", baseInputs.toString()))) {
      assertEquals(0, child.awaitExit(), child.output());
      assertTrue(child.output().contains("nothing new: every file is as the last finished run"), child.output());
      assertTrue(child.output().contains("run succeeded: 3 files seen, 0 ingested, 3 skipped, 0 rejected"),
          child.output());
    }
    String classes = Files.readString(classLog);
    assertTrue(classes.contains("fr.spplus.job.NothingNew "), "the class log is not the child's");
    assertFalse(classes.contains("org.apache.spark.SparkContext "), "Spark started for a run with nothing to do");
    assertFalse(classes.contains("org.apache.spark.sql.delta."), "Delta loaded for a run with nothing to do");
    assertEquals(before, versions(w), "a table was written");
    assertEquals(runsBefore, Warehouses.runs(w).size());
    assertFalse(Files.exists(w.resolve("_lock")));
  }

  @Test
  void aManifestMissingCutShortOrContradictedByATableTakesTheFullPath() throws IOException {
    Path w = s.copyOf(s.base(), "manifest-broken");
    assertTrue(decide(w, baseInputs).nothingNew(), decide(w, baseInputs).reason());
    Path manifest = w.resolve(RunManifest.PATH);
    String good = Files.readString(manifest);

    Files.writeString(manifest, good.replace("end\n", ""));
    assertEquals("no complete manifest in the warehouse", decide(w, baseInputs).reason());

    Files.writeString(manifest, good.replaceFirst("table\tgold/kpi_by_region\t(\\d+)", "table\tgold/kpi_by_region\t99"));
    assertTrue(decide(w, baseInputs).reason().startsWith("tables changed since the manifest of run "));

    Files.writeString(manifest, good.replaceFirst("table\tgold/kpi_by_region\t\\d+\t[^\n]*\n", ""));
    assertTrue(decide(w, baseInputs).reason().startsWith("tables changed since"), "a table the manifest does not name");

    Files.delete(manifest);
    assertEquals("no complete manifest in the warehouse", decide(w, baseInputs).reason());

    // The full path on the same files: nothing ingested, an audit row, and a manifest again.
    int runsBefore = Warehouses.runs(w).size();
    String[] out = execute(w, baseInputs);
    assertEquals("0", out[0], out[1]);
    assertTrue(out[1].contains("silver and gold are up to date: nothing new to ingest"), out[1]);
    assertEquals(runsBefore + 1, Warehouses.runs(w).size());
    assertTrue(decide(w, baseInputs).nothingNew(), decide(w, baseInputs).reason());
  }

  @Test
  void aFileTouchedOrAddedTakesTheFullPathWhichRefreshesTheManifest() throws IOException {
    Path w = s.copyOf(s.base(), "touched");
    Path inputs = s.folder("touched", s.first);
    // Copies have new modification times: the same content, but the listing cannot tell.
    NothingNew.Decision touched = decide(w, inputs);
    assertFalse(touched.nothingNew());
    assertTrue(touched.reason().endsWith(" is new or changed"), touched.reason());

    Path added = s.folder("added", List.of());
    for (Path f : s.first) {
      Files.createLink(added.resolve(f.getFileName()), baseInputs.resolve(f.getFileName()));
    }
    Files.copy(s.second, added.resolve(s.second.getFileName()));
    assertEquals(s.second.getFileName() + " is new or changed", decide(w, added).reason());

    String[] out = execute(w, inputs);
    assertEquals("0", out[0], out[1]);
    assertTrue(out[1].contains("3 skipped"), out[1]);
    // The manifest now names the new times of the same content.
    assertTrue(decide(w, inputs).nothingNew(), decide(w, inputs).reason());
    Files.setLastModifiedTime(inputs.resolve(s.first.get(0).getFileName()), FileTime.fromMillis(86_400_000L));
    assertEquals(s.first.get(0).getFileName() + " is new or changed", decide(w, inputs).reason());
  }

  @Test
  void aLockLeftByAKilledRunTakesTheRecoveryPath() throws IOException {
    Path w = s.copyOf(s.base(), "stale-lock");
    // What SIGKILL leaves: the lock of a process that no longer exists, on this host.
    Process dead = new ProcessBuilder("true").start();
    long deadPid = dead.pid();
    try {
      dead.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Files.writeString(w.resolve("_lock"), "run_id=20240101T000000000Z-killed\nhost="
        + InetAddress.getLocalHost().getHostName() + "\npid=" + deadPid + "\nstarted_at=2024-01-01T00:00:00Z\n");
    assertEquals("a lock file is present (a run is active, or the last one did not finish)",
        decide(w, baseInputs).reason());
    String[] out = execute(w, baseInputs);
    assertEquals("0", out[0], out[1]);
    assertTrue(out[1].contains("  recover "), out[1]);
    assertFalse(Files.exists(w.resolve("_lock")), "the stale lock was taken over and released");
    assertTrue(decide(w, baseInputs).nothingNew(), decide(w, baseInputs).reason());
  }
}
