package fr.spplus.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line as parsed, before defaults and the configuration file are applied. Immutable:
 * scopt threads it through its actions with the {@code with…} copies.
 */
public record CliArgs(String command, List<String> inputs, String warehouse, String master, String config,
                      Map<String, String> conf, boolean verbose, String out, Integer experiences, Integer snapshots,
                      Long seed, boolean nasty, String query, String format, String encoding,
                      String separator, Integer minCellSize, boolean latest, FetchArgs fetch) {

  public static CliArgs empty() {
    return new CliArgs(null, List.of(), null, null, null, Map.of(), false, null, null, null, null, false, null, null,
        null, null, null, false, FetchArgs.EMPTY);
  }

  public CliArgs withCommand(String v) {
    return new CliArgs(v, inputs, warehouse, master, config, conf, verbose, out, experiences, snapshots, seed, nasty,
        query, format, encoding, separator, minCellSize, latest, fetch);
  }

  public CliArgs withInput(String v) {
    List<String> l = new ArrayList<>(inputs);
    l.add(v);
    return new CliArgs(command, List.copyOf(l), warehouse, master, config, conf, verbose, out, experiences, snapshots,
        seed, nasty, query, format, encoding, separator, minCellSize, latest, fetch);
  }

  public CliArgs withWarehouse(String v) {
    return new CliArgs(command, inputs, v, master, config, conf, verbose, out, experiences, snapshots, seed, nasty,
        query, format, encoding, separator, minCellSize, latest, fetch);
  }

  public CliArgs withMaster(String v) {
    return new CliArgs(command, inputs, warehouse, v, config, conf, verbose, out, experiences, snapshots, seed, nasty,
        query, format, encoding, separator, minCellSize, latest, fetch);
  }

  public CliArgs withConfig(String v) {
    return new CliArgs(command, inputs, warehouse, master, v, conf, verbose, out, experiences, snapshots, seed, nasty,
        query, format, encoding, separator, minCellSize, latest, fetch);
  }

  public CliArgs withConf(String key, String value) {
    Map<String, String> m = new LinkedHashMap<>(conf);
    m.put(key, value);
    return new CliArgs(command, inputs, warehouse, master, config, Map.copyOf(m), verbose, out, experiences, snapshots,
        seed, nasty, query, format, encoding, separator, minCellSize, latest, fetch);
  }

  public CliArgs withVerbose(boolean v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, v, out, experiences, snapshots, seed, nasty,
        query, format, encoding, separator, minCellSize, latest, fetch);
  }

  public CliArgs withOut(String v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, v, experiences, snapshots, seed,
        nasty, query, format, encoding, separator, minCellSize, latest, fetch);
  }

  public CliArgs withExperiences(int v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, out, v, snapshots, seed, nasty,
        query, format, encoding, separator, minCellSize, latest, fetch);
  }

  public CliArgs withSnapshots(int v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, out, experiences, v, seed, nasty,
        query, format, encoding, separator, minCellSize, latest, fetch);
  }

  public CliArgs withSeed(long v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, out, experiences, snapshots, v, nasty,
        query, format, encoding, separator, minCellSize, latest, fetch);
  }

  public CliArgs withNasty(boolean v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, out, experiences, snapshots, seed, v,
        query, format, encoding, separator, minCellSize, latest, fetch);
  }

  public CliArgs withQuery(String v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, out, experiences, snapshots, seed,
        nasty, v, format, encoding, separator, minCellSize, latest, fetch);
  }

  public CliArgs withFormat(String v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, out, experiences, snapshots, seed,
        nasty, query, v, encoding, separator, minCellSize, latest, fetch);
  }

  public CliArgs withEncoding(String v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, out, experiences, snapshots, seed,
        nasty, query, format, v, separator, minCellSize, latest, fetch);
  }

  public CliArgs withSeparator(String v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, out, experiences, snapshots, seed,
        nasty, query, format, encoding, v, minCellSize, latest, fetch);
  }

  public CliArgs withMinCellSize(int v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, out, experiences, snapshots, seed,
        nasty, query, format, encoding, separator, v, latest, fetch);
  }

  public CliArgs withLatest(boolean v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, out, experiences, snapshots, seed,
        nasty, query, format, encoding, separator, minCellSize, v, fetch);
  }

  public CliArgs withFetch(java.util.function.UnaryOperator<FetchArgs> change) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, out, experiences, snapshots, seed,
        nasty, query, format, encoding, separator, minCellSize, latest, change.apply(fetch));
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
