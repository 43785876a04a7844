package fr.spplus.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import org.apache.spark.sql.SparkSession;

/**
 * {@code spplus report}: one self-contained HTML file (inline CSS and SVG, no script, nothing
 * loaded from anywhere) charting the gold tables and the data quality of the last finished run.
 *
 * <p>It reads gold and audit at the versions recorded by the last finished run
 * ({@link ReportSource}), withholds small cells ({@link SmallCellPolicy}: fewer than K experiences,
 * default 5) and escapes every name the data carries ({@link Html}). The file is written next to
 * its destination and moved into place, so a reader never opens half a report.
 */
public final class HtmlReport {

  /** What was written. */
  public record Written(Path file, String runId, long bytes) {}

  private HtmlReport() {}

  /**
   * @param warehouse the warehouse root
   * @param minCellSize K: figures describing fewer than K experiences are withheld (at least 1)
   * @param out the HTML file to write (its folder is created)
   */
  public static Written write(SparkSession spark, String warehouse, int minCellSize, Path out) {
    ReportData data = new ReportSource(spark, warehouse).load();
    String html = ReportPage.render(data, minCellSize, Instant.now());
    byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    Path target = out.toAbsolutePath();
    try {
      Files.createDirectories(target.getParent());
      Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
      Files.write(partial, bytes);
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report to " + target + ": " + e.getMessage(), e);
    }
    return new Written(target, data.run().runId(), bytes.length);
  }
}
