package fr.spplus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.spplus.job.RunOptions;
import fr.spplus.sample.SampleGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliParserTest {

  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  CliParser.Result parse(String... argv) {
    return CliParser.parse(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void severalInputsAfterOneFlagOrTheFlagRepeated() {
    CliParser.Result r = parse("run", "--input", "a", "b", "--warehouse", "w", "-i", "c");
    assertTrue(r.parsed());
    assertEquals(List.of("a", "b", "c"), r.args().inputs());
    assertEquals("w", r.args().warehouse());
  }

  @Test
  void helpPrintsEveryCommandAndExitsZero() {
    CliParser.Result r = parse("--help");
    assertEquals(0, r.exitCode());
    String help = out.toString(StandardCharsets.UTF_8);
    for (String word : List.of("run", "generate", "sql", "report", "docs", "--input", "--warehouse", "--config",
        "--conf", "--encoding", "--separator", "--min-cell-size", "--verbose", "Exit codes")) {
      assertTrue(help.contains(word), "help lacks " + word);
    }
  }

  @Test
  void generateTakesEveryOptionOfTheGeneratorAndItsDefaultsOtherwise() {
    CliParser.Result r = parse("generate", "--out", "x", "--experiences", "10", "--snapshots", "2", "--seed", "5",
        "--first-date", "2023-01-31", "--days-between", "7", "--nasty", "--crlf");
    assertTrue(r.parsed());
    assertEquals(new SampleGenerator.Options(Path.of("x"), 10, 2, LocalDate.of(2023, 1, 31), 7, 5L, true, true),
        r.args().generate().options(Path.of(r.args().out())));
    CliParser.Result none = parse("generate", "--out", "y");
    assertEquals(new SampleGenerator.Options(Path.of("y"), 2_000, 3, LocalDate.of(2024, 3, 1), 91, 42L, false, false),
        none.args().generate().options(Path.of("y")), "the committed sample's options");
  }

  @Test
  void badGenerateOptionsAreUsageErrors() {
    assertEquals(2, parse("generate", "--experiences", "10").exitCode(), "--out is required");
    assertEquals(2, parse("generate", "--out", "x", "--bogus").exitCode());
    assertEquals(2, parse("generate", "--out", "x", "--snapshots", "0").exitCode());
    assertEquals(2, parse("generate", "--out", "x", "--days-between", "0").exitCode());
    assertEquals(2, parse("generate", "--out", "x", "--first-date", "31/01/2023").exitCode());
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--first-date needs a date yyyy-MM-dd, got '31/01/2023'"));
  }

  @Test
  void theHelpListsTheExitCodesFromTheirOnePlace() {
    parse("--help");
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("Exit codes: 0 success; 1 failure (previous tables left "
        + "as they were); 2 bad usage; 3 finished but some files were rejected."));
    assertEquals(List.of(0, 1, 2, 3), Arrays.stream(ExitCode.values()).map(ExitCode::code).toList());
  }

  @Test
  void unknownOptionsAndMissingCommandsAreUsageErrors() {
    assertEquals(2, parse("run", "--bogus").exitCode());
    assertEquals(2, parse().exitCode());
    assertEquals(2, parse("run", "--conf", "novalue").exitCode());
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--conf takes KEY=VALUE, got novalue"));
  }

  @Test
  void aMissingInputPathExitsTwoAndWritesNothing(@TempDir Path dir) {
    Path warehouse = dir.resolve("wh");
    assertEquals(2, Main.execute(new String[] {"run", "--input", "/no/such/folder", "--warehouse",
        warehouse.toString()}));
    assertTrue(Files.notExists(warehouse), "nothing may be written for a usage error");
  }

  @Test
  void commandLineWinsOverTheConfigFileWhichWinsOverDefaults(@TempDir Path dir) throws IOException {
    Path conf = dir.resolve("c.properties");
    Files.writeString(conf, "warehouse=/from/file\ninput=/in/a, /in/b\nspark.sql.shuffle.partitions=3\n"
        + "input.separator=tab\ndelta.logRetentionDuration=interval 365 days\ngold.min_cell_size=7\n");
    RunOptions fromFile = Settings.resolve(parse("run", "--config", conf.toString()).args());
    assertEquals("/from/file", fromFile.warehouse());
    assertEquals(List.of("/in/a", "/in/b"), fromFile.inputs());
    assertEquals("3", fromFile.sparkConf().get("spark.sql.shuffle.partitions"));
    assertEquals('\t', fromFile.inputSeparator());
    assertNull(fromFile.inputEncoding());
    assertEquals(Map.of("delta.logRetentionDuration", "interval 365 days"), fromFile.tableProperties());
    assertEquals(7, fromFile.minCellSize());
    RunOptions overridden = Settings.resolve(parse("run", "--config", conf.toString(), "--warehouse", "/cli",
        "--input", "/x", "--conf", "spark.sql.shuffle.partitions=5", "--separator", ";", "--min-cell-size", "2",
        "--encoding", "windows-1252").args());
    assertEquals("/cli", overridden.warehouse());
    assertEquals(List.of("/x"), overridden.inputs());
    assertEquals("5", overridden.sparkConf().get("spark.sql.shuffle.partitions"));
    assertEquals(';', overridden.inputSeparator());
    assertEquals(2, overridden.minCellSize());
    assertEquals("windows-1252", overridden.inputEncoding());
  }

  @Test
  void badConfigurationValuesAreUsageErrors(@TempDir Path dir) throws IOException {
    Path conf = dir.resolve("c.properties");
    Files.writeString(conf, "input.separator=|\n");
    Settings.UsageException e = org.junit.jupiter.api.Assertions.assertThrows(Settings.UsageException.class,
        () -> Settings.resolve(parse("run", "--config", conf.toString()).args()));
    assertEquals("separator must be ';', ',' or 'tab', got '|'", e.getMessage());
    assertThrows(() -> Settings.resolve(parse("run", "--config", dir.resolve("none").toString()).args()),
        "configuration file not found: " + dir.resolve("none"));
    assertThrows(() -> Settings.resolve(parse("run", "--encoding", "klingon-8").args()),
        "unknown encoding 'klingon-8' (give a Java charset name, e.g. windows-1252)");
  }

  private static void assertThrows(org.junit.jupiter.api.function.Executable body, String message) {
    Settings.UsageException e = org.junit.jupiter.api.Assertions.assertThrows(Settings.UsageException.class, body);
    assertEquals(message, e.getMessage());
  }
}
