package fr.spplus.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Arrows only point down: every import of one fr.spplus package by another is allowed by the map
 * below, and the map itself has no cycle, so no import can close one. The map is the code layout
 * the README describes ("Code layout"); a new package is added here, under the packages it may use.
 *
 * <p>A plain scan of the {@code import} lines of src/main/java (static imports included): a class
 * named by its full name in code instead of imported would escape it, which the project's style
 * does not do.
 */
class LayeringTest {

  static final Path MAIN = Path.of("src/main/java/fr/spplus");

  /** Each package and the packages it may import, from the top layer down. */
  static final Map<String, Set<String>> MAY_IMPORT = layers();

  private static Map<String, Set<String>> layers() {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    // Entry point: parses arguments, dispatches the subcommands.
    m.put("cli", Set.of("job", "fetch", "report", "sql", "sample", "audit", "publish", "source", "faults", "lock"));
    // One run: the stages in order, the Spark session's life.
    m.put("job", Set.of("bronze", "silver", "gold", "audit", "publish", "source", "faults", "lock"));
    // The stages: none calls another, none knows the job that runs them.
    m.put("bronze", Set.of("publish", "source", "faults"));
    m.put("silver", Set.of("publish", "source", "faults"));
    m.put("gold", Set.of("publish", "source", "faults"));
    // Readers of the warehouse beside the job, and the export generator.
    m.put("report", Set.of("audit", "publish", "source"));
    m.put("sql", Set.of("audit", "publish", "source"));
    m.put("fetch", Set.of("source", "faults", "lock"));
    m.put("sample", Set.of("source"));
    // The bottom layers.
    m.put("audit", Set.of("publish", "source"));
    m.put("publish", Set.of("source"));
    m.put("source", Set.of());
    m.put("faults", Set.of());
    // Who holds a lock file and when it is stale: the warehouse's and the landing folder's.
    m.put("lock", Set.of());
    return m;
  }

  private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?fr\\.spplus\\.([a-z]+)\\.",
      Pattern.MULTILINE);

  @Test
  void everyImportBetweenPackagesPointsDown() throws IOException {
    Map<String, Set<String>> imports = importsByPackage();
    List<String> wrong = new ArrayList<>();
    imports.forEach((from, targets) -> {
      Set<String> allowed = MAY_IMPORT.get(from);
      if (allowed == null) {
        wrong.add("package " + from + " is not in LayeringTest.MAY_IMPORT: add it under the packages it may use");
        return;
      }
      for (String to : targets) {
        if (!to.equals(from) && !allowed.contains(to)) {
          wrong.add(from + " imports " + to + " (" + from + " may import only " + new TreeSet<>(allowed) + ")");
        }
      }
    });
    assertTrue(wrong.isEmpty(), "imports against the layering:\n  " + String.join("\n  ", wrong));
  }

  @Test
  void theAllowedDirectionsHaveNoCycle() {
    for (String start : MAY_IMPORT.keySet()) {
      List<String> path = new ArrayList<>(List.of(start));
      findCycle(start, path);
    }
  }

  private static void findCycle(String at, List<String> path) {
    for (String next : MAY_IMPORT.getOrDefault(at, Set.of())) {
      if (next.equals(path.get(0))) {
        fail("cycle in LayeringTest.MAY_IMPORT: " + String.join(" -> ", path) + " -> " + next);
      }
      if (!path.contains(next)) {
        path.add(next);
        findCycle(next, path);
        path.remove(path.size() - 1);
      }
    }
  }

  /** The scan itself sees what it must: a known downward import and the absence of an upward one. */
  @Test
  void theScanFindsTheImportsOfTheMainClasses() throws IOException {
    Map<String, Set<String>> imports = importsByPackage();
    assertTrue(imports.get("job").containsAll(Set.of("bronze", "silver", "gold", "audit")), imports.toString());
    assertEquals(Set.of(), imports.getOrDefault("source", Set.of()), "source imports no other project package");
  }

  static Map<String, Set<String>> importsByPackage() throws IOException {
    Map<String, Set<String>> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String from = MAIN.relativize(f).getName(0).toString();
        Set<String> targets = out.computeIfAbsent(from, k -> new TreeSet<>());
        Matcher m = IMPORT.matcher(Files.readString(f));
        while (m.find()) {
          if (!m.group(1).equals(from)) {
            targets.add(m.group(1));
          }
        }
      }
    }
    return out;
  }
}
