package fr.spplus.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of a given apparent size that take no disk space, for size rules (e.g. the 64 MiB of a little run). */
public final class SparseFiles {

  private SparseFiles() {}

  /** A sparse file of {@code bytes} bytes (apparent size), its folder made if need be. */
  public static Path of(Path file, long bytes) throws IOException {
    Files.createDirectories(file.getParent());
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(bytes);
    }
    return file;
  }
}
