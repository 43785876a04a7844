package fr.spplus.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.GZIPOutputStream;

/**
 * The bad-input corpus (src/test/resources/bad-inputs/KIND/), copied to a working folder, plus the
 * kinds made at run time because their bytes are awkward in a repository (binary, encodings,
 * compression, CR LF that a checkout could rewrite, a 150,000-character field, permissions).
 * bad-inputs/README.md lists every kind and its outcome.
 */
final class Corpus {

  static final String HEADER = "ID expérience;Etat expérience;Date de publication;Titre;Description;"
      + "Ressenti usager;Intitulé région usager;Expériences Similaires;ID structure 1;"
      + "Evaluation utile réponse structure 1 par visiteurs";

  /** The huge field's length: above the 100,000 characters a naive CSV reader stops at. */
  static final int HUGE = 150_000;

  private Corpus() {}

  /** Copies the committed kinds to {@code to}, one folder per kind. */
  static void copyCommitted(Path to) {
    try {
      Path from = Path.of(Corpus.class.getResource("/bad-inputs").toURI());
      Warehouses.copy(from, to);
      Files.deleteIfExists(to.resolve("README.md"));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An image saved under a .csv name: binary, a NUL byte at offset 8. */
  static void binary(Path dir) {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R', 0, 0, 1, 0};
    write(dir.resolve("export-binary-2024-01-15.csv"), png);
  }

  static final String WINDOWS_1252_TITLE = "Préfecture de l’Hérault « accueil »";

  /** An old export re-saved by a spreadsheet: Windows-1252 (’ « » are single bytes there, invalid UTF-8). */
  static void windows1252(Path dir) {
    String text = HEADER + "\n16001;Traitée;16/01/2024 10:00;" + WINDOWS_1252_TITLE
        + ";Reçu;Négatif;Île-de-France;0;S1;1\n";
    write(dir.resolve("export-windows-1252-2024-01-16.csv"), text.getBytes(Charset.forName("windows-1252")));
  }

  static final String UTF_16_TITLE = "Maison France services — Mâcon";

  /** "Unicode text" from a spreadsheet: UTF-16 little-endian with its byte-order mark, CR LF. */
  static void utf16(Path dir) {
    String text = HEADER + "\r\n17001;Traitée;17/01/2024 10:00;" + UTF_16_TITLE + ";Desc;Neutre;Bretagne;2;S1;1\r\n";
    byte[] body = text.getBytes(StandardCharsets.UTF_16LE);
    byte[] all = new byte[body.length + 2];
    all[0] = (byte) 0xFF;
    all[1] = (byte) 0xFE;
    System.arraycopy(body, 0, all, 2, body.length);
    write(dir.resolve("export-utf16-2024-01-17.csv"), all);
  }

  /** A compressed export: read decompressed. */
  static void gzip(Path dir) {
    String text = HEADER
        + "\n18001;Traitée;18/01/2024 10:00;Compressé;\"Sur\ndeux lignes\";Positif;Bretagne;1;S1;1\n";
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("export-gzip-2024-01-18.csv.gz")))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Windows line ends, also inside a quoted multi-line field; the last field of a line must not keep the CR. */
  static void crlf(Path dir) {
    String text = HEADER + "\r\n19001;Traitée;19/01/2024 10:00;Fin de ligne Windows;\"ligne 1\r\nligne 2\";Positif;"
        + "Bretagne;4;S1;7\r\n19002;A traiter;19/01/2024 11:00;Deuxième;Desc;Négatif;Bretagne;0;S1;3\r\n";
    write(dir.resolve("export-crlf-2024-01-19.csv"), text.getBytes(StandardCharsets.UTF_8));
  }

  /** The huge description as written in the file: separators, doubled quotes and line breaks inside. */
  static String hugeDescription() {
    StringBuilder b = new StringBuilder(HUGE);
    String piece = "Très long; avec \"guillemets\"\net retours. ";
    while (b.length() < HUGE) {
      b.append(piece);
    }
    b.setLength(HUGE);
    return b.toString();
  }

  static void hugeField(Path dir) {
    String field = "\"" + hugeDescription().replace("\"", "\"\"") + "\"";
    String text = HEADER + "\n20001;Traitée;20/01/2024 10:00;Champ énorme;" + field + ";Positif;Bretagne;0;S1;1\n"
        + "20002;Traitée;20/01/2024 10:00;Après le champ énorme;Desc;Positif;Bretagne;0;S1;1\n";
    write(dir.resolve("export-huge-field-2024-01-20.csv"), text.getBytes(StandardCharsets.UTF_8));
  }

  /** A valid export that the test deletes while a run is under way. */
  static Path vanishing(Path dir) {
    Path p = dir.resolve("export-vanishing-2024-01-22.csv");
    write(p, (HEADER + "\n22001;Traitée;22/01/2024 10:00;Disparaît;Desc;Positif;Bretagne;0;S1;1\n")
        .getBytes(StandardCharsets.UTF_8));
    return p;
  }

  static final String UNREADABLE = "export-unreadable-2024-01-21.csv";

  /** A valid export without read permission (chmod 000). */
  static Path unreadable(Path dir) {
    Path p = dir.resolve(UNREADABLE);
    write(p, (HEADER + "\n21001;Traitée;21/01/2024 10:00;Illisible;Desc;Positif;Bretagne;0;S1;1\n")
        .getBytes(StandardCharsets.UTF_8));
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("---------"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  /** Whether this process can read a file it has no permission for (root, or CAP_DAC_OVERRIDE). */
  static boolean permissionsIgnored(Path unreadable) {
    try (var in = Files.newInputStream(unreadable)) {
      in.read();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static void write(Path p, byte[] bytes) {
    try {
      Files.createDirectories(p.getParent());
      Files.write(p, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
