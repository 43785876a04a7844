package fr.spplus.cli;

import fr.spplus.job.RunOptions;
import fr.spplus.job.SparkSessions;
import fr.spplus.publish.DataDictionary;
import fr.spplus.report.HtmlReport;
import fr.spplus.sample.SampleGenerator;
import fr.spplus.sql.SqlCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** The commands other than {@code run}. */
final class Commands {

  private Commands() {}

  static int generate(CliArgs args) {
    SampleGenerator.Options defaults = SampleGenerator.Options.defaults(Path.of(args.out()));
    SampleGenerator.Options options = new SampleGenerator.Options(defaults.outputDir(),
        args.experiences() != null ? args.experiences() : defaults.experiences(),
        args.snapshots() != null ? args.snapshots() : defaults.snapshots(),
        defaults.firstSnapshot(), defaults.daysBetweenSnapshots(),
        args.seed() != null ? args.seed() : defaults.seed(), args.nasty(), defaults.crlf());
    SampleGenerator.Summary summary = SampleGenerator.generate(options);
    for (SampleGenerator.FileResult f : summary.files()) {
      System.out.println("wrote " + f.path() + " (" + f.records() + " records"
          + (f.rejection() != null ? ", to be rejected: " + f.rejection() : "") + ")");
    }
    if (summary.expectedJson() != null) {
      System.out.println("wrote " + summary.expectedJson() + " (expected outcome per file)");
    }
    return 0;
  }

  static int docs(CliArgs args) {
    Path out = Path.of(args.out());
    try {
      if (out.getParent() != null) {
        Files.createDirectories(out.getParent());
      }
      Files.writeString(out, DataDictionary.markdown(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
    System.out.println("wrote " + out);
    return 0;
  }

  /** {@code sql}: the warehouse's tables by name; a session already running (a test) is used and left running. */
  static int sql(CliArgs args, RunOptions options) {
    boolean ours = SparkSession.getDefaultSession().isEmpty();
    Map<String, String> settings = new HashMap<>(SqlCommand.sessionDefaults());
    settings.putAll(options.sparkConf());
    SparkSession spark = SparkSessions.create("spplus sql", options.master(), settings);
    if (ours && !options.verbose()) {
      spark.sparkContext().setLogLevel("ERROR");
    }
    try {
      return SqlCommand.run(spark, new SqlCommand.Options(options.warehouse(), args.query(), args.format(),
          args.latest()), System.in, System.out, System.err, System.console() != null);
    } finally {
      if (ours) {
        spark.stop();
      }
    }
  }

  /** {@code report}: one self-contained HTML file; a session already running (a test) is used and left running. */
  static int report(CliArgs args, RunOptions options) {
    boolean ours = SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = SparkSessions.create("spplus report", options.master(), options.sparkConf());
    if (ours && !options.verbose()) {
      spark.sparkContext().setLogLevel("ERROR");
    }
    try {
      HtmlReport.Written written = HtmlReport.write(spark, options.warehouse(), options.minCellSize(),
          Path.of(args.out()));
      System.out.println("wrote " + written.file() + " (" + written.bytes() + " bytes, run " + written.runId()
          + ", small cells under " + options.minCellSize() + " experiences withheld)");
      return 0;
    } finally {
      if (ours) {
        spark.stop();
      }
    }
  }
}
