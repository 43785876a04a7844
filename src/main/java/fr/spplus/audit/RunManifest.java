package fr.spplus.audit;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code audit/_manifest}: a small text file each finished run writes last, beside audit/files,
 * saying what it left: the current ingested version of every file (name, size, modification time,
 * content hash, as in the ledger), the latest Delta version of every table of the warehouse, and
 * the experience count. The next run reads it with plain file I/O, before starting Spark: when
 * every input file matches an entry and no table has moved since, there is nothing new and no
 * table needs opening (see fr.spplus.job.NothingNew).
 *
 * <p>The manifest is a cache of the ledger, never the truth: a missing, unreadable or stale one
 * (any table's version differs, a table appeared or vanished) only sends the run down the full
 * path, which reads the ledger itself. A run that dies leaves either no new manifest (and moved
 * table versions) or its lock file, so a manifest can never vouch for a half-written warehouse.
 *
 * <p>Format, one item per line, tab-separated, the file name last (so it may hold any character
 * but a line break): {@code format 1}, {@code run_id ID}, {@code experiences N},
 * {@code table zone/name VERSION WRITER_RUN_ID} ({@code -} when unknown), {@code file SIZE MTIME_MILLIS SHA256 NAME}.
 */
public final class RunManifest {

  /** Where the manifest lives, relative to the warehouse root. */
  public static final String PATH = "audit/_manifest";

  private static final String FORMAT = "1";
  private static final String UNKNOWN = "-";
  private static final Pattern COMMIT_FILE = Pattern.compile("\\d{20}\\.json");

  /** One file as the ledger knows it (its current ingested version). */
  public record FileState(String name, long sizeBytes, long modifiedMillis, String contentHash) {}

  /**
   * @param tableVersions latest Delta version of each table, by path relative to the warehouse
   * @param tableWriters the run that wrote that version, when known (a completed run: the version
   *     the last run published for the table)
   * @param files by file name
   */
  public record Content(String runId, long experiences, Map<String, Long> tableVersions,
                        Map<String, String> tableWriters, Map<String, FileState> files) {

    public Content {
      tableVersions = Map.copyOf(tableVersions);
      tableWriters = Map.copyOf(tableWriters);
      files = Map.copyOf(files);
    }
  }

  private RunManifest() {}

  /**
   * The manifest when it still describes the warehouse: complete, and every table at the version it
   * names (no table appeared or vanished). Then the versions it names are those the last completed
   * run published, and nothing has been written since.
   */
  public static Optional<Content> current(String warehouse, Configuration conf) {
    Optional<Content> m = read(warehouse, conf);
    try {
      return m.filter(c -> c.tableVersions().equals(tableVersions(warehouse, conf)));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The manifest of the warehouse; empty when it is missing or cannot be read as a whole. */
  public static Optional<Content> read(String warehouse, Configuration conf) {
    Path path = new Path(warehouse, PATH);
    try {
      FileSystem fs = fileSystem(path, conf);
      try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(path), StandardCharsets.UTF_8))) {
        return parse(in);
      }
    } catch (FileNotFoundException missing) {
      return Optional.empty();
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  private static Optional<Content> parse(BufferedReader in) throws IOException {
    String runId = null;
    Long experiences = null;
    boolean formatSeen = false;
    Map<String, Long> tables = new TreeMap<>();
    Map<String, String> writers = new TreeMap<>();
    Map<String, FileState> files = new TreeMap<>();
    boolean ended = false;
    String line;
    while ((line = in.readLine()) != null) {
      if (line.startsWith("#") || line.isEmpty()) {
        continue;
      }
      String[] f = line.split("\t", 5);
      switch (f[0]) {
        case "format" -> formatSeen = f.length == 2 && FORMAT.equals(f[1]);
        case "run_id" -> runId = f[1];
        case "experiences" -> experiences = Long.parseLong(f[1]);
        case "table" -> {
          tables.put(f[1], Long.parseLong(f[2]));
          if (f.length > 3 && !f[3].equals(UNKNOWN)) {
            writers.put(f[1], f[3]);
          }
        }
        case "file" -> files.put(f[4], new FileState(f[4], Long.parseLong(f[1]), Long.parseLong(f[2]), f[3]));
        // The last line: a manifest cut short (a full disk) is not taken for a complete one.
        case "end" -> ended = true;
        default -> {
          return Optional.empty();
        }
      }
    }
    if (!formatSeen || !ended || runId == null || experiences == null || tables.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Content(runId, experiences, tables, writers, files));
  }

  /**
   * Writes the manifest (a temporary file renamed over the old one). A file name holding a line
   * break cannot be written: the manifest is then removed, and the next run takes the full path.
   */
  public static void write(String warehouse, Configuration conf, Content content) {
    Path path = new Path(warehouse, PATH);
    Path tmp = new Path(warehouse, PATH + ".tmp");
    try {
      FileSystem fs = fileSystem(path, conf);
      if (content.files().keySet().stream().anyMatch(n -> n.indexOf('\n') >= 0 || n.indexOf('\r') >= 0)) {
        fs.delete(path, false);
        return;
      }
      StringBuilder text = new StringBuilder();
      text.append("# spplus: what the last finished run left (a cache of audit/files, read without Spark)\n");
      text.append("format\t").append(FORMAT).append('\n');
      text.append("run_id\t").append(content.runId()).append('\n');
      text.append("experiences\t").append(content.experiences()).append('\n');
      new TreeMap<>(content.tableVersions()).forEach((t, v) -> text.append("table\t").append(t).append('\t')
          .append(v).append('\t').append(content.tableWriters().getOrDefault(t, UNKNOWN)).append('\n'));
      new TreeMap<>(content.files()).values().forEach(f -> text.append("file\t").append(f.sizeBytes()).append('\t')
          .append(f.modifiedMillis()).append('\t').append(f.contentHash()).append('\t').append(f.name()).append('\n'));
      text.append("end\n");
      try (OutputStream out = fs.create(tmp, true)) {
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
      }
      fs.delete(path, false);
      if (!fs.rename(tmp, path)) {
        throw new IOException("cannot rename " + tmp + " to " + path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the run manifest " + path + ": " + e.getMessage(), e);
    }
  }

  /** Removes the manifest (the next run takes the full path). */
  public static void remove(String warehouse, Configuration conf) {
    Path path = new Path(warehouse, PATH);
    try {
      fileSystem(path, conf).delete(path, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the run manifest " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * The latest version of every Delta table of the warehouse ({@code zone/name}, a folder with a
   * {@code _delta_log}), from the commit files' names: two listings per table, no Spark.
   */
  public static Map<String, Long> tableVersions(String warehouse, Configuration conf) {
    Path root = new Path(warehouse);
    Map<String, Long> out = new TreeMap<>();
    try {
      FileSystem fs = root.getFileSystem(conf);
      if (!fs.exists(root)) {
        return out;
      }
      for (FileStatus zone : fs.listStatus(root)) {
        if (!zone.isDirectory() || hidden(zone.getPath().getName())) {
          continue;
        }
        for (FileStatus table : fs.listStatus(zone.getPath())) {
          Path log = new Path(table.getPath(), "_delta_log");
          if (!table.isDirectory() || hidden(table.getPath().getName()) || !fs.exists(log)) {
            continue;
          }
          long latest = -1;
          for (FileStatus c : fs.listStatus(log, p -> COMMIT_FILE.matcher(p.getName()).matches())) {
            latest = Math.max(latest, Long.parseLong(c.getPath().getName().substring(0, 20)));
          }
          out.put(zone.getPath().getName() + "/" + table.getPath().getName(), latest);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the tables of " + warehouse + ": " + e.getMessage(), e);
    }
  }

  /**
   * The file system of the manifest; on a local disk the raw one: Hadoop's local file system keeps
   * a checksum file beside each file it writes and refuses to read a file edited without it.
   */
  private static FileSystem fileSystem(Path path, Configuration conf) throws IOException {
    FileSystem fs = path.getFileSystem(conf);
    return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
  }

  private static boolean hidden(String name) {
    return name.startsWith("_") || name.startsWith(".");
  }
}
