package fr.spplus.source;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An export file found in the inputs, before it is opened.
 *
 * @param path the full path (a Hadoop URI string: local, hdfs://, s3a://, abfss://)
 * @param name the base name: the file's identity across runs and the winner rule's tie-break
 * @param snapshotDateFrom {@code file_name} or {@code last_modified}
 */
public record ExportFile(String path, String name, long sizeBytes, Instant modifiedAt, LocalDate snapshotDate,
                         String snapshotDateFrom) {

  public static final String FROM_FILE_NAME = "file_name";
  public static final String FROM_LAST_MODIFIED = "last_modified";

  public boolean gzipped() {
    return name.toLowerCase(java.util.Locale.ROOT).endsWith(".gz");
  }
}
