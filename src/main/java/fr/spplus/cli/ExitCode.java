package fr.spplus.cli;

import fr.spplus.audit.RunRecord;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The exit codes of every command, in one place: what {@code spplus --help} lists, what schedulers
 * (jobs/) test, what {@link Main#execute} returns.
 */
public enum ExitCode {
  OK(0, "success"),
  FAILED(1, "failure (previous tables left as they were)"),
  USAGE(2, "bad usage"),
  FILES_REJECTED(3, "finished but some files were rejected");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  /** A finished run: 3 when it rejected a file (the others were published), else 0. */
  public static ExitCode of(RunRecord run) {
    return run.filesRejected() > 0 ? FILES_REJECTED : OK;
  }

  /** "Exit codes: 0 success; 1 …; 2 …; 3 …." as the usage ends with. */
  static String summary() {
    return Arrays.stream(values()).map(e -> e.code + " " + e.meaning)
        .collect(Collectors.joining("; ", "Exit codes: ", "."));
  }
}
