package fr.spplus.fetch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The proxy of each request, from the usual settings: the JVM's {@code https.proxyHost} /
 * {@code http.proxyHost} (with {@code http.nonProxyHosts}) when set, else the environment's
 * {@code https_proxy} / {@code HTTPS_PROXY} (for https) or {@code http_proxy} / {@code HTTP_PROXY}
 * (for http), minus the hosts of {@code no_proxy} / {@code NO_PROXY}. Public administrations'
 * networks often reach the internet only through one.
 *
 * <p>{@code no_proxy} entries: {@code *} (no proxy at all), a host name, which also matches its
 * subdomains ({@code gouv.fr} and {@code .gouv.fr} match {@code www.data.gouv.fr}), or an IP
 * address; an entry's {@code :port} is ignored. Credentials in a proxy URL are not supported: the
 * JDK's client needs them through an Authenticator, which no deployment of ours has asked for.
 */
final class ProxySettings extends ProxySelector {

  private final Map<String, String> env;

  /**
   * @param env the environment (this process's, or a test's); the JVM's proxy properties are read
   *     when each request is made, by the JDK's own selector
   */
  ProxySettings(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public List<Proxy> select(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String jvmProxy = System.getProperty(scheme + ".proxyHost");
    if (jvmProxy != null && !jvmProxy.isBlank()) {
      return ProxySelector.getDefault().select(uri);
    }
    String url = scheme.equals("https") ? first("https_proxy", "HTTPS_PROXY") : first("http_proxy", "HTTP_PROXY");
    if (url == null || url.isBlank() || bypassed(uri.getHost(), first("no_proxy", "NO_PROXY"))) {
      return List.of(Proxy.NO_PROXY);
    }
    return List.of(new Proxy(Proxy.Type.HTTP, address(url)));
  }

  @Override
  public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
    // Nothing to remember: the retry policy decides what happens next.
  }

  /** The proxy's address from {@code http://host:port}, {@code host:port} or {@code host} (port 80). */
  static InetSocketAddress address(String proxyUrl) {
    String v = proxyUrl.strip();
    URI u = URI.create(v.contains("://") ? v : "http://" + v);
    if (u.getHost() == null) {
      throw new IllegalArgumentException("proxy setting is not host:port or a URL: " + proxyUrl);
    }
    int port = u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    return InetSocketAddress.createUnresolved(u.getHost(), port);
  }

  static boolean bypassed(String host, String noProxy) {
    if (host == null || noProxy == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|\\]$", "");
    for (String raw : noProxy.split("[,\\s]+")) {
      String entry = raw.strip().toLowerCase(Locale.ROOT);
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.equals("*")) {
        return true;
      }
      if (entry.startsWith("[")) {
        entry = entry.substring(1, entry.indexOf(']') > 0 ? entry.indexOf(']') : entry.length());
      } else if (entry.indexOf(':') == entry.lastIndexOf(':') && entry.contains(":")) {
        entry = entry.substring(0, entry.indexOf(':'));
      }
      entry = entry.replaceAll("^\\*?\\.", "");
      if (h.equals(entry) || h.endsWith("." + entry)) {
        return true;
      }
    }
    return false;
  }

  private String first(String... names) {
    for (String n : names) {
      String v = env.get(n);
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }
}
