package fr.spplus.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.Properties;

/**
 * What the last successful fetch into a landing folder got ({@code _fetch.properties}; run ignores
 * names starting with {@code _}): the resource's id and {@code last_modified}, so that the same
 * version is not downloaded again even after the file was moved away, and the file it became.
 * Delete it to make the next fetch check the folder's content again.
 */
record FetchRecord(String resourceId, String lastModified, String file, String sha256) {

  static final String NAME = "_fetch.properties";

  boolean sameVersion(ExportResource r) {
    return r.id().equals(resourceId) && r.lastModified().equals(lastModified);
  }

  /** The record, or null when there is none or it cannot be read (a fetch then checks content). */
  static FetchRecord read(Landing landing) {
    Properties p = new Properties();
    try (InputStream in = landing.open(NAME)) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (NoSuchFileException | java.io.FileNotFoundException none) {
      return null;
    } catch (IOException | IllegalArgumentException unreadable) {
      return null;
    }
    if (p.getProperty("resource_id") == null || p.getProperty("last_modified") == null) {
      return null;
    }
    return new FetchRecord(p.getProperty("resource_id"), p.getProperty("last_modified"), p.getProperty("file"),
        p.getProperty("sha256"));
  }

  /** Writes the record beside the export: a temporary file, then a rename over the old record. */
  void write(Landing landing, String url) throws IOException {
    Properties p = new Properties();
    p.setProperty("resource_id", resourceId);
    p.setProperty("last_modified", lastModified);
    p.setProperty("file", file);
    if (sha256 != null) {
      p.setProperty("sha256", sha256);
    }
    p.setProperty("url", url);
    p.setProperty("recorded_at", Instant.now().toString());
    String tmp = NAME + ".part";
    landing.delete(tmp);
    try (OutputStream out = landing.createNew(tmp)) {
      p.store(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), "spplus fetch: the last export fetched");
    }
    landing.replace(tmp, NAME);
  }
}
