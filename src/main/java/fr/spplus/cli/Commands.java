package fr.spplus.cli;

import fr.spplus.fetch.FetchFailure;
import fr.spplus.fetch.FetchOptions;
import fr.spplus.fetch.Fetcher;
import fr.spplus.job.RunJob;
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

  /**
   * {@code fetch}: no Spark session. Prints the one summary line (or, on failure, the one line
   * naming the address and the reason) that a scheduler's log keeps.
   */
  static int fetch(CliArgs args) {
    FetchOptions options;
    try {
      options = fetchOptions(args.fetch());
    } catch (IllegalArgumentException e) {
      throw new Settings.UsageException(e.getMessage());
    }
    try {
      Fetcher.Result result = new Fetcher(options, System.getenv(), System.out, System.console() != null).fetch();
      System.out.println("spplus fetch: " + result.line());
      return RunJob.EXIT_OK;
    } catch (FetchFailure e) {
      System.err.println("spplus fetch: FAILED: " + e.getMessage().replaceAll("\\s*\\R\\s*", " "));
      if (args.verbose()) {
        e.printStackTrace(System.err);
      }
      return RunJob.EXIT_FAILED;
    }
  }

  static FetchOptions fetchOptions(CliArgs.FetchArgs f) {
    FetchOptions d = FetchOptions.defaults(f.landing());
    java.time.Duration maxTime = f.maxTime() != null ? FetchOptions.seconds(f.maxTime(), "--max-time") : d.maxTime();
    return new FetchOptions(f.landing(), f.api() != null ? parseUri(f.api()) : d.api(),
        f.dataset() != null ? f.dataset() : d.dataset(),
        f.attempts() != null ? f.attempts() : d.attempts(),
        f.backoff() != null ? FetchOptions.seconds(f.backoff(), "--backoff") : d.backoff(), maxTime,
        f.connectTimeout() != null ? FetchOptions.seconds(f.connectTimeout(), "--connect-timeout")
            : d.connectTimeout(),
        f.readTimeout() != null ? FetchOptions.seconds(f.readTimeout(), "--read-timeout") : d.readTimeout(),
        f.lockWait() != null ? FetchOptions.seconds(f.lockWait(), "--lock-wait") : maxTime);
  }

  private static java.net.URI parseUri(String text) {
    try {
      return new java.net.URI(text.strip());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("--api must be an http(s) URL, got '" + text + "'");
    }
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
