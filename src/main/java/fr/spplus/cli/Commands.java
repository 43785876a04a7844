package fr.spplus.cli;

import fr.spplus.fetch.FetchFailure;
import fr.spplus.fetch.FetchOptions;
import fr.spplus.fetch.Fetcher;
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

  /** {@code generate}: no Spark session; one line per file written, then what the run will accept. */
  static int generate(CliArgs args) {
    SampleGenerator.Summary summary = SampleGenerator.generate(args.generate().options(Path.of(args.out())));
    for (SampleGenerator.FileResult f : summary.files()) {
      System.out.println("wrote " + f.path() + " (" + f.records() + " records"
          + (f.rejection() != null ? ", to be rejected: " + f.rejection()
              : f.quarantined() > 0 ? ", " + f.quarantined() + " to quarantine" : "") + ")");
    }
    if (summary.expectedJson() != null) {
      System.out.println("wrote " + summary.expectedJson() + " (expected outcome per file)");
    }
    System.out.println(summary.experiences() + " distinct experiences accepted, written to " + summary.outputDir());
    return ExitCode.OK.code();
  }

  /**
   * {@code fetch}: no Spark session. Prints the one summary line (or, on failure, the one line
   * naming the address and the reason) that a scheduler's log keeps.
   */
  static int fetch(CliArgs args) {
    FetchOptions options;
    try {
      options = fetchOptions(withConfigFile(args.fetch(), Settings.configFile(args)));
    } catch (IllegalArgumentException e) {
      throw new Settings.UsageException(e.getMessage());
    }
    try {
      Fetcher.Result result = new Fetcher(options, System.getenv(), System.out, System.console() != null).fetch();
      System.out.println("spplus fetch: " + result.line());
      return ExitCode.OK.code();
    } catch (FetchFailure e) {
      System.err.println("spplus fetch: FAILED: " + e.getMessage().replaceAll("\\s*\\R\\s*", " "));
      if (args.verbose()) {
        e.printStackTrace(System.err);
      }
      return ExitCode.FAILED.code();
    }
  }

  /** The command line wins; the configuration file's fetch.landing, fetch.api, fetch.dataset fill the gaps. */
  private static CliArgs.FetchArgs withConfigFile(CliArgs.FetchArgs f, java.util.Properties file) {
    CliArgs.FetchArgs out = f;
    if (out.landing() == null && file.getProperty("fetch.landing") != null) {
      out = out.withLanding(file.getProperty("fetch.landing").strip());
    }
    if (out.api() == null && file.getProperty("fetch.api") != null) {
      out = out.withApi(file.getProperty("fetch.api").strip());
    }
    if (out.dataset() == null && file.getProperty("fetch.dataset") != null) {
      out = out.withDataset(file.getProperty("fetch.dataset").strip());
    }
    if (out.landing() == null || out.landing().isBlank()) {
      throw new Settings.UsageException("fetch needs a landing folder: --landing DIR, or fetch.landing in the "
          + "configuration file");
    }
    return out;
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

  /** {@code sql}: the warehouse's tables by name. */
  static int sql(CliArgs args, RunOptions options) {
    Map<String, String> settings = new HashMap<>(SqlCommand.sessionDefaults());
    if (SparkSession.getDefaultSession().isEmpty()) {
      // Queries here are mostly on gold tables: little data (--conf turns code generation back on).
      // Only for a session of our own: a running one (a notebook, a test) keeps its settings.
      settings.putAll(SparkSessions.LITTLE_DATA);
    }
    settings.putAll(options.sparkConf());
    return CommandSession.with("sql", options, settings, spark -> SqlCommand.run(spark,
        new SqlCommand.Options(options.warehouse(), args.query(), args.format(), args.latest()), System.in,
        System.out, System.err, System.console() != null));
  }

  /** {@code report}: one self-contained HTML file. */
  static int report(CliArgs args, RunOptions options) {
    return CommandSession.with("report", options, spark -> {
      HtmlReport.Written written = HtmlReport.write(spark, options.warehouse(), options.minCellSize(),
          Path.of(args.out()));
      System.out.println("wrote " + written.file() + " (" + written.bytes() + " bytes, run " + written.runId()
          + ", small cells under " + options.minCellSize() + " experiences withheld)");
      return ExitCode.OK.code();
    });
  }
}
