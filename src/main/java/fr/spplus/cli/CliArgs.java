package fr.spplus.cli;

import fr.spplus.sample.SampleGenerator;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The command line as parsed, before defaults and the configuration file are applied. Immutable:
 * scopt threads it through its actions with the {@code with…} copies; the options of
 * {@code generate} and {@code fetch} are grouped in their own records.
 */
public record CliArgs(String command, List<String> inputs, String warehouse, String master, String config,
                      Map<String, String> conf, boolean verbose, String out, String query, String format,
                      String encoding, String separator, Integer minCellSize, boolean latest, GenerateArgs generate,
                      FetchArgs fetch) {

  public static CliArgs empty() {
    return new CliArgs(null, List.of(), null, null, null, Map.of(), false, null, null, null, null, null, null,
        false, GenerateArgs.EMPTY, FetchArgs.EMPTY);
  }

  public CliArgs withCommand(String v) {
    return new CliArgs(v, inputs, warehouse, master, config, conf, verbose, out, query, format, encoding, separator,
        minCellSize, latest, generate, fetch);
  }

  public CliArgs withInput(String v) {
    List<String> l = new ArrayList<>(inputs);
    l.add(v);
    return new CliArgs(command, List.copyOf(l), warehouse, master, config, conf, verbose, out, query, format,
        encoding, separator, minCellSize, latest, generate, fetch);
  }

  public CliArgs withWarehouse(String v) {
    return new CliArgs(command, inputs, v, master, config, conf, verbose, out, query, format, encoding, separator,
        minCellSize, latest, generate, fetch);
  }

  public CliArgs withMaster(String v) {
    return new CliArgs(command, inputs, warehouse, v, config, conf, verbose, out, query, format, encoding,
        separator, minCellSize, latest, generate, fetch);
  }

  public CliArgs withConfig(String v) {
    return new CliArgs(command, inputs, warehouse, master, v, conf, verbose, out, query, format, encoding,
        separator, minCellSize, latest, generate, fetch);
  }

  public CliArgs withConf(String key, String value) {
    Map<String, String> m = new LinkedHashMap<>(conf);
    m.put(key, value);
    return new CliArgs(command, inputs, warehouse, master, config, Map.copyOf(m), verbose, out, query, format,
        encoding, separator, minCellSize, latest, generate, fetch);
  }

  public CliArgs withVerbose(boolean v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, v, out, query, format, encoding, separator,
        minCellSize, latest, generate, fetch);
  }

  public CliArgs withOut(String v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, v, query, format, encoding,
        separator, minCellSize, latest, generate, fetch);
  }

  public CliArgs withQuery(String v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, out, v, format, encoding,
        separator, minCellSize, latest, generate, fetch);
  }

  public CliArgs withFormat(String v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, out, query, v, encoding,
        separator, minCellSize, latest, generate, fetch);
  }

  public CliArgs withEncoding(String v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, out, query, format, v, separator,
        minCellSize, latest, generate, fetch);
  }

  public CliArgs withSeparator(String v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, out, query, format, encoding, v,
        minCellSize, latest, generate, fetch);
  }

  public CliArgs withMinCellSize(int v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, out, query, format, encoding,
        separator, v, latest, generate, fetch);
  }

  public CliArgs withLatest(boolean v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, out, query, format, encoding,
        separator, minCellSize, v, generate, fetch);
  }

  public CliArgs withGenerate(UnaryOperator<GenerateArgs> change) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, out, query, format, encoding,
        separator, minCellSize, latest, change.apply(generate), fetch);
  }

  public CliArgs withFetch(UnaryOperator<FetchArgs> change) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, out, query, format, encoding,
        separator, minCellSize, latest, generate, change.apply(fetch));
  }

  /**
   * The options of {@code generate}, as typed; null where not given (the generator's defaults apply,
   * see {@link #options}).
   */
  public record GenerateArgs(Integer experiences, Integer snapshots, Long seed, LocalDate firstDate,
                             Integer daysBetween, boolean nasty, boolean crlf) {
    public static final GenerateArgs EMPTY = new GenerateArgs(null, null, null, null, null, false, false);

    public GenerateArgs withExperiences(int v) {
      return new GenerateArgs(v, snapshots, seed, firstDate, daysBetween, nasty, crlf);
    }

    public GenerateArgs withSnapshots(int v) {
      return new GenerateArgs(experiences, v, seed, firstDate, daysBetween, nasty, crlf);
    }

    public GenerateArgs withSeed(long v) {
      return new GenerateArgs(experiences, snapshots, v, firstDate, daysBetween, nasty, crlf);
    }

    public GenerateArgs withFirstDate(LocalDate v) {
      return new GenerateArgs(experiences, snapshots, seed, v, daysBetween, nasty, crlf);
    }

    public GenerateArgs withDaysBetween(int v) {
      return new GenerateArgs(experiences, snapshots, seed, firstDate, v, nasty, crlf);
    }

    public GenerateArgs withNasty(boolean v) {
      return new GenerateArgs(experiences, snapshots, seed, firstDate, daysBetween, v, crlf);
    }

    public GenerateArgs withCrlf(boolean v) {
      return new GenerateArgs(experiences, snapshots, seed, firstDate, daysBetween, nasty, v);
    }

    /** The generator's options: what was given, the committed sample's defaults for the rest. */
    public SampleGenerator.Options options(Path outputDir) {
      SampleGenerator.Options d = SampleGenerator.Options.defaults(outputDir);
      return new SampleGenerator.Options(outputDir, experiences != null ? experiences : d.experiences(),
          snapshots != null ? snapshots : d.snapshots(), firstDate != null ? firstDate : d.firstSnapshot(),
          daysBetween != null ? daysBetween : d.daysBetweenSnapshots(), seed != null ? seed : d.seed(), nasty,
          crlf);
    }
  }

  /** The options of {@code fetch}, as typed (seconds as text: they are checked when the command starts). */
  public record FetchArgs(String landing, String api, String dataset, Integer attempts, String backoff,
                          String maxTime, String connectTimeout, String readTimeout, String lockWait) {
    public static final FetchArgs EMPTY = new FetchArgs(null, null, null, null, null, null, null, null, null);

    public FetchArgs withLanding(String v) {
      return new FetchArgs(v, api, dataset, attempts, backoff, maxTime, connectTimeout, readTimeout, lockWait);
    }

    public FetchArgs withApi(String v) {
      return new FetchArgs(landing, v, dataset, attempts, backoff, maxTime, connectTimeout, readTimeout, lockWait);
    }

    public FetchArgs withDataset(String v) {
      return new FetchArgs(landing, api, v, attempts, backoff, maxTime, connectTimeout, readTimeout, lockWait);
    }

    public FetchArgs withAttempts(int v) {
      return new FetchArgs(landing, api, dataset, v, backoff, maxTime, connectTimeout, readTimeout, lockWait);
    }

    public FetchArgs withBackoff(String v) {
      return new FetchArgs(landing, api, dataset, attempts, v, maxTime, connectTimeout, readTimeout, lockWait);
    }

    public FetchArgs withMaxTime(String v) {
      return new FetchArgs(landing, api, dataset, attempts, backoff, v, connectTimeout, readTimeout, lockWait);
    }

    public FetchArgs withConnectTimeout(String v) {
      return new FetchArgs(landing, api, dataset, attempts, backoff, maxTime, v, readTimeout, lockWait);
    }

    public FetchArgs withReadTimeout(String v) {
      return new FetchArgs(landing, api, dataset, attempts, backoff, maxTime, connectTimeout, v, lockWait);
    }

    public FetchArgs withLockWait(String v) {
      return new FetchArgs(landing, api, dataset, attempts, backoff, maxTime, connectTimeout, readTimeout, v);
    }
  }
}
