package fr.spplus.job;

import java.util.List;
import java.util.Map;

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
}
