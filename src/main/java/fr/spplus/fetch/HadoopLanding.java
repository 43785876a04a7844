package fr.spplus.fetch;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A landing folder behind a Hadoop URI ({@code hdfs://}, {@code s3a://}, {@code abfss://}, …),
 * through the FileSystem API, with the same settings {@code run} uses (the file system's classes and
 * credentials on the classpath and in core-site.xml or the environment).
 *
 * <p>What each gives: on HDFS (and ABFS with hierarchical namespace) {@code create(path, false)}
 * fails when the file exists and {@code rename} is atomic and never replaces, so the lock and the
 * publication are as safe as on a local disk. On S3 (s3a) a rename is a copy then a delete: readers
 * never see a partial export under the final name (the copy appears whole), but create-if-absent is
 * only as strong as the store's conditional writes, so do not start two fetches on one bucket
 * folder at once (the scheduler runs one a day).
 */
final class HadoopLanding implements Landing {

  private final String location;
  private final Path dir;
  private final Configuration conf;

  HadoopLanding(String location, Configuration conf) {
    this.location = location;
    this.dir = new Path(location);
    this.conf = conf;
  }

  private FileSystem fs() throws IOException {
    return dir.getFileSystem(conf);
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public String pathOf(String name) {
    return new Path(dir, name).toString();
  }

  @Override
  public void createFolder() throws IOException {
    fs().mkdirs(dir);
  }

  @Override
  public List<Entry> list() throws IOException {
    List<Entry> out = new ArrayList<>();
    for (FileStatus s : fs().listStatus(dir)) {
      if (s.isFile()) {
        out.add(new Entry(s.getPath().getName(), s.getLen()));
      }
    }
    return out;
  }

  @Override
  public boolean exists(String name) throws IOException {
    return fs().exists(new Path(dir, name));
  }

  @Override
  public OutputStream createNew(String name) throws IOException {
    return fs().create(new Path(dir, name), false);
  }

  @Override
  public InputStream open(String name) throws IOException {
    try {
      return fs().open(new Path(dir, name));
    } catch (FileNotFoundException e) {
      throw new java.nio.file.NoSuchFileException(pathOf(name));
    }
  }

  @Override
  public void publish(String from, String to) throws IOException {
    FileSystem fs = fs();
    Path target = new Path(dir, to);
    if (fs.exists(target)) {
      throw new FileAlreadyExistsException(target.toString());
    }
    if (!fs.rename(new Path(dir, from), target)) {
      throw new IOException("cannot rename " + pathOf(from) + " to " + target
          + (fs.exists(target) ? ": the target appeared meanwhile" : ""));
    }
  }

  @Override
  public void replace(String from, String to) throws IOException {
    FileSystem fs = fs();
    fs.delete(new Path(dir, to), false);
    if (!fs.rename(new Path(dir, from), new Path(dir, to))) {
      throw new IOException("cannot rename " + pathOf(from) + " to " + pathOf(to));
    }
  }

  @Override
  public void delete(String name) throws IOException {
    fs().delete(new Path(dir, name), false);
  }
}
