package fr.spplus.cli;

import fr.spplus.job.RunOptions;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Resolves the effective options, in this order (first wins): command line, configuration file,
 * defaults. The configuration file is a Java properties file; its keys are {@code input}
 * (comma-separated), {@code warehouse}, {@code master}, {@code input.encoding},
 * {@code input.separator} ({@code ;}, {@code ,} or {@code tab}), any {@code spark.*} setting, and
 * {@code delta.*} table properties set on the tables the job creates, {@code gold.min_cell_size}.
 */
public final class Settings {

  /** The project's home (set by bin/spplus); relative defaults resolve against it. */
  public static final String HOME_PROPERTY = "spplus.home";
  public static final String DEFAULT_CONFIG = "conf/spplus.properties";
  public static final String DEFAULT_SAMPLE = "data/sample";
  public static final String DEFAULT_WAREHOUSE = "warehouse";
  public static final String DEFAULT_MASTER = "local[*]";

  private Settings() {}

  public static RunOptions resolve(CliArgs args) {
    String configPath = args.config() != null ? args.config() : defaultConfig();
    Properties file = load(configPath);
    Map<String, String> spark = new LinkedHashMap<>();
    for (String key : file.stringPropertyNames()) {
      // Under spark-submit its settings (--conf, --executor-memory, …) arrive as system properties:
      // they are command-line settings too, so the file must not override them in the session.
      if (key.startsWith("spark.") && System.getProperty(key) == null) {
        spark.put(key, file.getProperty(key).strip());
      }
    }
    spark.putAll(args.conf());
    List<String> inputs = !args.inputs().isEmpty() ? args.inputs()
        : file.getProperty("input") != null
            ? Arrays.stream(file.getProperty("input").split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()
            : List.of(home().resolve(DEFAULT_SAMPLE).toString());
    String warehouse = first(args.warehouse(), file.getProperty("warehouse"), DEFAULT_WAREHOUSE);
    // Under spark-submit the master is already set; an explicit one would override it.
    String master = first(args.master(), file.getProperty("master"),
        System.getProperty("spark.master") != null ? null : DEFAULT_MASTER);
    Map<String, String> tableProperties = new LinkedHashMap<>();
    for (String key : file.stringPropertyNames()) {
      if (key.startsWith("delta.")) {
        tableProperties.put(key, file.getProperty(key).strip());
      }
    }
    String encoding = first(args.encoding(), file.getProperty("input.encoding"));
    if (encoding != null && !java.nio.charset.Charset.isSupported(encoding)) {
      throw new UsageException("unknown encoding '" + encoding + "' (give a Java charset name, e.g. windows-1252)");
    }
    return new RunOptions(inputs, warehouse, master, spark, configPath, args.verbose(), encoding,
        separator(first(args.separator(), file.getProperty("input.separator"))), tableProperties,
        minCellSize(args, file));
  }

  private static int minCellSize(CliArgs args, Properties file) {
    if (args.minCellSize() != null) {
      return args.minCellSize();
    }
    String v = file.getProperty("gold.min_cell_size");
    if (v == null) {
      return CliParser.DEFAULT_MIN_CELL_SIZE;
    }
    try {
      int k = Integer.parseInt(v.strip());
      if (k >= 1) {
        return k;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("gold.min_cell_size must be a whole number >= 1, got '" + v + "'");
  }

  private static Character separator(String value) {
    if (value == null) {
      return null;
    }
    return switch (value) {
      case ";" -> ';';
      case "," -> ',';
      case "tab", "\\t", "\t" -> '\t';
      default -> throw new UsageException("separator must be ';', ',' or 'tab', got '" + value + "'");
    };
  }

  /** The configuration file's keys (--config, else conf/spplus.properties if it exists), for commands without Spark. */
  static Properties configFile(CliArgs args) {
    return load(args.config() != null ? args.config() : defaultConfig());
  }

  private static String defaultConfig() {
    Path p = home().resolve(DEFAULT_CONFIG);
    return Files.isRegularFile(p) ? p.toString() : null;
  }

  static Path home() {
    String home = System.getProperty(HOME_PROPERTY);
    return Path.of(home == null ? "." : home);
  }

  private static Properties load(String path) {
    Properties p = new Properties();
    if (path == null) {
      return p;
    }
    Path file = Path.of(path);
    if (!Files.isRegularFile(file)) {
      throw new UsageException("configuration file not found: " + path);
    }
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read configuration file " + path + ": " + e.getMessage(), e);
    }
    return p;
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return null;
  }

  /** A mistake in how the command was called (exit code 2). */
  public static final class UsageException extends RuntimeException {
    public UsageException(String message) {
      super(message);
    }
  }
}
