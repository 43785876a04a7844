package fr.spplus.fetch;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/** What a status means for a fetch: 200 goes on, 5xx and 429 are worth retrying, the rest fails. */
final class HttpStatus {

  private static final Map<Integer, String> PHRASES = Map.ofEntries(Map.entry(400, "Bad Request"),
      Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"),
      Map.entry(405, "Method Not Allowed"), Map.entry(406, "Not Acceptable"),
      Map.entry(407, "Proxy Authentication Required"), Map.entry(408, "Request Timeout"), Map.entry(410, "Gone"),
      Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"), Map.entry(502, "Bad Gateway"),
      Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

  private HttpStatus() {}

  static void check(HttpTransfer.Result r, URI requested) throws TransientFailure {
    int status = r.status();
    if (status == 200) {
      return;
    }
    String text = "HTTP " + status + (PHRASES.containsKey(status) ? " " + PHRASES.get(status) : "")
        + (r.uri() != null && !r.uri().equals(requested) ? " from " + r.uri() : "");
    if (status == 429 || status >= 500) {
      throw new TransientFailure(text, RetryPolicy.retryAfter(r.headers().firstValue("Retry-After").orElse(null),
          Instant.now()));
    }
    if (status >= 300 && status < 400) {
      text += " (redirect not followed" + r.headers().firstValue("Location").map(l -> " to " + l).orElse("") + ")";
    }
    throw new FetchFailure(requested.toString(), text);
  }
}
