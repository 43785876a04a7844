package fr.spplus.cli;

import fr.spplus.fetch.FetchOptions;
import fr.spplus.sample.SampleGenerator;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;
import scala.util.Either;
import scala.util.Left;
import scala.util.Right;
import scopt.OEffect;
import scopt.OParser;
import scopt.OParser$;
import scopt.OParserBuilder;
import scopt.Read;
import scopt.Read$;

/**
 * The command line grammar (scopt). All of scopt's Scala surface stays in this class: the rest of
 * the code sees {@link CliArgs}. Parsing never exits the JVM: help and errors come back as a
 * {@link Result} with the exit code to use.
 */
public final class CliParser {

  public static final String PROGRAM = "spplus";

  /** Either parsed arguments, or an exit code (help printed, or a usage error reported). */
  public record Result(CliArgs args, int exitCode) {
    public boolean parsed() {
      return args != null;
    }
  }

  private CliParser() {}

  public static Result parse(String[] argv, PrintStream out, PrintStream err) {
    List<String> args = expandMultiValueInputs(argv);
    Tuple2<scala.Option<CliArgs>, scala.collection.immutable.List<OEffect>> r =
        OParser$.MODULE$.runParser(grammar(), CollectionConverters.asScala(args).toSeq(), CliArgs.empty());
    boolean terminated = false;
    boolean error = false;
    for (OEffect effect : CollectionConverters.asJava(r._2())) {
      if (effect instanceof OEffect.DisplayToOut d) {
        out.println(d.msg());
      } else if (effect instanceof OEffect.DisplayToErr d) {
        err.println(d.msg());
      } else if (effect instanceof OEffect.ReportError e) {
        err.println("spplus: " + e.msg());
        error = true;
      } else if (effect instanceof OEffect.ReportWarning w) {
        err.println("spplus: warning: " + w.msg());
      } else if (effect instanceof OEffect.Terminate) {
        terminated = true;
      }
    }
    if (error || r._1().isEmpty()) {
      err.println("Try 'spplus --help'.");
      return new Result(null, ExitCode.USAGE.code());
    }
    if (terminated) {
      return new Result(null, ExitCode.OK.code());
    }
    CliArgs parsed = r._1().get();
    if (parsed.command() == null) {
      err.println("spplus: a command is needed (run, fetch, generate, sql, report, docs). Try 'spplus --help'.");
      return new Result(null, ExitCode.USAGE.code());
    }
    return new Result(parsed, ExitCode.OK.code());
  }

  /** The full usage text (what --help prints). */
  public static String usage() {
    return OParser$.MODULE$.usage(grammar());
  }

  /**
   * {@code --input a b c} means three inputs (docs/contract.md section 4: {@code --input PATH...});
   * scopt wants {@code --input a --input b --input c}.
   */
  static List<String> expandMultiValueInputs(String[] argv) {
    List<String> out = new ArrayList<>();
    boolean inInputs = false;
    for (String a : argv) {
      if (a.equals("--input") || a.equals("-i")) {
        inInputs = true;
        continue;
      }
      if (a.startsWith("-")) {
        inInputs = false;
        out.add(a);
      } else if (inInputs) {
        out.add("--input");
        out.add(a);
      } else {
        out.add(a);
      }
    }
    return out;
  }

  private static OParser<?, CliArgs> grammar() {
    OParserBuilder<CliArgs> b = OParser$.MODULE$.builder();
    Read<String> str = Read$.MODULE$.stringRead();
    @SuppressWarnings("unchecked")
    Read<Integer> integer = (Read<Integer>) (Read<?>) Read$.MODULE$.intRead();
    @SuppressWarnings("unchecked")
    Read<Long> lng = (Read<Long>) (Read<?>) Read$.MODULE$.longRead();

    OParser<?, CliArgs> warehouse = b.opt("warehouse", str).valueName("DIR")
        .action((v, c) -> c.withWarehouse(v))
        .text("warehouse root of the Delta tables (default: ./warehouse, or 'warehouse' in the config file)");
    OParser<?, CliArgs> config = b.opt("config", str).valueName("FILE")
        .action((v, c) -> c.withConfig(v))
        .text("configuration file (properties; default: conf/spplus.properties when it exists)");
    OParser<?, CliArgs> master = b.opt("master", str).valueName("URL")
        .action((v, c) -> c.withMaster(v))
        .text("Spark master (default: local[*], or as set by spark-submit)");
    OParser<?, CliArgs> conf = b.opt("conf", str).valueName("KEY=VALUE").unbounded()
        .validate(v -> v.contains("=") ? ok() : fail("--conf takes KEY=VALUE, got " + v))
        .action((v, c) -> c.withConf(v.substring(0, v.indexOf('=')), v.substring(v.indexOf('=') + 1)))
        .text("a Spark setting, overriding the config file (repeatable)");
    OParser<?, CliArgs> verbose = b.opt("verbose", Read$.MODULE$.unitRead())
        .action((v, c) -> c.withVerbose(true))
        .text("print stack traces of failures and Spark's own warnings");

    return OParser$.MODULE$.sequence(b.programName(PROGRAM), seq(
        b.head(CollectionConverters.asScala(List.of(PROGRAM, "— SP+ experience analytics")).toList()),
        b.help("help").text("print this usage and exit"),
        b.note(""),
        b.cmd("run").action((v, c) -> c.withCommand("run"))
            .text("ingest new export files into bronze, rebuild silver and gold, write the audit row.")
            .children(seq(
                b.opt('i', "input", str).valueName("PATH...").unbounded()
                    .action((v, c) -> c.withInput(v))
                    .text("export folder(s) or file(s); several after one --input, or --input repeated "
                        + "(default: the bundled sample data/sample)"),
                b.opt("encoding", str).valueName("CHARSET").action((v, c) -> c.withEncoding(v))
                    .text("read every file in this encoding instead of detecting it (e.g. windows-1252)"),
                b.opt("separator", str).valueName(";|,|tab").action((v, c) -> c.withSeparator(v))
                    .text("use this separator for every file instead of detecting it"),
                minCellSize(b, integer),
                warehouse, config, master, conf, verbose)),
        b.note(""),
        b.cmd("generate").action((v, c) -> c.withCommand("generate"))
            .text("write synthetic export files (deterministic for a seed).")
            .children(seq(
                b.opt("out", str).valueName("DIR").required().action((v, c) -> c.withOut(v))
                    .text("output folder"),
                b.opt("experiences", integer).valueName("N").action((v, c) -> c.withGenerate(g -> g.withExperiences(v)))
                    .validate(v -> v > 0 ? ok() : fail("--experiences must be positive"))
                    .text("experiences published by the last snapshot (default "
                        + SampleGenerator.Options.DEFAULT_EXPERIENCES + ")"),
                b.opt("snapshots", integer).valueName("K").action((v, c) -> c.withGenerate(g -> g.withSnapshots(v)))
                    .validate(v -> v > 0 ? ok() : fail("--snapshots must be positive"))
                    .text("number of snapshot files (default " + SampleGenerator.Options.DEFAULT_SNAPSHOTS + ")"),
                b.opt("seed", lng).valueName("S").action((v, c) -> c.withGenerate(g -> g.withSeed(v)))
                    .text("random seed (default " + SampleGenerator.Options.DEFAULT_SEED + ")"),
                b.opt("first-date", str).valueName("yyyy-MM-dd")
                    .validate(v -> date(v) != null ? ok()
                        : fail("--first-date needs a date yyyy-MM-dd, got '" + v + "'"))
                    .action((v, c) -> c.withGenerate(g -> g.withFirstDate(date(v))))
                    .text("date of the first snapshot (default " + SampleGenerator.Options.DEFAULT_FIRST_SNAPSHOT
                        + ")"),
                b.opt("days-between", integer).valueName("N")
                    .validate(v -> v > 0 ? ok() : fail("--days-between must be positive"))
                    .action((v, c) -> c.withGenerate(g -> g.withDaysBetween(v)))
                    .text("days from one snapshot to the next (default " + SampleGenerator.Options.DEFAULT_DAYS_BETWEEN
                        + ")"),
                b.opt("nasty", Read$.MODULE$.unitRead()).action((v, c) -> c.withGenerate(g -> g.withNasty(true)))
                    .text("add every kind of bad record and bad file, and expected.json"),
                b.opt("crlf", Read$.MODULE$.unitRead()).action((v, c) -> c.withGenerate(g -> g.withCrlf(true)))
                    .text("end lines with CRLF, as exports saved on Windows do"))),
        b.note(""),
        b.cmd("sql").action((v, c) -> c.withCommand("sql"))
            .text("run SQL on the warehouse tables, registered by name (bronze.experiences_raw, silver.experiences, "
                + "gold.kpi_by_structure, audit.runs, …).")
            .children(seq(
                b.arg("QUERY", str).optional().action((v, c) -> c.withQuery(v))
                    .text("the query; without one, an interactive SQL prompt"),
                b.opt("format", str).valueName("table|csv|json").action((v, c) -> c.withFormat(v))
                    .validate(v -> List.of("table", "csv", "json").contains(v) ? ok()
                        : fail("--format is table, csv or json"))
                    .text("output format (default: table)"),
                b.opt("latest", Read$.MODULE$.unitRead()).action((v, c) -> c.withLatest(true))
                    .text("read the newest version of every table (default: the versions the last completed run "
                        + "published, so that silver and gold come from one run)"),
                warehouse, config, master, conf, verbose)),
        b.note(""),
        b.cmd("report").action((v, c) -> c.withCommand("report"))
            .text("write one self-contained HTML report (charts) from the gold and audit tables.")
            .children(seq(
                b.opt("out", str).valueName("FILE.html").required().action((v, c) -> c.withOut(v))
                    .text("the HTML file to write"),
                minCellSize(b, integer),
                warehouse, config, master, conf, verbose)),
        b.note(""),
        b.cmd("fetch").action((v, c) -> c.withCommand("fetch"))
            .text("download the current export from the dataset API into a landing folder, as "
                + "export-experiences-<yyyy-MM-dd>.csv, checked; exit 0 also when it is already there (no Spark).")
            .children(seq(
                b.opt("landing", str).valueName("DIR")
                    .action((v, c) -> c.withFetch(f -> f.withLanding(v)))
                    .text("the landing folder (local, or a Hadoop URI: hdfs://, s3a://, abfss://); run reads it "
                        + "(default: fetch.landing in the config file; one of the two is required)"),
                b.opt("api", str).valueName("URL").action((v, c) -> c.withFetch(f -> f.withApi(v)))
                    .text("the dataset API's root (default: fetch.api in the config file, else "
                        + FetchOptions.DEFAULT_API + ")"),
                b.opt("dataset", str).valueName("SLUG").action((v, c) -> c.withFetch(f -> f.withDataset(v)))
                    .text("the dataset (default: fetch.dataset in the config file, else "
                        + FetchOptions.DEFAULT_DATASET + ")"),
                b.opt("attempts", integer).valueName("N").action((v, c) -> c.withFetch(f -> f.withAttempts(v)))
                    .validate(v -> v >= 1 ? ok() : fail("--attempts must be at least 1"))
                    .text("tries of each request, the first included, on network errors, timeouts, HTTP 5xx and 429 "
                        + "(default " + FetchOptions.DEFAULT_ATTEMPTS + ")"),
                seconds(b, str, "backoff", FetchOptions.DEFAULT_BACKOFF, (c, v) -> c.withFetch(f -> f.withBackoff(v)),
                    "wait before the second try, doubled after each failure; a Retry-After from the server wins"),
                seconds(b, str, "max-time", FetchOptions.DEFAULT_MAX_TIME,
                    (c, v) -> c.withFetch(f -> f.withMaxTime(v)), "the whole fetch, tries and waits included"),
                seconds(b, str, "connect-timeout", FetchOptions.DEFAULT_CONNECT_TIMEOUT,
                    (c, v) -> c.withFetch(f -> f.withConnectTimeout(v)), "to open a connection"),
                seconds(b, str, "read-timeout", FetchOptions.DEFAULT_READ_TIMEOUT,
                    (c, v) -> c.withFetch(f -> f.withReadTimeout(v)),
                    "the longest silence of the server, before its answer or inside the file"),
                seconds(b, str, "lock-wait", FetchOptions.DEFAULT_MAX_TIME,
                    (c, v) -> c.withFetch(f -> f.withLockWait(v)),
                    "how long to wait for another fetch into the same folder"),
                config, verbose)),
        b.note(""),
        b.cmd("docs").action((v, c) -> c.withCommand("docs"))
            .text("write the data dictionary (Markdown) from the table specs.")
            .children(seq(
                b.opt("out", str).valueName("FILE.md").required().action((v, c) -> c.withOut(v))
                    .text("the Markdown file to write (docs/tables.md in the repository)"))),
        b.note(""),
        b.note(ExitCode.summary())));
  }

  private static OParser<?, CliArgs> minCellSize(OParserBuilder<CliArgs> b, Read<Integer> integer) {
    return b.opt("min-cell-size", integer).valueName("K")
        .validate(v -> v >= 1 ? ok() : fail("--min-cell-size must be at least 1"))
        .action((v, c) -> c.withMinCellSize(v))
        .text("gold rows describing fewer than K experiences are flagged small_cell and withheld from the report "
            + "(default " + DEFAULT_MIN_CELL_SIZE + ")");
  }

  private static OParser<?, CliArgs> seconds(OParserBuilder<CliArgs> b, Read<String> str, String name,
      java.time.Duration defaultValue, java.util.function.BiFunction<CliArgs, String, CliArgs> set, String text) {
    return b.opt(name, str).valueName("SECONDS")
        .validate(v -> {
          try {
            FetchOptions.seconds(v, "--" + name);
            return ok();
          } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
          }
        })
        .action((v, c) -> set.apply(c, v))
        .text(text + " (default " + defaultValue.toSeconds() + ")");
  }

  /** The default small-cell threshold (see README, "Small cells"). */
  public static final int DEFAULT_MIN_CELL_SIZE = 5;

  @SafeVarargs
  private static scala.collection.immutable.Seq<OParser<?, CliArgs>> seq(OParser<?, CliArgs>... parsers) {
    return CollectionConverters.asScala(List.of(parsers)).toList();
  }

  /** A yyyy-MM-dd date, or null when the text is not one. */
  private static LocalDate date(String v) {
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Either<String, scala.runtime.BoxedUnit> ok() {
    return Right.apply(scala.runtime.BoxedUnit.UNIT);
  }

  private static Either<String, scala.runtime.BoxedUnit> fail(String message) {
    return Left.apply(message);
  }
}
