package fr.spplus.cli;

import fr.spplus.job.NothingNew;
import fr.spplus.job.Progress;
import fr.spplus.job.RunJob;
import fr.spplus.job.RunOptions;
import fr.spplus.job.SparkSessions;
import fr.spplus.source.ExportDiscovery;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The command line entry point (also the jar's main class for spark-submit). It parses, resolves
 * the options, runs the command, and turns the outcome into an {@link ExitCode}: 0 success, 1
 * failure, 2 bad usage, 3 finished with rejected files. Failures print one line naming what went
 * wrong; the stack trace only with --verbose.
 */
public final class Main {

  private Main() {}

  public static void main(String[] argv) {
    int code = execute(argv);
    System.exit(code);
  }

  /** Runs a command and returns its exit code (never exits the JVM: tests call this). */
  public static int execute(String[] argv) {
    CliParser.Result parsed = CliParser.parse(argv, System.out, System.err);
    if (!parsed.parsed()) {
      return parsed.exitCode();
    }
    CliArgs args = parsed.args();
    try {
      return switch (args.command()) {
        case "run" -> run(Settings.resolve(args));
        case "fetch" -> Commands.fetch(args);
        case "generate" -> Commands.generate(args);
        case "docs" -> Commands.docs(args);
        case "report" -> Commands.report(args, Settings.resolve(args));
        case "sql" -> Commands.sql(args, Settings.resolve(args));
        default -> throw new Settings.UsageException("unknown command " + args.command());
      };
    } catch (Settings.UsageException | ExportDiscovery.InputNotFoundException e) {
      System.err.println("spplus: " + e.getMessage());
      return ExitCode.USAGE.code();
    } catch (RuntimeException e) {
      System.err.println("spplus: FAILED: " + oneLine(e));
      if (args.verbose()) {
        e.printStackTrace(System.err);
      } else {
        System.err.println("(run again with --verbose for the stack trace)");
      }
      return ExitCode.FAILED.code();
    }
  }

  private static int run(RunOptions options) {
    // Nothing new is decided from the file listing and the last run's manifest, before Spark starts.
    NothingNew.Decision decision = NothingNew.decide(options);
    if (decision.nothingNew()) {
      NothingNew.report(decision, options, new Progress(System.out));
      return ExitCode.OK.code();
    }
    if (options.verbose()) {
      System.out.println("spplus run: full path: " + decision.reason());
    }
    // Little-data settings only for a session of our own: a running one (a notebook, a test) keeps its own.
    Map<String, String> settings = SparkSession.getDefaultSession().isEmpty()
        ? SparkSessions.forRun(options, decision.inputBytes()) : options.sparkConf();
    return CommandSession.with("run", options, settings,
        spark -> ExitCode.of(new RunJob(spark, options, new Progress(System.out)).run().record()).code());
  }

  /** The failure's message, and its root cause's when that says something else, on one line. */
  static String oneLine(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (root != e && root.getMessage() != null && !msg.contains(root.getMessage())) {
      msg += " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
    return msg.replaceAll("\\s*\\R\\s*", " ");
  }
}
