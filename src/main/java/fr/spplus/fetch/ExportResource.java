package fr.spplus.fetch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The export as the dataset API describes it: the first resource whose {@code format} is
 * {@code csv} (any case) in the {@code resources} of {@code GET {api}/datasets/{dataset}/}
 * (docs/contract.md section 8).
 *
 * @param lastModified the raw {@code last_modified}, kept as written to recognise the same version
 * @param filesize bytes, or null when the API does not say
 * @param checksumType {@code sha256}, {@code sha1} or {@code md5}, or null
 */
record ExportResource(String id, String title, URI url, String lastModified, Instant lastModifiedAt,
                      Long filesize, String checksumType, String checksumValue) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FILE_PREFIX = "export-experiences-";

  /** The file name in the landing folder: the date of {@code last_modified} in UTC, which run reads back. */
  String fileName() {
    return FILE_PREFIX + DateTimeFormatter.ISO_LOCAL_DATE.format(lastModifiedAt.atZone(ZoneOffset.UTC)) + ".csv";
  }

  /** The JDK's digest name for the checksum type, or null when the API gives no checksum. */
  String digestAlgorithm() {
    if (checksumType == null) {
      return null;
    }
    return switch (checksumType) {
      case "sha256" -> "SHA-256";
      case "sha1" -> "SHA-1";
      case "md5" -> "MD5";
      case "sha512" -> "SHA-512";
      default -> null;
    };
  }

  /** Reads the API's answer; every way it can be unusable is a FetchFailure naming the address. */
  static ExportResource fromDataset(byte[] body, URI address) {
    String where = address.toString();
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new FetchFailure(where, "the answer is not JSON (" + firstLine(e.getOriginalMessage()) + "): "
          + preview(body));
    } catch (java.io.IOException e) {
      throw new FetchFailure(where, "the answer cannot be read as JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new FetchFailure(where, "the answer is not a JSON object: " + preview(body));
    }
    JsonNode resources = root.get("resources");
    if (resources == null || !resources.isArray()) {
      throw new FetchFailure(where, "the answer has no 'resources' list: is --dataset a dataset's slug?");
    }
    for (JsonNode r : resources) {
      if (r.path("format").asText("").strip().equalsIgnoreCase("csv")) {
        return of(r, address);
      }
    }
    throw new FetchFailure(where, "no CSV resource among the dataset's " + resources.size() + " resource"
        + (resources.size() == 1 ? "" : "s"));
  }

  private static ExportResource of(JsonNode r, URI address) {
    String where = address.toString();
    String id = text(r, "id");
    String url = text(r, "url");
    String lastModified = text(r, "last_modified");
    if (id == null || url == null || lastModified == null) {
      throw new FetchFailure(where, "the CSV resource lacks " + (id == null ? "its id" : url == null ? "its url"
          : "its last_modified"));
    }
    URI uri;
    try {
      uri = address.resolve(url.strip().replace(" ", "%20"));
    } catch (IllegalArgumentException e) {
      throw new FetchFailure(where, "the CSV resource's url is not a URL: " + url);
    }
    Long filesize = r.hasNonNull("filesize") && r.get("filesize").canConvertToLong()
        ? r.get("filesize").asLong() : null;
    JsonNode checksum = r.get("checksum");
    String type = null;
    String value = null;
    if (checksum != null && checksum.isObject() && text(checksum, "type") != null && text(checksum, "value") != null) {
      type = text(checksum, "type").toLowerCase(Locale.ROOT).replace("-", "");
      value = text(checksum, "value").strip().toLowerCase(Locale.ROOT);
    }
    return new ExportResource(id, text(r, "title"), uri, lastModified, instant(lastModified, where), filesize,
        type, value);
  }

  /** ISO-8601 with an offset, or without one (then UTC, as the API writes its dates). */
  static Instant instant(String text, String where) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw new FetchFailure(where, "the CSV resource's last_modified is not an ISO-8601 date: " + text);
      }
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  private static String preview(byte[] body) {
    String s = new String(body, 0, Math.min(body.length, 60), java.nio.charset.StandardCharsets.UTF_8)
        .replaceAll("\\s+", " ").strip();
    return "'" + s + (body.length > 60 ? "…" : "") + "'";
  }
}
