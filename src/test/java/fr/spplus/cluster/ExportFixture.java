package fr.spplus.cluster;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A tiny export folder (docs/contract.md section 1) for runs on a real cluster: few records, but the
 * shapes whose handling could differ once records are read and transformed in executor JVMs rather
 * than in the driver's: a UTF-8 file with a byte-order mark and quoted line breaks and separators, a
 * Windows-1252 file (Spark's legacy charsets must be on in the executors too), a comma-separated
 * file with an older header spelling, naive Paris times around a DST change, an experience updated by
 * a later snapshot, and one record quarantined (missing ID).
 */
final class ExportFixture {

  /** Experiences in silver after a run on the fixture. */
  static final long EXPERIENCES = 7;
  /** Records quarantined. */
  static final long QUARANTINED = 1;

  private static final List<String> HEADER = List.of("ID expérience", "Etat expérience",
      "Statut de l'expérience", "Écrit le", "Date de publication", "Titre", "Description", "Posté comme",
      "Ressenti usager", "Code INSEE Département usager", "Intitulé département usager", "Intitulé région usager",
      "Code INSEE Région usager", "Pays", "ID typologie 1", "Intitulé Typologie 1", "Canaux Typologie 1",
      "Tags métier typologie 1", "ID structure 1", "Intitulé structure 1", "Statut réponse structure 1",
      "Evaluation utile réponse structure 1 par visiteurs", "Evaluation inutile réponse structure 1 par visiteurs",
      "Evaluation réponse structure 1 par auteur", "ID structure 2", "Intitulé structure 2",
      "Statut réponse structure 2", "Accessibilité", "Relation", "Date de première réponse");

  private ExportFixture() {}

  /** Writes the export files into {@code dir} (created) and returns it. */
  static Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    write(dir.resolve("export-experiences-2024-03-01.csv"), StandardCharsets.UTF_8, true, ';', HEADER, List.of(
        List.of("101", "A traiter", "Expérience en attente de réponse", "28/02/2024 09:15", "01/03/2024 – 10:00",
            "Attente au guichet", "Deux heures d'attente;\npersonne pour \"orienter\" les usagers.",
            "La personne concernée", "Négatif", "75", "Paris", "Île-de-France", "11", "France",
            "T1", "Carte grise", "Accueil, Téléphone", "Délai|Accueil", "S1", "Préfecture de Paris",
            "En attente de réponse", "", "", "", "", "", "", "Négatif", "Négatif", ""),
        List.of("102", "Traitée", "Expérience avec réponse", "2024-02-20T08:00:00+01:00", "2024-02-21 11:30:00",
            "Merci", "Dossier traité vite.", "Un proche de la personne concernée", "Positif", "69", "Rhône",
            "Auvergne-Rhône-Alpes", "84", "France", "T2", "Allocations", "Démarche en ligne", "Simplicité",
            "S2", "CAF du Rhône", "Réponse apportée", "3", "1", "utile", "S1", "Préfecture de Paris",
            "Réponse adoptée", "Positif", "Positif", "22/02/2024 09:00"),
        List.of("103", "Traitées", "Expérience avec action engagée", "", "31/03/2024 02:30", "Heure d'été",
            "Publié pendant le changement d'heure.", "Un agent de médiation", "Neutre", "", "", "", "", "France",
            "T1", "Carte grise", "E-mail;Courrier;E-mail", "", "S1", "Préfecture de Paris", "Réponse apportée",
            "0", "2", "pas utile", "", "", "", "", "Négatif", "01/04/2024 08:00"),
        List.of("", "A traiter", "Expérience en attente de réponse", "", "01/03/2024 12:00", "Sans identifiant",
            "", "", "Neutre", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "")));
    write(dir.resolve("export-experiences-2024-04-02.csv"), Charset.forName("windows-1252"), false, ';', HEADER,
        List.of(
            List.of("101", "Traitée", "Expérience avec réponse", "28/02/2024 09:15", "01/03/2024 10:00",
                "Attente au guichet", "Deux heures d'attente ; réponse reçue depuis.", "La personne concernée",
                "Négatif", "75", "Paris", "Île-de-France", "11", "France", "T1", "Carte grise", "Accueil",
                "Délai", "S1", "Préfecture de Paris", "Réponse apportée", "5", "0", "utile", "", "", "",
                "Négatif", "Positif", "05/03/2024 14:45"),
            List.of("104", "A traiter", "Expérience en attente de réponse", "01/04/2024", "02/04/2024 08:05",
                "Rendez-vous annulé", "Créneau supprimé sans prévenir.", "La personne concernée", "Négatif", "13",
                "Bouches-du-Rhône", "Provence-Alpes-Côte d'Azur", "93", "France", "T3", "Pôle emploi",
                "Téléphone", "Rendez-vous", "S3", "France Travail Marseille", "Réponse en attente de validation",
                "", "", "", "", "", "", "", "Négatif", ""),
            List.of("105", "Traitée", "Expérience avec action réalisée", "15/03/2024 16:20", "16/03/2024 09:00",
                "Accueil téléphonique", "Très bon accueil.", "La personne concernée", "Positif", "33", "Gironde",
                "Nouvelle-Aquitaine", "75", "France", "T2", "Allocations", "Téléphone, Réseaux Sociaux",
                "Accueil", "S2", "CAF de la Gironde", "Réponse apportée", "1", "0", "", "", "", "", "Positif",
                "", "16/03/2024 09:00")));
    List<String> oldHeader = HEADER.stream()
        .map(h -> h.equals("Etat expérience") ? "Etat de l'expérience" : h)
        .toList();
    write(dir.resolve("export_experiences_20240502.csv"), StandardCharsets.UTF_8, false, ',', oldHeader, List.of(
        List.of("106", "A traiter", "Expérience en attente de réponse", "", "2024-05-01T18:00:00Z", "Papiers",
            "Formulaire introuvable, sur le site comme au guichet.", "La personne concernée", "Négatif", "",
            "", "", "", "France", "T1", "Carte grise", "Démarche en ligne", "Formulaire", "S1",
            "Préfecture de Paris", "", "", "", "", "", "", "", "Négatif", "", ""),
        List.of("107", "Traitée", "Expérience avec réponse", "", "30/04/2024 10:00", "Réponse rapide", "Merci.",
            "La personne concernée", "Positif", "69", "Rhône", "Auvergne-Rhône-Alpes", "84", "France", "T2",
            "Allocations", "Accueil", "", "S2", "CAF du Rhône", "Réponse apportée", "2", "", "utile", "", "", "",
            "", "", "30/04/2024 15:30")));
    return dir;
  }

  private static void write(Path file, Charset charset, boolean bom, char separator, List<String> header,
                            List<List<String>> records) throws IOException {
    StringBuilder out = new StringBuilder(bom ? "\uFEFF" : "");
    out.append(line(header, separator));
    for (List<String> r : records) {
      if (r.size() != header.size()) {
        throw new IllegalArgumentException("fixture record has " + r.size() + " fields, header " + header.size());
      }
      out.append(line(r, separator));
    }
    Files.write(file, out.toString().getBytes(charset));
  }

  private static String line(List<String> fields, char separator) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        b.append(separator);
      }
      String f = fields.get(i);
      boolean quote = f.indexOf(separator) >= 0 || f.contains("\"") || f.contains("\n");
      b.append(quote ? '"' + f.replace("\"", "\"\"") + '"' : f);
    }
    return b.append("\r\n").toString();
  }
}
