package fr.spplus.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The effective options of a {@code run}, resolved once (command line over conf/ file over
 * defaults) and immutable afterwards.
 *
 * @param inputs folders or files of exports
 * @param warehouse the warehouse root (local path or Hadoop URI)
 * @param master the Spark master, or null to leave it to spark-submit
 * @param sparkConf Spark settings (from the conf file's {@code spark.*} keys and {@code --conf})
 * @param configFile the configuration file read, or null
 * @param inputEncoding an encoding that replaces detection for every file (null: detect)
 * @param inputSeparator a separator that replaces detection for every file (null: detect)
 * @param tableProperties Delta table properties set on every table the job creates
 * @param minCellSize gold rows describing fewer experiences than this are flagged small_cell
 */
public record RunOptions(List<String> inputs, String warehouse, String master, Map<String, String> sparkConf,
                         String configFile, boolean verbose, String inputEncoding, Character inputSeparator,
                         Map<String, String> tableProperties, int minCellSize) {

  public RunOptions {
    inputs = List.copyOf(inputs);
    sparkConf = Map.copyOf(sparkConf);
    tableProperties = Map.copyOf(tableProperties);
  }

  /**
   * The options by their snake_case names, in a fixed order, for the run's audit row: plain values,
   * lists and sorted maps, so that the audit needs nothing from this package.
   */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("inputs", inputs);
    m.put("warehouse", warehouse);
    m.put("master", master);
    m.put("config_file", configFile);
    m.put("input_encoding", inputEncoding);
    m.put("input_separator", inputSeparator == null ? null : inputSeparator.toString());
    m.put("min_cell_size", minCellSize);
    m.put("spark_conf", new TreeMap<>(sparkConf));
    m.put("table_properties", new TreeMap<>(tableProperties));
    return m;
  }
}
