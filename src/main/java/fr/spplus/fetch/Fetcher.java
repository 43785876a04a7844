package fr.spplus.fetch;

import fr.spplus.source.ExportFile;
import fr.spplus.source.FileProbe;
import fr.spplus.source.ProbedFile;
import fr.spplus.source.SnapshotDates;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code spplus fetch} (docs/contract.md section 8): asks the dataset API for the current export,
 * and lands it in the folder as {@code export-experiences-<yyyy-MM-dd>.csv} through a temporary file
 * ({@code _fetch-….part}, a name run ignores) that becomes the export only once complete and
 * checked: size, checksum, and a header run recognises ({@link FileProbe}, the job's own check).
 *
 * <p>Never touches an existing export: a different file under the target name is an error. On
 * failure the folder is as it was (the temporary file and the lock are removed). No Spark.
 */
public final class Fetcher {

  /** What a fetch did; {@code line} is its one-line summary. */
  public record Result(boolean downloaded, String file, String line) {}

  static final String PART_PREFIX = "_fetch-";
  static final String PART_SUFFIX = ".part";
  private static final long MAX_API_ANSWER = 32L << 20;
  private static final int HEAD_BYTES = 512;

  private final FetchOptions options;
  private final Landing landing;
  private final HttpTransfer transfer;
  private final PrintStream out;
  private final boolean terminal;
  private final Consumer<String> say;

  /**
   * @param env the environment whose proxy settings apply (this process's: {@code System.getenv()})
   * @param out where retries, progress and nothing else go; the summary is the caller's to print
   * @param terminal whether {@code out} is a person's terminal (progress is drawn) or a log
   */
  public Fetcher(FetchOptions options, Map<String, String> env, PrintStream out, boolean terminal) {
    this(options, Landing.of(options.landing()), env, out, terminal);
  }

  Fetcher(FetchOptions options, Landing landing, Map<String, String> env, PrintStream out, boolean terminal) {
    this.options = options;
    this.landing = landing;
    HttpClient client = HttpTransfer.newClient(options.connectTimeout(), new ProxySettings(env));
    this.transfer = new HttpTransfer(client, options.readTimeout());
    this.out = out;
    this.terminal = terminal;
    this.say = line -> {
      out.println("spplus fetch: " + line);
      out.flush();
    };
  }

  /** Fetches, or finds the export already there; throws {@link FetchFailure} with the line to show. */
  public Result fetch() {
    try {
      landing.createFolder();
    } catch (IOException e) {
      throw new FetchFailure(landing.location(), "cannot create the landing folder (" + e + ")", e);
    }
    try (LandingLock lock = LandingLock.acquire(landing, options.lockWait(), say)) {
      removeLeftovers();
      RetryPolicy retry = new RetryPolicy(options.attempts(), options.backoff(), options.maxTime(), say);
      ExportResource resource = describe(retry);
      Result known = alreadyHere(resource);
      return known != null ? known : download(retry, resource);
    }
  }

  /** Temporary files of a fetch that was killed: we hold the lock, so nobody is writing them. */
  private void removeLeftovers() {
    try {
      for (Landing.Entry e : landing.list()) {
        if (e.name().startsWith("_fetch") && e.name().endsWith(PART_SUFFIX)) {
          landing.delete(e.name());
        }
      }
    } catch (IOException e) {
      throw new FetchFailure(landing.location(), "cannot list the landing folder (" + e + ")", e);
    }
  }

  private ExportResource describe(RetryPolicy retry) {
    URI address = options.datasetUri();
    return retry.call(address.toString(), left -> {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      HttpTransfer.Result r = transfer.get(address, "application/json", left, info -> body, MAX_API_ANSWER, n -> { });
      HttpStatus.check(r, address);
      if (r.truncated()) {
        throw new FetchFailure(address.toString(), "the answer is larger than " + (MAX_API_ANSWER >> 20)
            + " MB: not the dataset's description");
      }
      return ExportResource.fromDataset(body.toByteArray(), address);
    });
  }

  /** The recorded version, or an export of the folder with the API's checksum: no download. */
  private Result alreadyHere(ExportResource resource) {
    FetchRecord record = FetchRecord.read(landing);
    if (record != null && record.sameVersion(resource)) {
      return upToDate(record.file(), "resource " + resource.id() + " of " + resource.lastModified()
          + " was fetched already");
    }
    String target = resource.fileName();
    String algorithm = resource.digestAlgorithm();
    try {
      if (algorithm != null) {
        for (Landing.Entry e : landing.list()) {
          if (isExport(e.name()) && (resource.filesize() == null || e.size() == resource.filesize())
              && digest(e.name(), algorithm).equals(resource.checksumValue())) {
            new FetchRecord(resource.id(), resource.lastModified(), e.name(), null).write(landing,
                resource.url().toString());
            return upToDate(e.name(), "same " + resource.checksumType() + " as resource " + resource.id() + " of "
                + resource.lastModified());
          }
        }
      }
      if (landing.exists(target)) {
        if (algorithm != null) {
          throw differentFile(target, "its " + resource.checksumType() + " is not the API's "
              + resource.checksumValue());
        }
        long size = sizeOf(target);
        if (resource.filesize() != null && size != resource.filesize()) {
          throw differentFile(target, "it has " + size + " bytes, the API's filesize is " + resource.filesize());
        }
      }
    } catch (IOException e) {
      throw new FetchFailure(landing.location(), "cannot read the landing folder (" + e + ")", e);
    }
    return null;
  }

  private Result download(RetryPolicy retry, ExportResource resource) {
    String target = resource.fileName();
    String part = PART_PREFIX + target + PART_SUFFIX;
    String address = resource.url().toString();
    Download d = retry.call(address, left -> attempt(resource, part, left));
    try {
      verify(resource, d, part, target);
      if (d.sameAs != null) {
        new FetchRecord(resource.id(), resource.lastModified(), d.sameAs, d.sha256).write(landing, address);
        return upToDate(d.sameAs, "same content as the export at " + address);
      }
      if (landing.exists(target)) {
        throw differentFile(target, "its content differs from the export just received");
      }
      try {
        landing.publish(part, target);
      } catch (FileAlreadyExistsException | org.apache.hadoop.fs.FileAlreadyExistsException raced) {
        throw differentFile(target, "it appeared while the export was being received");
      }
      new FetchRecord(resource.id(), resource.lastModified(), target, d.sha256).write(landing, address);
    } catch (IOException e) {
      deleteQuietly(part);
      throw new FetchFailure(landing.pathOf(target), "cannot write the landing folder (" + e + ")", e);
    } catch (RuntimeException e) {
      deleteQuietly(part);
      throw e;
    }
    return new Result(true, target, String.format(Locale.ROOT, "fetched %s to %s: %d bytes in %.1f s (%s), sha256 %s",
        address, landing.pathOf(target), d.bytes, d.nanos / 1e9, TransferProgress.rate(d.bytes, d.nanos), d.sha256));
  }

  /** One try: the body into the temporary file, hashed on the way; the file is removed if the try fails. */
  private Download attempt(ExportResource resource, String part, Duration left) throws TransientFailure {
    deleteQuietly(part);
    Download d = new Download(resource.digestAlgorithm());
    TransferProgress progress = new TransferProgress(out, terminal,
        resource.filesize() != null ? resource.filesize() : -1);
    long t0 = System.nanoTime();
    try {
      d.response = transfer.get(resource.url(), "text/csv, */*;q=0.5", left,
          info -> d.wrap(landing.createNew(part)), Long.MAX_VALUE, progress::update);
      progress.end();
      HttpStatus.check(d.response, resource.url());
    } catch (TransientFailure | RuntimeException e) {
      progress.end();
      deleteQuietly(part);
      if (e instanceof UncheckedIOException io) {
        throw new FetchFailure(landing.pathOf(part), "cannot write the download (" + io.getCause() + ")", io);
      }
      throw e;
    }
    d.nanos = System.nanoTime() - t0;
    d.finish();
    return d;
  }

  /** The checks of docs/contract.md section 8, then: is it a copy of an export already in the folder? */
  private void verify(ExportResource resource, Download d, String part, String target) throws IOException {
    String address = resource.url().toString();
    String type = d.response.headers().firstValue("Content-Type").orElse("");
    if (type.toLowerCase(Locale.ROOT).contains("html") || looksLikeHtml(d.head.toByteArray())) {
      throw new FetchFailure(address, "an HTML page came with status 200 (Content-Type: "
          + (type.isEmpty() ? "none" : type) + "), not the CSV export");
    }
    long announced = d.response.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (announced >= 0 && announced != d.bytes) {
      throw new FetchFailure(address, "body cut short: " + d.bytes + " of " + announced + " bytes (Content-Length)");
    }
    if (resource.filesize() != null && resource.filesize() != d.bytes) {
      throw new FetchFailure(address, "size mismatch: received " + d.bytes + " bytes, the API's filesize is "
          + resource.filesize());
    }
    if (resource.checksumType() != null && d.checked != null && !d.checked.equals(resource.checksumValue())) {
      throw new FetchFailure(address, "checksum mismatch: the " + resource.checksumType() + " of the received file is "
          + d.checked + ", the API's is " + resource.checksumValue());
    }
    ExportFile file = new ExportFile(landing.pathOf(part), target, d.bytes, Instant.now(),
        SnapshotDates.fromName(target).orElseThrow(), ExportFile.FROM_FILE_NAME);
    ProbedFile probed = FileProbe.probe(file, new Configuration());
    if (probed.rejected()) {
      throw new FetchFailure(address, "not an export that run ingests: " + probed.rejection());
    }
    for (Landing.Entry e : landing.list()) {
      if (isExport(e.name()) && e.size() == d.bytes && digest(e.name(), "SHA-256").equals(d.sha256)) {
        d.sameAs = e.name();
        landing.delete(part);
        return;
      }
    }
  }

  private static boolean looksLikeHtml(byte[] head) {
    String s = new String(head, StandardCharsets.UTF_8).replace("\uFEFF", "").stripLeading()
        .toLowerCase(Locale.ROOT);
    return s.startsWith("<!doctype html") || s.startsWith("<html") || s.startsWith("<head") || s.startsWith("<body")
        || s.startsWith("<?xml");
  }

  private Result upToDate(String file, String why) {
    return new Result(false, file, "up to date: " + landing.pathOf(file) + " (" + why + "), nothing downloaded");
  }

  private FetchFailure differentFile(String target, String why) {
    return new FetchFailure(landing.pathOf(target), "a different file already has the export's name (" + why
        + "); it is left as it is: move it away for the new export to land");
  }

  /** Export-like names of the folder (what run would read), not ours nor hidden ones. */
  private static boolean isExport(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return !name.startsWith("_") && !name.startsWith(".") && lower.endsWith(".csv");
  }

  private long sizeOf(String name) throws IOException {
    for (Landing.Entry e : landing.list()) {
      if (e.name().equals(name)) {
        return e.size();
      }
    }
    return -1;
  }

  private String digest(String name, String algorithm) throws IOException {
    MessageDigest md = newDigest(algorithm);
    try (InputStream in = landing.open(name)) {
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private void deleteQuietly(String name) {
    try {
      landing.delete(name);
    } catch (IOException e) {
      say.accept("cannot remove " + landing.pathOf(name) + " (" + e + "): remove it by hand");
    }
  }

  static MessageDigest newDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is missing from this JDK", e);
    }
  }

  /** One download: the response, the bytes written, their SHA-256 and the API's checksum type, the head. */
  private static final class Download {
    final MessageDigest sha = newDigest("SHA-256");
    final MessageDigest api;
    final ByteArrayOutputStream head = new ByteArrayOutputStream();
    HttpTransfer.Result response;
    long bytes;
    long nanos;
    String sha256;
    String checked;
    String sameAs;

    Download(String apiAlgorithm) {
      this.api = apiAlgorithm == null ? null : newDigest(apiAlgorithm);
    }

    OutputStream wrap(OutputStream file) {
      return new FilterOutputStream(file) {
        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
          sha.update(b, off, len);
          if (api != null) {
            api.update(b, off, len);
          }
          if (head.size() < HEAD_BYTES) {
            head.write(b, off, Math.min(len, HEAD_BYTES - head.size()));
          }
          bytes += len;
        }

        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }
      };
    }

    void finish() {
      sha256 = HexFormat.of().formatHex(sha.digest());
      checked = api == null ? null : HexFormat.of().formatHex(api.digest());
    }
  }
}
