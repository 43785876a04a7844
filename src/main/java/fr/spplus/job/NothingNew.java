package fr.spplus.job;

import fr.spplus.audit.RunManifest;
import fr.spplus.source.ExportDiscovery;
import fr.spplus.source.ExportFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The daily run that finds nothing new, decided before Spark starts: a Spark session and the
 * process's first Delta query cost most of a run that has nothing to do (about 14 s of the 29 s
 * measured), while the answer is in the file listing and the last run's manifest
 * ({@link RunManifest}).
 *
 * <p>Nothing is new when all of these hold, else the run takes the full path (which reads the
 * ledger itself, recovers, and skips unchanged files the same way):
 * <ul>
 *   <li>the warehouse holds a complete manifest;</li>
 *   <li>no lock file: no run is active, and the last one did not die (a killed run leaves its lock,
 *       and its recovery needs the full path);</li>
 *   <li>every table of the warehouse is at the version the manifest names, and no table appeared
 *       or vanished since (a run that died after writing, a manual change);</li>
 *   <li>every input file has an entry with the same name, size and modification time: the full
 *       path's rule for skipping a file unread. A file rejected before has no entry: it is probed,
 *       and rejected, again on the full path.</li>
 * </ul>
 * Such a run writes nothing, audit/runs included: its tables are exactly as the last run left them.
 */
public final class NothingNew {

  /**
   * @param nothingNew true when the run has nothing to do
   * @param reason why the full path is needed (null when nothing is new)
   */
  public record Decision(boolean nothingNew, String reason, RunManifest.Content manifest, List<ExportFile> files) {

    static Decision fullPath(String reason, List<ExportFile> files) {
      return new Decision(false, reason, null, files);
    }

    /** The size of the listed files. */
    public long inputBytes() {
      return files.stream().mapToLong(ExportFile::sizeBytes).sum();
    }
  }

  private NothingNew() {}

  /** Decides from the listing and the manifest; a missing input throws as on the full path. */
  public static Decision decide(RunOptions options) {
    Configuration conf = hadoopConf(options.sparkConf());
    List<ExportFile> files = ExportDiscovery.discover(options.inputs(), conf);
    Optional<RunManifest.Content> read = RunManifest.read(options.warehouse(), conf);
    if (read.isEmpty()) {
      return Decision.fullPath("no complete manifest in the warehouse", files);
    }
    RunManifest.Content manifest = read.get();
    try {
      Path lock = new Path(options.warehouse(), WarehouseLock.FILE_NAME);
      if (lock.getFileSystem(conf).exists(lock)) {
        return Decision.fullPath("a lock file is present (a run is active, or the last one did not finish)", files);
      }
    } catch (java.io.IOException e) {
      return Decision.fullPath("cannot check the lock: " + e.getMessage(), files);
    }
    if (RunManifest.current(options.warehouse(), conf).isEmpty()) {
      return Decision.fullPath("tables changed since the manifest of run " + manifest.runId(), files);
    }
    for (ExportFile f : files) {
      RunManifest.FileState known = manifest.files().get(f.name());
      if (known == null || known.sizeBytes() != f.sizeBytes() || known.modifiedMillis() != f.modifiedAt().toEpochMilli()) {
        return Decision.fullPath(f.name() + " is new or changed", files);
      }
    }
    return new Decision(true, null, manifest, files);
  }

  /** Prints what the full path prints for a run with nothing to do. */
  public static void report(Decision decision, RunOptions options, Progress progress) {
    progress.say("spplus run: warehouse %s", options.warehouse());
    for (ExportFile f : decision.files()) {
      progress.say("skipped  %s (already ingested, same content)", f.name());
    }
    progress.say("nothing new: every file is as the last finished run (%s) left it, and so is every table; "
        + "no table opened, nothing written", decision.manifest().runId());
    progress.say("run succeeded: %d files seen, 0 ingested, %d skipped, 0 rejected; 0 records read, 0 accepted, "
        + "0 quarantined; %d experiences", decision.files().size(), decision.files().size(),
        decision.manifest().experiences());
  }

  /**
   * The Hadoop configuration the run's file systems get without a Spark session: Hadoop's
   * defaults and the {@code spark.hadoop.*} settings, as Spark would pass them.
   */
  static Configuration hadoopConf(Map<String, String> sparkConf) {
    Configuration conf = new Configuration();
    sparkConf.forEach((k, v) -> {
      if (k.startsWith("spark.hadoop.")) {
        conf.set(k.substring("spark.hadoop.".length()), v);
      }
    });
    return conf;
  }
}
