package fr.spplus.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A landing folder on a local (or mounted) disk. The export is made visible with a hard link,
 * which the kernel creates only when the name is free, then the temporary name is removed: a
 * rename ({@code Files.move} without REPLACE_EXISTING) would check and then rename, and replace a
 * file created in between. Where links are not supported (some network mounts), a move that
 * checks first is the fallback.
 */
final class LocalLanding implements Landing {

  private final Path dir;

  LocalLanding(Path dir) {
    this.dir = dir;
  }

  @Override
  public String location() {
    return dir.toString();
  }

  @Override
  public String pathOf(String name) {
    return dir.resolve(name).toAbsolutePath().toString();
  }

  @Override
  public void createFolder() throws IOException {
    Files.createDirectories(dir);
  }

  @Override
  public List<Entry> list() throws IOException {
    List<Entry> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p)) {
          out.add(new Entry(p.getFileName().toString(), Files.size(p)));
        }
      }
    }
    return out;
  }

  @Override
  public boolean exists(String name) {
    return Files.exists(dir.resolve(name));
  }

  @Override
  public OutputStream createNew(String name) throws IOException {
    return Files.newOutputStream(dir.resolve(name), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  @Override
  public InputStream open(String name) throws IOException {
    return Files.newInputStream(dir.resolve(name));
  }

  @Override
  public void publish(String from, String to) throws IOException {
    Path source = dir.resolve(from);
    Path target = dir.resolve(to);
    try {
      Files.createLink(target, source);
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (UnsupportedOperationException | IOException noLinks) {
      if (Files.exists(target)) {
        throw new FileAlreadyExistsException(target.toString());
      }
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    Files.delete(source);
  }

  @Override
  public void replace(String from, String to) throws IOException {
    Files.move(dir.resolve(from), dir.resolve(to), StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void delete(String name) throws IOException {
    Files.deleteIfExists(dir.resolve(name));
  }
}
