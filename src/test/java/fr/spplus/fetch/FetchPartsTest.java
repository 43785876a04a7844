package fr.spplus.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure parts of fetch: Retry-After, proxy choice, the resource chosen and its file name. */
class FetchPartsTest {

  @Test
  void retryAfterInSecondsOrAsAnHttpDate() {
    Instant now = Instant.parse("2026-12-03T06:30:00Z");
    assertEquals(Duration.ofSeconds(120), RetryPolicy.retryAfter("120", now));
    assertEquals(Duration.ofSeconds(90), RetryPolicy.retryAfter("Thu, 03 Dec 2026 06:31:30 GMT", now));
    assertEquals(Duration.ZERO, RetryPolicy.retryAfter("Thu, 03 Dec 2026 06:00:00 GMT", now));
    assertNull(RetryPolicy.retryAfter("soon", now));
    assertNull(RetryPolicy.retryAfter(null, now));
  }

  @Test
  void theEnvironmentsProxyByScheme() {
    ProxySettings p = new ProxySettings(Map.of("HTTPS_PROXY", "proxy.example.org:3128",
        "http_proxy", "http://web-proxy:8080/"));
    assertEquals(List.of(proxy("proxy.example.org", 3128)), p.select(URI.create("https://www.data.gouv.fr/api/1")));
    assertEquals(List.of(proxy("web-proxy", 8080)), p.select(URI.create("http://static.data.gouv.fr/x.csv")));
    // Lower case wins over upper case, as curl and wget do.
    ProxySettings both = new ProxySettings(Map.of("https_proxy", "http://low:1", "HTTPS_PROXY", "http://up:2"));
    assertEquals(List.of(proxy("low", 1)), both.select(URI.create("https://www.data.gouv.fr/")));
    assertEquals(List.of(Proxy.NO_PROXY), new ProxySettings(Map.of()).select(URI.create("https://x.org/")));
  }

  @Test
  void noProxyMatchesHostsAndTheirSubdomains() {
    String noProxy = " .intranet.local, gouv.fr ,10.0.0.7:8080,[::1]";
    assertEquals(true, ProxySettings.bypassed("www.data.gouv.fr", noProxy));
    assertEquals(true, ProxySettings.bypassed("gouv.fr", noProxy));
    assertEquals(false, ProxySettings.bypassed("notgouv.fr", noProxy));
    assertEquals(true, ProxySettings.bypassed("files.intranet.local", noProxy));
    assertEquals(true, ProxySettings.bypassed("10.0.0.7", noProxy));
    assertEquals(true, ProxySettings.bypassed("[::1]", noProxy));
    assertEquals(false, ProxySettings.bypassed("10.0.0.70", noProxy));
    assertEquals(true, ProxySettings.bypassed("anything.org", "*"));
    ProxySettings p = new ProxySettings(Map.of("https_proxy", "http://proxy:3128", "NO_PROXY", "data.gouv.fr"));
    assertEquals(List.of(Proxy.NO_PROXY), p.select(URI.create("https://www.data.gouv.fr/api/1")));
    assertEquals(List.of(proxy("proxy", 3128)), p.select(URI.create("https://static.example.org/")));
  }

  @Test
  void theJvmsProxyPropertiesWinOverTheEnvironment() {
    String before = System.getProperty("https.proxyHost");
    String port = System.getProperty("https.proxyPort");
    try {
      System.setProperty("https.proxyHost", "jvm-proxy.example.org");
      System.setProperty("https.proxyPort", "8443");
      ProxySettings p = new ProxySettings(Map.of("https_proxy", "http://env-proxy:3128"));
      List<Proxy> chosen = p.select(URI.create("https://www.data.gouv.fr/api/1"));
      assertEquals(1, chosen.size());
      InetSocketAddress a = (InetSocketAddress) chosen.get(0).address();
      assertEquals("jvm-proxy.example.org", a.getHostString());
      assertEquals(8443, a.getPort());
    } finally {
      restore("https.proxyHost", before);
      restore("https.proxyPort", port);
    }
  }

  @Test
  void theFirstCsvResourceAndItsUtcDate() {
    String json = "{\"resources\": ["
        + "{\"id\": \"a\", \"format\": \"xlsx\", \"url\": \"https://x/a.xlsx\", \"last_modified\": \"2026-01-01\"},"
        + "{\"id\": \"b\", \"format\": \" Csv \", \"url\": \"/files/b.csv\","
        + " \"last_modified\": \"2026-12-02T23:59:59.123000\", \"filesize\": 1234,"
        + " \"checksum\": {\"type\": \"SHA256\", \"value\": \"ABCDEF\"}},"
        + "{\"id\": \"c\", \"format\": \"csv\", \"url\": \"https://x/c.csv\","
        + " \"last_modified\": \"2026-12-05T00:00:00Z\"}"
        + "]}";
    ExportResource r = ExportResource.fromDataset(json.getBytes(StandardCharsets.UTF_8),
        URI.create("https://www.data.gouv.fr/api/1/datasets/sp/"));
    assertEquals("b", r.id());
    assertEquals(URI.create("https://www.data.gouv.fr/files/b.csv"), r.url());
    // Without an offset the API's dates are UTC: 23:59 on the 2nd stays the 2nd.
    assertEquals("export-experiences-2026-12-02.csv", r.fileName());
    assertEquals(1234L, r.filesize());
    assertEquals("sha256", r.checksumType());
    assertEquals("abcdef", r.checksumValue());
    assertEquals("SHA-256", r.digestAlgorithm());
  }

  @Test
  void anOffsetIsConvertedToUtcForTheFileName() {
    assertEquals(Instant.parse("2026-12-31T23:30:00Z"),
        ExportResource.instant("2027-01-01T01:30:00+02:00", "here"));
    FetchFailure f = assertThrows(FetchFailure.class, () -> ExportResource.instant("hier", "https://api/x/"));
    assertEquals("https://api/x/: the CSV resource's last_modified is not an ISO-8601 date: hier", f.getMessage());
  }

  @Test
  void secondsOnTheCommandLine() {
    assertEquals(Duration.ofMillis(500), FetchOptions.seconds("0.5", "--backoff"));
    assertEquals(Duration.ofSeconds(30), FetchOptions.seconds("30", "--backoff"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FetchOptions.seconds("-1", "--read-timeout"));
    assertEquals("--read-timeout takes a number of seconds (e.g. 30 or 0.5), got '-1'", e.getMessage());
    assertEquals(URI.create("https://www.data.gouv.fr/api/1/datasets/liste-des-experiences-partagees-par-les-usagers/"),
        FetchOptions.defaults("x").datasetUri());
    assertEquals(URI.create("http://h/api/1/datasets/d/"),
        FetchOptions.defaults("x").withApi(URI.create("http://h/api/1/")).withDataset("d").datasetUri());
  }

  @Test
  void progressShowsBytesPercentAndRateOnATerminalOnly() {
    java.io.ByteArrayOutputStream shown = new java.io.ByteArrayOutputStream();
    TransferProgress p = new TransferProgress(new java.io.PrintStream(shown, true, StandardCharsets.UTF_8), true,
        200_000_000L);
    assertEquals("50.0 MB of 200.0 MB (25 %), 5.00 MB/s", p.line(50_000_000L, 10_000_000_000L));
    assertEquals("999 B, 0.00 MB/s", new TransferProgress(System.out, true, -1).line(999, 1_000_000_000L));
    p.update(1_500);
    assertEquals(true, shown.toString(StandardCharsets.UTF_8).startsWith("\r  1.5 kB of 200.0 MB (0 %), "));
    java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
    TransferProgress quiet = new TransferProgress(new java.io.PrintStream(log, true, StandardCharsets.UTF_8), false,
        200_000_000L);
    quiet.update(1_500);
    quiet.end();
    assertEquals(0, log.size(), "nothing but the summary line in a log");
  }

  private static Proxy proxy(String host, int port) {
    return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port));
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
