package fr.spplus.cli;

import fr.spplus.publish.DataDictionary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The commands other than {@code run}. */
final class Commands {

  private Commands() {}

  static int docs(CliArgs args) {
    Path out = Path.of(args.out());
    try {
      if (out.getParent() != null) {
        Files.createDirectories(out.getParent());
      }
      Files.writeString(out, DataDictionary.markdown(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
    System.out.println("wrote " + out);
    return 0;
  }
}
