package fr.spplus.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Finds the export files of the inputs: the non-hidden {@code .csv} and {@code .csv.gz} files
 * directly inside each input folder, and files named one by one (taken whatever their extension).
 * Paths go through Hadoop's FileSystem, so local folders and object stores work alike.
 */
public final class ExportDiscovery {

  private ExportDiscovery() {}

  /** The files, in base-name order (code points), then path. */
  public static List<ExportFile> discover(List<String> inputs, Configuration hadoopConf) {
    Map<String, ExportFile> byPath = new LinkedHashMap<>();
    for (String input : inputs) {
      Path p = new Path(input);
      try {
        FileSystem fs = p.getFileSystem(hadoopConf);
        if (!fs.exists(p)) {
          throw new InputNotFoundException(input);
        }
        FileStatus status = fs.getFileStatus(p);
        if (status.isDirectory()) {
          for (FileStatus child : fs.listStatus(p)) {
            if (child.isFile() && isExportName(child.getPath().getName())) {
              ExportFile f = describe(child);
              byPath.putIfAbsent(f.path(), f);
            }
          }
        } else {
          ExportFile f = describe(status);
          byPath.putIfAbsent(f.path(), f);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list input " + input + ": " + e.getMessage(), e);
      }
    }
    List<ExportFile> files = new ArrayList<>(byPath.values());
    files.sort(Comparator.comparing(ExportFile::name, ExportDiscovery::compareCodePoints)
        .thenComparing(ExportFile::path));
    return files;
  }

  static boolean isExportName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    boolean hidden = name.startsWith(".") || name.startsWith("_");
    return !hidden && (lower.endsWith(".csv") || lower.endsWith(".csv.gz"));
  }

  private static ExportFile describe(FileStatus status) {
    String name = status.getPath().getName();
    Instant modified = Instant.ofEpochMilli(status.getModificationTime());
    Optional<LocalDate> fromName = SnapshotDates.fromName(name);
    return new ExportFile(status.getPath().toString(), name, status.getLen(), modified,
        fromName.orElseGet(() -> SnapshotDates.fromModified(modified)),
        fromName.isPresent() ? ExportFile.FROM_FILE_NAME : ExportFile.FROM_LAST_MODIFIED);
  }

  /** Code-point order (String.compareTo compares UTF-16 units, which differs above U+FFFF). */
  public static int compareCodePoints(String a, String b) {
    return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
  }

  /** An input path that does not exist: a usage error, not a data error. */
  public static final class InputNotFoundException extends RuntimeException {
    public InputNotFoundException(String input) {
      super("input not found: " + input + " (give an existing folder or file with --input)");
    }
  }
}
