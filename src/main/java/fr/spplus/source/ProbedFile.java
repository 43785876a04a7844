package fr.spplus.source;

import java.util.List;

/**
 * An export file after its first pass: content hash, encoding, separator and header, or the reason
 * the whole file is rejected.
 *
 * @param headerKeys for each header position, the bronze column it fills: a known column's
 *     snake_case name, or for an unknown column the key of {@code extra_columns} (its label as
 *     written, made unique with a " (2)" suffix when repeated)
 * @param rejection null when the file can be read
 */
public record ProbedFile(ExportFile file, String contentHash, String encoding, char separator, List<String> header,
                         List<String> headerKeys, String rejection) {

  public boolean rejected() {
    return rejection != null;
  }

  /** The header position of a known column, or -1 when the file lacks it. */
  public int positionOf(String columnName) {
    return headerKeys.indexOf(columnName);
  }

  public static ProbedFile rejected(ExportFile file, String hash, String encoding, String reason) {
    return new ProbedFile(file, hash, encoding, ';', List.of(), List.of(), reason);
  }
}
