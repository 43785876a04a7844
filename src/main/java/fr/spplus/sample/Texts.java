package fr.spplus.sample;

import fr.spplus.sample.Referential.Family;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Free text in the voice of the platform: titles, users' descriptions, structures' answers,
 * pseudonyms and the procedures users typed in.
 *
 * <p>Descriptions deliberately contain what breaks naive CSV handling: line breaks, {@code ;},
 * {@code ,} and double quotes, the euro sign, typographic apostrophes, and now and then a character
 * outside the Basic Multilingual Plane (an emoji) that Windows-1252 cannot hold.
 */
final class Texts {

  /** A description never exceeds this many characters (the platform allows 2,000; most are far shorter). */
  static final int MAX_DESCRIPTION = 600;

  enum Tone { NEGATIVE, NEUTRAL, POSITIVE }

  private record Bank(List<String> negativeTitles, List<String> positiveTitles, List<String> neutralTitles,
                      List<String> contexts, List<String> problems, List<String> praises,
                      List<String> answers) {}

  private static final Map<Family, Bank> BANKS = Map.ofEntries(
      Map.entry(Family.CAF, new Bank(
          List.of("Aucune nouvelle de mon dossier depuis {mois} mois",
              "Prime d'activité suspendue sans explication",
              "Trop-perçu réclamé alors que j'ai tout déclaré",
              "Impossible de joindre la CAF par téléphone",
              "Aide au logement toujours pas versée"),
          List.of("Conseillère très à l'écoute, merci !", "Dossier d'aide au logement traité en une semaine",
              "Enfin une réponse claire sur mes droits"),
          List.of("Délai correct mais informations peu claires", "Changement de situation enregistré"),
          List.of("J'ai déposé une demande d'aide au logement le {jour} sur mon espace personnel.",
              "Je suis allocataire depuis {annees} ans et je viens de changer de situation professionnelle.",
              "Suite à la naissance de mon deuxième enfant, j'ai mis à jour ma situation."),
          List.of("Depuis, aucune nouvelle malgré trois relances par la messagerie.",
              "On me réclame un trop-perçu de {montant} sans aucun détail du calcul.",
              "Le versement a été suspendu en attendant des pièces que j'ai déjà envoyées deux fois.",
              "Au téléphone on m'a dit \"votre dossier est en cours\" puis la ligne a coupé.",
              "J'ai passé {minutes} minutes en attente pour finalement tomber sur un répondeur.",
              "Les pièces demandées : avis d'imposition; attestation de loyer; RIB. Tout était déjà dans le dossier."),
          List.of("La conseillère a pris le temps de tout m'expliquer et le dossier a été régularisé.",
              "Le versement est arrivé dès le mois suivant, merci pour la rapidité.",
              "Accueil chaleureux à l'agence, sans rendez-vous et sans attente."),
          List.of("Après vérification, votre dossier a été traité et le versement interviendra à la prochaine échéance.",
              "Le trop-perçu correspond à la régularisation de vos ressources du trimestre ; un échéancier peut vous être proposé.",
              "Nous avons bien reçu vos pièces justificatives et votre droit a été rétabli."))),
      Map.entry(Family.CPAM, new Bank(
          List.of("Feuilles de soins non remboursées depuis {mois} mois", "Carte Vitale jamais reçue",
              "Indemnités journalières toujours pas versées", "Aucune réponse à mes messages sur ameli"),
          List.of("Remboursement rapide et agent très aimable", "Carte Vitale reçue en dix jours, bravo"),
          List.of("Réponse reçue mais délai long", "Informations utiles mais démarche compliquée"),
          List.of("J'ai envoyé mes feuilles de soins papier le {jour}.",
              "Je suis en arrêt de travail depuis le {jour} suite à une opération.",
              "J'ai demandé une nouvelle carte Vitale après un changement d'adresse."),
          List.of("Toujours rien de remboursé, pour un total de {montant}.",
              "Mon employeur a bien transmis l'attestation de salaire mais les indemnités ne sont pas versées.",
              "On m'a répondu : \"il faut attendre\", sans plus d'explication.",
              "Trois messages sur le compte ameli, trois réponses automatiques.",
              "Je dois avancer les frais chaque mois alors que je suis en ALD; ce n'est plus tenable."),
          List.of("Le conseiller a débloqué la situation en une seule fois.",
              "Remboursement reçu en moins d'une semaine.",
              "Explications claires et rendez-vous obtenu rapidement."),
          List.of("Vos feuilles de soins ont été traitées et le remboursement a été effectué sur votre compte.",
              "Vos indemnités journalières ont été mises en paiement ; le premier versement apparaîtra sous 5 jours.",
              "Une nouvelle carte Vitale a été commandée et vous sera adressée à votre nouvelle adresse."))),
      Map.entry(Family.FRANCE_TRAVAIL, new Bank(
          List.of("Radié sans avoir été prévenu", "Allocation non versée depuis {semaines} semaines",
              "Impossible d'avoir un rendez-vous avec mon conseiller", "Actualisation bloquée sur le site"),
          List.of("Conseiller à l'écoute qui m'a aidé à trouver une formation", "Atelier CV très utile"),
          List.of("Inscription faite mais délais longs", "Rendez-vous obtenu après plusieurs relances"),
          List.of("Je suis inscrit depuis le {jour} suite à une fin de contrat.",
              "J'ai fait mon actualisation mensuelle comme chaque mois.",
              "J'ai demandé un rendez-vous avec mon conseiller référent le {jour}."),
          List.of("Mon allocation n'a pas été versée et personne ne sait pourquoi.",
              "J'ai reçu un courrier de radiation pour absence à un rendez-vous dont je n'ai jamais été informé.",
              "Le site affiche \"erreur technique\" à chaque tentative d'actualisation.",
              "Mon conseiller a changé trois fois en six mois, je dois tout réexpliquer à chaque fois.",
              "Il manquerait une attestation employeur, pourtant transmise le {jour}."),
          List.of("Mon conseiller m'a orienté vers une formation qualifiante qui a débouché sur un emploi.",
              "L'atelier était bien organisé et l'animatrice disponible.",
              "Réponse à mon e-mail dans la journée, merci."),
          List.of("Votre situation a été régularisée et le versement de votre allocation a été effectué.",
              "Après vérification, votre radiation a été annulée ; votre conseiller vous recontactera.",
              "Un rendez-vous vous a été proposé avec votre conseiller référent."))),
      Map.entry(Family.PREFECTURE, new Bank(
          List.of("Aucun créneau de rendez-vous disponible depuis {mois} mois", "Récépissé expiré, je risque mon emploi",
              "Dossier de naturalisation sans nouvelles", "File d'attente interminable à l'accueil"),
          List.of("Titre de séjour remis rapidement, merci", "Agent d'accueil très professionnel"),
          List.of("Démarche aboutie mais longue", "Information obtenue à l'accueil"),
          List.of("J'ai déposé ma demande de renouvellement de titre de séjour le {jour}.",
              "Mon récépissé arrive à expiration le {jour}.",
              "J'ai déposé mon dossier de naturalisation il y a {mois} mois."),
          List.of("Impossible d'obtenir un rendez-vous : le site indique toujours \"aucun créneau disponible\".",
              "Sans récépissé, mon employeur ne peut pas prolonger mon contrat.",
              "Les e-mails restent sans réponse; le téléphone ne répond jamais.",
              "J'ai fait la queue dès 6h du matin et on m'a dit de revenir le lendemain.",
              "On m'a demandé des pièces qui ne figurent sur aucune liste officielle."),
          List.of("Mon titre était prêt à la date annoncée et la remise a pris dix minutes.",
              "L'agent a vérifié mon dossier sur place et m'a évité un deuxième déplacement.",
              "Réponse claire à mon e-mail en moins d'une semaine."),
          List.of("Votre demande est en cours d'instruction ; un récépissé vous a été adressé par voie dématérialisée.",
              "Un rendez-vous vous a été attribué ; vous recevrez la convocation par courriel.",
              "Votre titre est disponible, vous pouvez venir le retirer aux horaires d'ouverture."))),
      Map.entry(Family.ANTS, new Bank(
          List.of("Permis de conduire bloqué depuis {mois} mois", "Demande de carte grise en erreur",
              "Aucune réponse du centre de contact"),
          List.of("Permis reçu rapidement", "Démarche en ligne simple et rapide"),
          List.of("Carte grise reçue après relance"),
          List.of("J'ai fait ma demande de permis en ligne le {jour}.",
              "J'ai acheté un véhicule d'occasion et fait la demande de certificat d'immatriculation."),
          List.of("Le dossier est indiqué \"en cours d'instruction\" depuis des semaines.",
              "Le site plante à l'étape du paiement, avec un message d'erreur incompréhensible.",
              "Le chat répond par des messages automatiques sans rapport avec ma question."),
          List.of("Tout s'est fait en ligne en vingt minutes.", "Le permis est arrivé en dix jours."),
          List.of("Votre dossier a été débloqué et transmis pour production ; vous le recevrez sous quinze jours.",
              "Nous avons corrigé l'anomalie de votre demande ; vous pouvez reprendre la démarche en ligne."))),
      Map.entry(Family.SIP, new Bank(
          List.of("Erreur sur mon prélèvement à la source", "Remboursement d'impôt jamais reçu",
              "Taxe foncière réclamée deux fois"),
          List.of("Accueil au centre des impôts excellent", "Réponse précise via la messagerie sécurisée"),
          List.of("Réponse obtenue mais après plusieurs messages"),
          List.of("J'ai déclaré mes revenus en ligne le {jour}.",
              "Suite à un changement de situation, j'ai modifié mon taux de prélèvement."),
          List.of("Le taux appliqué est toujours l'ancien, je paie {montant} de trop chaque mois.",
              "On me réclame une taxe déjà payée, justificatif à l'appui.",
              "La messagerie sécurisée renvoie vers l'accueil, l'accueil renvoie vers la messagerie."),
          List.of("L'agent a corrigé ma déclaration en direct.", "Remboursement reçu sous quinze jours."),
          List.of("Votre taux de prélèvement a été corrigé et le trop-versé vous sera restitué.",
              "Le doublon a été annulé ; aucune somme ne vous sera prélevée."))),
      Map.entry(Family.MAIRIE, new Bank(
          List.of("Aucun rendez-vous pour un passeport avant {mois} mois", "Acte de naissance jamais reçu"),
          List.of("Rendez-vous passeport rapide et agent agréable", "Acte reçu en 48 heures"),
          List.of("Démarche faite, attente longue"),
          List.of("J'ai besoin d'un passeport pour un voyage prévu le {jour}.",
              "J'ai demandé une copie intégrale d'acte de naissance le {jour}."),
          List.of("Le premier créneau proposé est dans {mois} mois.",
              "La demande en ligne a été acceptée mais je n'ai rien reçu."),
          List.of("L'agent a trouvé un créneau annulé pour moi, merci.", "Service efficace et souriant."),
          List.of("Un créneau s'est libéré et vous a été proposé par courriel.",
              "L'acte vous a été adressé de nouveau par courrier."))),
      Map.entry(Family.CONSULAT, new Bank(
          List.of("Transcription de naissance en attente depuis {mois} mois", "Aucun rendez-vous passeport"),
          List.of("Service consulaire réactif", "Passeport délivré rapidement"),
          List.of("Réponse reçue, délai long"),
          List.of("Nous avons déposé la demande de transcription de l'acte de naissance de notre fils le {jour}.",
              "Je réside à l'étranger depuis {annees} ans et mon passeport expire bientôt."),
          List.of("Aucun accusé de réception, aucun numéro de dossier.",
              "Le système de rendez-vous en ligne n'affiche jamais de disponibilité."),
          List.of("L'équipe consulaire a répondu à toutes nos questions.", "Rendez-vous obtenu en une semaine."),
          List.of("La transcription a été effectuée ; l'acte vous sera adressé par voie postale.",
              "Des créneaux supplémentaires ont été ouverts ; nous vous invitons à réserver en ligne."))),
      Map.entry(Family.RETRAITE, new Bank(
          List.of("Pension non versée depuis mon départ en retraite", "Relevé de carrière incomplet"),
          List.of("Départ en retraite bien accompagné", "Conseiller retraite très compétent"),
          List.of("Dossier traité, explications à améliorer"),
          List.of("J'ai déposé ma demande de retraite le {jour}, six mois avant mon départ.",
              "J'ai demandé la régularisation de mon relevé de carrière le {jour}."),
          List.of("Je n'ai perçu aucune pension depuis {mois} mois et je vis sur mes économies.",
              "Plusieurs trimestres manquent alors que j'ai fourni mes bulletins de salaire."),
          List.of("Le conseiller a reconstitué ma carrière en un seul rendez-vous.", "Premier versement à la date prévue."),
          List.of("Votre pension a été mise en paiement avec effet rétroactif à votre date de départ.",
              "Votre relevé de carrière a été régularisé."))),
      Map.entry(Family.URSSAF, new Bank(
          List.of("Cotisations mal calculées", "Majorations de retard injustifiées"),
          List.of("Régularisation rapide de mes cotisations"),
          List.of("Réponse obtenue après relance"),
          List.of("Je suis micro-entrepreneur depuis {annees} ans.",
              "J'ai déclaré mon chiffre d'affaires trimestriel le {jour}."),
          List.of("On me réclame {montant} de cotisations sur un revenu que je n'ai pas perçu.",
              "Des majorations de retard ont été appliquées alors que j'ai payé à temps."),
          List.of("Le conseiller a annulé les majorations dans la semaine."),
          List.of("Les majorations ont été annulées et votre compte est à jour."))),
      Map.entry(Family.MSA, new Bank(
          List.of("Prestations agricoles non versées", "Aucune réponse de la MSA"),
          List.of("Accompagnement MSA exemplaire"),
          List.of("Dossier traité lentement"),
          List.of("Je suis exploitant agricole et j'ai fait une demande de prestation le {jour}."),
          List.of("Sans nouvelles depuis {mois} mois, malgré plusieurs appels."),
          List.of("La conseillère s'est déplacée sur l'exploitation pour m'aider."),
          List.of("Votre dossier a été traité et les prestations vous ont été versées."))));

  private static final List<String> OPENINGS = List.of("Bonjour,", "Bonjour,", "Madame, Monsieur,", "Bonjour",
      "", "", "");
  private static final List<String> NEGATIVE_CLOSINGS = List.of("Merci de faire le nécessaire.",
      "Je suis à bout, merci de m'aider.", "Cordialement.", "J’espère une réponse rapide.",
      "Comment peut-on accepter un tel fonctionnement ?");
  private static final List<String> POSITIVE_CLOSINGS = List.of("Encore merci !", "Bravo à toute l'équipe.",
      "Cordialement.", "Merci à l’agent qui m'a reçu.");
  private static final List<String> NEUTRAL_SENTENCES = List.of(
      "Le délai reste long, mais la réponse est arrivée.",
      "Les informations du site et celles du téléphone ne sont pas tout à fait les mêmes.",
      "Il faudrait indiquer plus clairement les pièces à fournir, par exemple : justificatif de domicile, pièce d'identité, etc.");
  /** Details any long description may add. */
  private static final List<String> DETAILS = List.of(
      "J'ai pourtant suivi toutes les étapes indiquées sur le site.",
      "Je précise que je suis seule avec deux enfants à charge, chaque mois de retard compte.",
      "Mon numéro de dossier figure sur tous mes courriers, je le rappelle à chaque appel.",
      "J'ai dû poser une demi-journée de congé pour me déplacer, sans résultat.",
      "Le conseiller du point France services a lui aussi essayé de joindre le service, sans succès.",
      "On m'a conseillé d'écrire ici en dernier recours.",
      "Je ne comprends pas pourquoi les informations données changent d'un interlocuteur à l'autre.",
      "Ma voisine, dans la même situation, a eu une réponse en quinze jours.");
  private static final List<String> EMOJIS = List.of("\uD83D\uDE21", "\uD83D\uDE4F", "\uD83D\uDE15");

  private static final List<String> FIRST_NAMES = List.of("Sophie", "Karim", "Marie", "Jean-Pierre", "Aïcha",
      "Thomas", "Nathalie", "Mamadou", "Léa", "François", "Chloé", "Nicolas", "Fatima", "Hélène", "Yannick",
      "Inès", "Grégoire", "Maëlle", "Loïc", "Océane");

  private Texts() {}

  static Tone tone(String sentiment) {
    return switch (sentiment) {
      case "Négatif" -> Tone.NEGATIVE;
      case "Positif" -> Tone.POSITIVE;
      default -> Tone.NEUTRAL;
    };
  }

  static String title(Family family, Tone tone, Random r) {
    Bank b = BANKS.get(family);
    List<String> pool = switch (tone) {
      case NEGATIVE -> b.negativeTitles();
      case POSITIVE -> b.positiveTitles();
      case NEUTRAL -> b.neutralTitles();
    };
    return fill(Referential.pick(pool, r), r);
  }

  /** A description of one to six sentences, sometimes on several lines, at most {@link #MAX_DESCRIPTION} chars. */
  static String description(Family family, Tone tone, Random r) {
    Bank b = BANKS.get(family);
    List<String> parts = new ArrayList<>();
    String opening = Referential.pick(OPENINGS, r);
    if (!opening.isEmpty()) {
      parts.add(opening);
    }
    parts.add(fill(Referential.pick(b.contexts(), r), r));
    List<String> body = switch (tone) {
      case NEGATIVE -> b.problems();
      case POSITIVE -> b.praises();
      case NEUTRAL -> NEUTRAL_SENTENCES;
    };
    int sentences = 1 + r.nextInt(tone == Tone.NEGATIVE ? 3 : 2);
    List<String> used = new ArrayList<>();
    for (int i = 0; i < sentences; i++) {
      String s = Referential.pick(body, r);
      if (!used.contains(s)) {
        used.add(s);
        parts.add(fill(s, r));
      }
    }
    if (r.nextDouble() < 0.2) {
      int extra = 2 + r.nextInt(4);
      for (int i = 0; i < extra; i++) {
        String s = Referential.pick(DETAILS, r);
        if (!used.contains(s)) {
          used.add(s);
          parts.add(s);
        }
      }
    }
    if (tone == Tone.NEUTRAL && r.nextBoolean()) {
      parts.add(fill(Referential.pick(b.problems(), r), r));
    }
    if (r.nextDouble() < 0.6) {
      parts.add(Referential.pick(tone == Tone.POSITIVE ? POSITIVE_CLOSINGS : NEGATIVE_CLOSINGS, r));
    }
    String text = join(parts, r);
    if (r.nextDouble() < 0.015) {
      text = text + " " + Referential.pick(EMOJIS, r);
    }
    return cap(text, MAX_DESCRIPTION);
  }

  /** A structure's answer, signed with the structure's name. */
  static String answer(Family family, String structureName, Random r) {
    Bank b = BANKS.get(family);
    String greeting = r.nextBoolean() ? "Bonjour," : "Madame, Monsieur,";
    String core = Referential.pick(b.answers(), r);
    String thanks = r.nextBoolean()
        ? "Nous vous remercions pour votre message et vous prions de nous excuser pour la gêne occasionnée."
        : "Merci d'avoir pris le temps de partager votre expérience.";
    return greeting + "\n" + thanks + "\n" + core + "\nCordialement,\n" + structureName;
  }

  static String pseudonym(Random r) {
    double x = r.nextDouble();
    if (x < 0.1) {
      return "";
    }
    if (x < 0.2) {
      return "usager_" + (1000 + r.nextInt(9000));
    }
    char initial = (char) ('A' + r.nextInt(26));
    return Referential.pick(FIRST_NAMES, r) + " " + initial + ".";
  }

  /** What the user typed as procedures: often empty, sometimes several separated by {@code ;} or a line break. */
  static String proceduresEntered(Family family, Random r) {
    if (r.nextDouble() < 0.55) {
      return "";
    }
    List<Referential.Typology> typologies = Referential.typologies(family);
    String first = Referential.pick(typologies, r).name().toLowerCase(Locale.ROOT);
    if (r.nextDouble() < 0.7) {
      return capitalize(first);
    }
    String second = Referential.pick(typologies, r).name().toLowerCase(Locale.ROOT);
    return capitalize(first) + (r.nextBoolean() ? " ; " : "\n") + capitalize(second);
  }

  private static String join(List<String> parts, Random r) {
    StringBuilder sb = new StringBuilder();
    boolean multiLine = r.nextDouble() < 0.35;
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        if (multiLine) {
          sb.append(i == 1 || r.nextDouble() < 0.3 ? "\n\n" : "\n");
        } else {
          sb.append(' ');
        }
      }
      sb.append(parts.get(i));
    }
    return sb.toString().strip();
  }

  /** Cuts at the last sentence end that fits, so a capped text still reads as sentences. */
  private static String cap(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    String head = text.substring(0, max);
    int cut = Math.max(head.lastIndexOf(". "), head.lastIndexOf(".\n"));
    return cut > 0 ? head.substring(0, cut + 1) : head.strip();
  }

  private static String fill(String template, Random r) {
    String out = template;
    out = out.replace("{mois}", Integer.toString(2 + r.nextInt(7)));
    out = out.replace("{semaines}", Integer.toString(2 + r.nextInt(5)));
    out = out.replace("{annees}", Integer.toString(2 + r.nextInt(12)));
    out = out.replace("{minutes}", Integer.toString(20 + r.nextInt(70)));
    out = out.replace("{montant}", euros(r));
    out = out.replace("{jour}", String.format(Locale.ROOT, "%02d/%02d", 1 + r.nextInt(28), 1 + r.nextInt(12)));
    return out;
  }

  private static String euros(Random r) {
    int cents = 2_000 + r.nextInt(300_000);
    return String.format(Locale.ROOT, "%d,%02d €", cents / 100, cents % 100);
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }
}
