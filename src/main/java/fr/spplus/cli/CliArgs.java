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
                      String separator, Integer minCellSize, boolean latest) {

  public static CliArgs empty() {
    return new CliArgs(null, List.of(), null, null, null, Map.of(), false, null, null, null, null, false, null, null,
        null, null, null, false);
  }

  public CliArgs withCommand(String v) {
    return new CliArgs(v, inputs, warehouse, master, config, conf, verbose, out, experiences, snapshots, seed, nasty,
        query, format, encoding, separator, minCellSize, latest);
  }

  public CliArgs withInput(String v) {
    List<String> l = new ArrayList<>(inputs);
    l.add(v);
    return new CliArgs(command, List.copyOf(l), warehouse, master, config, conf, verbose, out, experiences, snapshots,
        seed, nasty, query, format, encoding, separator, minCellSize, latest);
  }

  public CliArgs withWarehouse(String v) {
    return new CliArgs(command, inputs, v, master, config, conf, verbose, out, experiences, snapshots, seed, nasty,
        query, format, encoding, separator, minCellSize, latest);
  }

  public CliArgs withMaster(String v) {
    return new CliArgs(command, inputs, warehouse, v, config, conf, verbose, out, experiences, snapshots, seed, nasty,
        query, format, encoding, separator, minCellSize, latest);
  }

  public CliArgs withConfig(String v) {
    return new CliArgs(command, inputs, warehouse, master, v, conf, verbose, out, experiences, snapshots, seed, nasty,
        query, format, encoding, separator, minCellSize, latest);
  }

  public CliArgs withConf(String key, String value) {
    Map<String, String> m = new LinkedHashMap<>(conf);
    m.put(key, value);
    return new CliArgs(command, inputs, warehouse, master, config, Map.copyOf(m), verbose, out, experiences, snapshots,
        seed, nasty, query, format, encoding, separator, minCellSize, latest);
  }

  public CliArgs withVerbose(boolean v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, v, out, experiences, snapshots, seed, nasty,
        query, format, encoding, separator, minCellSize, latest);
  }

  public CliArgs withOut(String v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, v, experiences, snapshots, seed,
        nasty, query, format, encoding, separator, minCellSize, latest);
  }

  public CliArgs withExperiences(int v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, out, v, snapshots, seed, nasty,
        query, format, encoding, separator, minCellSize, latest);
  }

  public CliArgs withSnapshots(int v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, out, experiences, v, seed, nasty,
        query, format, encoding, separator, minCellSize, latest);
  }

  public CliArgs withSeed(long v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, out, experiences, snapshots, v, nasty,
        query, format, encoding, separator, minCellSize, latest);
  }

  public CliArgs withNasty(boolean v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, out, experiences, snapshots, seed, v,
        query, format, encoding, separator, minCellSize, latest);
  }

  public CliArgs withQuery(String v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, out, experiences, snapshots, seed,
        nasty, v, format, encoding, separator, minCellSize, latest);
  }

  public CliArgs withFormat(String v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, out, experiences, snapshots, seed,
        nasty, query, v, encoding, separator, minCellSize, latest);
  }

  public CliArgs withEncoding(String v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, out, experiences, snapshots, seed,
        nasty, query, format, v, separator, minCellSize, latest);
  }

  public CliArgs withSeparator(String v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, out, experiences, snapshots, seed,
        nasty, query, format, encoding, v, minCellSize, latest);
  }

  public CliArgs withMinCellSize(int v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, out, experiences, snapshots, seed,
        nasty, query, format, encoding, separator, v, latest);
  }

  public CliArgs withLatest(boolean v) {
    return new CliArgs(command, inputs, warehouse, master, config, conf, verbose, out, experiences, snapshots, seed,
        nasty, query, format, encoding, separator, minCellSize, v);
  }
}
