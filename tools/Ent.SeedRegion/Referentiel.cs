namespace Ent.SeedRegion;

/// <summary>The small lists realistic data is drawn from: names, subjects, places.</summary>
internal static class Referentiel
{
    public static readonly string[] Noms =
    [
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
        "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
        "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand",
        "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin",
        "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson",
        "Sanchez", "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Gautier", "Roger",
        "Roche", "Roy", "Noël", "Meyer", "Lucas", "Meunier", "Jean", "Perez", "Marchand", "Dufour",
        "Blanchard", "Marie", "Barbier", "Brun", "Dumas", "Brunet", "Schmitt", "Leroux", "Colin", "Fernandez",
        "Pierre", "Renard", "Arnaud", "Rolland", "Caron", "Aubert", "Giraud", "Leclerc", "Vidal", "Bourgeois",
        "Renaud", "Lemoine", "Picard", "Gaillard", "Philippe", "Leclercq", "Lacroix", "Fabre", "Dupuis", "Olivier",
        "Diallo", "Benali", "Traoré", "Haddad", "Da Silva", "Kowalski", "Cohen", "Mendy", "Ben Salah", "Pereira",
        "Ferreira", "Diop", "Camara", "Yilmaz", "Hamidi", "Tran", "Le Goff", "Le Gall", "Bertin", "Carpentier",
    ];

    public static readonly string[] PrenomsFilles =
    [
        "Léa", "Chloé", "Emma", "Inès", "Jade", "Manon", "Camille", "Sarah", "Lina", "Zoé", "Maëlys", "Anaïs", "Lou",
        "Clara", "Aya", "Louise", "Alice", "Juliette", "Lucie", "Romane", "Ambre", "Mila", "Rose", "Anna", "Eva",
        "Léna", "Nina", "Agathe", "Margaux", "Océane", "Yasmine", "Salomé", "Mathilde", "Justine", "Maya", "Elsa",
    ];

    public static readonly string[] PrenomsGarcons =
    [
        "Hugo", "Lucas", "Nathan", "Louis", "Adam", "Gabriel", "Raphaël", "Arthur", "Yanis", "Enzo", "Mohamed", "Tom",
        "Noah", "Théo", "Sacha", "Jules", "Léo", "Maël", "Paul", "Ethan", "Nolan", "Mathis", "Timéo", "Axel", "Clément",
        "Baptiste", "Antoine", "Rayan", "Ilyes", "Victor", "Martin", "Samuel", "Evan", "Aaron", "Kylian", "Mathéo",
    ];

    public static readonly string[] PrenomsFemmes =
    [
        "Nathalie", "Isabelle", "Sandrine", "Valérie", "Karima", "Céline", "Fatima", "Sophie", "Aurélie", "Linh",
        "Stéphanie", "Virginie", "Caroline", "Émilie", "Julie", "Laetitia", "Christelle", "Sabrina", "Delphine", "Élodie",
        "Nadia", "Myriam", "Hélène", "Anne", "Claire", "Sylvie", "Laurence", "Patricia", "Samia", "Mélanie",
    ];

    public static readonly string[] PrenomsHommes =
    [
        "Philippe", "Stéphane", "Christophe", "Frédéric", "Olivier", "Laurent", "David", "Karim", "Nicolas", "Sébastien",
        "Julien", "Mickaël", "Jérôme", "Cédric", "Fabrice", "Vincent", "Thierry", "Franck", "Arnaud", "Damien",
        "Mehdi", "Rachid", "Pascal", "Éric", "Guillaume", "Benoît", "Samir", "Yann", "Ludovic", "Grégory",
    ];

    /// <summary>A subject of the lycée: code, report-card label, weekly hours, coefficient, report-card rank.</summary>
    internal sealed record Matiere(string Code, string Libelle, int Heures, decimal Coefficient, short Rang);

    public static readonly Matiere Francais = new("FRANCAIS", "Français", 4, 2m, 10);
    public static readonly Matiere Philosophie = new("PHILO", "Philosophie", 4, 2m, 15);

    /// <summary>The eleven subjects every class has besides French (Seconde, Première) or philosophy (Terminale).</summary>
    public static readonly Matiere[] Communes =
    [
        new("MATHS", "Mathématiques", 4, 2m, 20),
        new("HIST_GEO", "Histoire-géographie", 3, 1m, 30),
        new("ANGLAIS", "Anglais LV1", 3, 1m, 40),
        new("ESPAGNOL", "Espagnol LV2", 2, 1m, 45),
        new("PHYS_CHIM", "Physique-chimie", 3, 1m, 50),
        new("SVT", "Sciences de la vie et de la Terre", 2, 1m, 60),
        new("SES", "Sciences économiques et sociales", 2, 1m, 70),
        new("SNT", "Sciences numériques et technologie", 2, 1m, 75),
        new("EPS", "Éducation physique et sportive", 2, 1m, 80),
        new("ARTS", "Arts plastiques", 2, 1m, 85),
        new("EMC", "Enseignement moral et civique", 1, 0.5m, 90),
    ];

    /// <summary>The établissement's subjects (13: every class has 12 of them).</summary>
    public static readonly Matiere[] Matieres = [Francais, Philosophie, .. Communes];

    /// <summary>A class's twelve subjects.</summary>
    public static Matiere[] MatieresDe(string niveau) => [niveau == "terminale" ? Philosophie : Francais, .. Communes];

    public static readonly (string Niveau, string Prefixe, string Libelle, int Naissance)[] Niveaux =
    [
        ("seconde", "2NDE", "Seconde", 0),
        ("premiere", "1G", "Première générale", 1),
        ("terminale", "TG", "Terminale générale", 2),
    ];

    public static readonly string[] TitresEvaluations =
    [
        "Interrogation écrite", "Devoir surveillé", "Devoir maison", "Contrôle de connaissances", "Exposé", "Évaluation commune",
        "Compréhension écrite", "Exercices en classe", "Travaux pratiques", "Fiche de lecture",
    ];

    public static readonly string[] CommentairesNotes =
    [
        "Très bon travail.", "Des progrès, continuez.", "Copie soignée.", "Revoir le chapitre.", "Manque de rigueur.",
        "Attention aux erreurs d'inattention.", "Bonne analyse.", "Travail trop court.",
    ];

    public static readonly string[] Appreciations =
    [
        "Trimestre insuffisant : il faut se mettre au travail et demander de l'aide.",
        "Des difficultés ; un travail plus régulier est nécessaire.",
        "Ensemble satisfaisant ; il faut approfondir les leçons pour progresser.",
        "Bon trimestre, des connaissances solides. Continuez ainsi.",
        "Excellent trimestre : un travail rigoureux et une participation remarquable.",
    ];

    /// <summary>Absence reasons of the national list (VieScolaire's migration 0001), with a weight for full days.</summary>
    public static readonly (string Code, string Libelle, int Poids)[] Motifs =
    [
        ("maladie", "Maladie", 55), ("rendez_vous_medical", "Rendez-vous médical", 15), ("raison_familiale", "Raison familiale", 15),
        ("transport", "Problème de transport", 5), ("convocation", "Convocation officielle (examen, administration)", 5),
        ("autre", "Autre motif (à préciser)", 5),
    ];

    public static readonly string[] RaisonsRefus =
    [
        "Le motif invoqué ne justifie pas l'absence.",
        "Justificatif illisible : merci d'en déposer un nouveau.",
        "Absence non prévenue : prendre rendez-vous avec le CPE.",
    ];

    /// <summary>
    /// A region's départements (Auvergne-Rhône-Alpes) with their académie and a few towns: lycées are spread over them.
    /// </summary>
    public static readonly (string Departement, string Academie, (string Commune, string CodePostal)[] Communes)[] Departements =
    [
        ("001", "Lyon", [("Bourg-en-Bresse", "01000"), ("Oyonnax", "01100"), ("Belley", "01300")]),
        ("003", "Clermont-Ferrand", [("Moulins", "03000"), ("Montluçon", "03100"), ("Vichy", "03200")]),
        ("007", "Grenoble", [("Privas", "07000"), ("Annonay", "07100"), ("Aubenas", "07200")]),
        ("015", "Clermont-Ferrand", [("Aurillac", "15000"), ("Saint-Flour", "15100")]),
        ("026", "Grenoble", [("Valence", "26000"), ("Montélimar", "26200"), ("Romans-sur-Isère", "26100")]),
        ("038", "Grenoble", [("Grenoble", "38000"), ("Vienne", "38200"), ("Voiron", "38500"), ("Bourgoin-Jallieu", "38300")]),
        ("042", "Lyon", [("Saint-Étienne", "42000"), ("Roanne", "42300"), ("Montbrison", "42600")]),
        ("043", "Clermont-Ferrand", [("Le Puy-en-Velay", "43000"), ("Yssingeaux", "43200")]),
        ("063", "Clermont-Ferrand", [("Clermont-Ferrand", "63000"), ("Riom", "63200"), ("Issoire", "63500"), ("Thiers", "63300")]),
        ("069", "Lyon", [("Lyon", "69003"), ("Villeurbanne", "69100"), ("Vénissieux", "69200"), ("Villefranche-sur-Saône", "69400")]),
        ("073", "Grenoble", [("Chambéry", "73000"), ("Albertville", "73200"), ("Aix-les-Bains", "73100")]),
        ("074", "Grenoble", [("Annecy", "74000"), ("Thonon-les-Bains", "74200"), ("Annemasse", "74100")]),
    ];

    public static readonly string[] NomsLycees =
    [
        "Victor Hugo", "Jean Moulin", "Marie Curie", "Jules Ferry", "Louis Pasteur", "Simone Veil", "Jean Jaurès", "Albert Camus",
        "Condorcet", "Voltaire", "George Sand", "Lumière", "Ampère", "Jean Monnet", "Rosa Parks", "Germaine Tillion",
        "Charles de Gaulle", "Honoré d'Urfé", "Blaise Pascal", "Stendhal", "Champollion", "Berthollet", "Claude Bernard",
        "Edgar Quinet", "Lucie Aubrac", "Olympe de Gouges", "Antoine de Saint-Exupéry", "Du Parc", "Les Eaux-Claires", "Du Granier",
    ];

    public static readonly string[] Rues =
    [
        "rue de la République", "avenue Jean Jaurès", "boulevard Gambetta", "rue Victor Hugo", "place de la Liberté",
        "avenue du Général Leclerc", "rue des Écoles", "chemin des Lycéens",
    ];
}
