using System.Text;
using System.Xml;

namespace Ent.Identite.ImportAaf;

/// <summary>The six kinds of AAF files, in the order an import reads them (structures before the people who use them).</summary>
internal enum TypeAaf
{
    EtabEducNat,
    MatiereEducNat,
    MefEducNat,
    PersEducNat,
    Eleve,
    PersRelEleve,
}

internal enum OperationAaf
{
    Ajout,
    Modification,
    Suppression,
}

/// <summary>
/// One entry of an AAF file: an addRequest, modifyRequest or deleteRequest, its identifier and its attributes (each a
/// list of values, a value with <c>$</c> holding fields). The file and line say where it came from, for the report.
/// </summary>
internal sealed record EntreeAaf(TypeAaf Type, OperationAaf Operation, string Id, string Fichier, int Ligne,
    IReadOnlyDictionary<string, string[]> Attributs)
{
    /// <summary>The attribute's first non-empty value, trimmed, or null.</summary>
    public string? Valeur(string nom) =>
        Attributs.TryGetValue(nom, out var v) ? v.Select(x => x.Trim()).FirstOrDefault(x => x.Length > 0) : null;

    /// <summary>The attribute's non-empty values, trimmed.</summary>
    public IEnumerable<string> Valeurs(string nom) =>
        Attributs.TryGetValue(nom, out var v) ? v.Select(x => x.Trim()).Where(x => x.Length > 0) : [];

    /// <summary>The <c>$</c>-separated fields of each non-empty value.</summary>
    public IEnumerable<string[]> Champs(string nom) => Valeurs(nom).Select(v => v.Split('$'));
}

/// <summary>The whole import is refused, nothing changed: a malformed file, a forbidden construct, a size beyond the limit.</summary>
internal sealed class ImportRefuseException(string message) : Exception(message);

/// <summary>
/// Reads an AAF file entry by entry with an <see cref="XmlReader"/>: never the whole file in memory. DTDs are never
/// processed and no external resource is ever fetched: the files name <c>ficAlimMENESR.dtd</c>, which is not shipped,
/// and an entity (the way to an XXE attack) is refused. The encoding is the XML declaration's (UTF-8 or ISO-8859-15);
/// bytes that do not match it refuse the file.
/// </summary>
internal static class LecteurAaf
{
    static LecteurAaf() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly XmlReaderSettings Reglages = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
        MaxCharactersFromEntities = 0,
    };

    /// <summary>Ensures ISO-8859-15 and the other legacy encodings are known before any file is opened.</summary>
    public static void Preparer() => _ = Reglages;

    public static IEnumerable<EntreeAaf> Lire(Stream source, string fichier, TypeAaf type)
    {
        var flux = new FluxCompte(source);
        // With DTDs ignored, the reader does not even show the DOCTYPE: its internal subset is looked for in the bytes
        // (UTF-8 and ISO-8859-15 write « <!DOCTYPE … [ » alike).
        if (flux.DtdInterne())
        {
            throw new ImportRefuseException(
                $"Le fichier {fichier} déclare une DTD interne (<!DOCTYPE … [ … ]>) : les exports AAF n'en contiennent jamais, " +
                "et une entité déclarée ainsi peut servir à lire des fichiers du serveur (attaque XXE). Import refusé, rien n'a été modifié.");
        }

        using var reader = XmlReader.Create(flux, Reglages);
        var ligne = (IXmlLineInfo)reader;
        var racineVue = false;
        while (true)
        {
            bool encore;
            try
            {
                encore = reader.Read();
            }
            catch (Exception e) when (e is XmlException or DecoderFallbackException)
            {
                throw Illisible(fichier, e, flux);
            }

            if (!encore)
            {
                break;
            }

            if (reader.NodeType == XmlNodeType.DocumentType && !string.IsNullOrWhiteSpace(reader.Value))
            {
                throw new ImportRefuseException(
                    $"Le fichier {fichier} déclare une DTD interne (ligne {ligne.LineNumber}) : les exports AAF n'en contiennent jamais, " +
                    "et une entité déclarée ainsi peut servir à lire des fichiers du serveur (attaque XXE). Import refusé, rien n'a été modifié.");
            }

            if (reader.NodeType == XmlNodeType.EntityReference)
            {
                throw new ImportRefuseException(
                    $"Le fichier {fichier} utilise une entité XML (ligne {ligne.LineNumber}) : refusé (attaque XXE possible), rien n'a été modifié.");
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (!racineVue)
            {
                racineVue = true;
                if (reader.LocalName != "ficAlimMENESR")
                {
                    throw new ImportRefuseException(
                        $"Le fichier {fichier} n'est pas un fichier AAF : son élément racine est « {reader.LocalName} » au lieu de « ficAlimMENESR ». " +
                        "Import refusé, rien n'a été modifié.");
                }

                continue;
            }

            var operation = reader.LocalName switch
            {
                "addRequest" => OperationAaf.Ajout,
                "modifyRequest" => OperationAaf.Modification,
                "deleteRequest" => OperationAaf.Suppression,
                _ => (OperationAaf?)null,
            };
            if (operation is null)
            {
                continue;
            }

            var numero = ligne.LineNumber;
            EntreeAaf entree;
            try
            {
                entree = LireEntree(reader.ReadSubtree(), type, operation.Value, fichier, numero);
            }
            catch (Exception e) when (e is XmlException or DecoderFallbackException)
            {
                throw Illisible(fichier, e, flux);
            }

            yield return entree;
        }

        if (!racineVue)
        {
            throw new ImportRefuseException($"Le fichier {fichier} est vide ou n'est pas du XML. Import refusé, rien n'a été modifié.");
        }
    }

    private static ImportRefuseException Illisible(string fichier, Exception e, FluxCompte flux)
    {
        // An error on the file's last line once it was read to its end: the file stops in the middle of something.
        var tronque = e is XmlException { LineNumber: > 0 } xe && flux.Fin && xe.LineNumber >= flux.Lignes;
        var ou = e is XmlException x && x.LineNumber > 0 ? $" (ligne {x.LineNumber}, colonne {x.LinePosition})" : string.Empty;
        // The parser's messages come in the server's language (English or French): both are recognised.
        var texte = e.Message;
        bool Dit(params string[] mots) => mots.Any(m => texte.Contains(m, StringComparison.OrdinalIgnoreCase));
        var pourquoi = e switch
        {
            DecoderFallbackException => "des octets ne correspondent pas à l'encodage déclaré par l'en-tête XML (UTF-8 ou ISO-8859-15)",
            _ when Dit("encoding", "encodage") => "des octets ne correspondent pas à l'encodage déclaré par l'en-tête XML (UTF-8 ou ISO-8859-15)",
            _ when Dit("entity", "entité") => "il utilise une entité XML non déclarée (les exports AAF n'en contiennent pas ; possible attaque XXE)",
            _ when tronque || Dit("end of file", "fin de fichier", "fin du fichier") => "il est tronqué (la fin du fichier manque)",
            _ => "il n'est pas du XML bien formé",
        };
        return new ImportRefuseException($"Le fichier {fichier} est illisible{ou} : {pourquoi}. Import refusé, rien n'a été modifié. (Analyseur XML : {texte})");
    }

    private static EntreeAaf LireEntree(XmlReader sous, TypeAaf type, OperationAaf operation, string fichier, int ligne)
    {
        using (sous)
        {
            var attributs = new Dictionary<string, string[]>(StringComparer.Ordinal);
            string? id = null;
            string? attribut = null;
            var valeurs = new List<string>();
            var dansIdentifiant = false;
            var dansOperationnels = false;
            // ReadElementContentAsString leaves the reader on the next node already: no Read() after it.
            var lu = sous.Read();
            while (lu)
            {
                var consomme = false;
                switch (sous.NodeType)
                {
                    case XmlNodeType.EntityReference:
                        throw new XmlException("entity reference");
                    case XmlNodeType.Element when sous.LocalName == "identifier":
                        dansIdentifiant = true;
                        break;
                    case XmlNodeType.Element when sous.LocalName == "operationalAttributes":
                        dansOperationnels = !sous.IsEmptyElement;
                        break;
                    case XmlNodeType.EndElement when sous.LocalName == "operationalAttributes":
                        dansOperationnels = false;
                        break;
                    case XmlNodeType.EndElement when sous.LocalName == "identifier":
                        dansIdentifiant = false;
                        break;
                    case XmlNodeType.Element when sous.LocalName == "id" && dansIdentifiant:
                        id = sous.ReadElementContentAsString().Trim();
                        consomme = true;
                        break;
                    case XmlNodeType.Element when sous.LocalName == "attr" && !dansOperationnels:
                        attribut = sous.GetAttribute("name");
                        valeurs.Clear();
                        if (sous.IsEmptyElement && attribut is not null)
                        {
                            attributs[attribut] = [];
                            attribut = null;
                        }

                        break;
                    case XmlNodeType.Element when sous.LocalName == "value" && attribut is not null:
                        valeurs.Add(sous.ReadElementContentAsString());
                        consomme = true;
                        break;
                    case XmlNodeType.EndElement when sous.LocalName == "attr" && attribut is not null:
                        attributs[attribut] = [.. valeurs];
                        attribut = null;
                        break;
                }

                lu = consomme ? !sous.EOF : sous.Read();
            }

            return new EntreeAaf(type, operation, id ?? string.Empty, fichier, ligne, attributs);
        }
    }

    /// <summary>Counts the lines a file had and whether it was read to its end, to tell a truncated file.</summary>
    private sealed class FluxCompte : Stream
    {
        private readonly Stream _interieur;
        private readonly byte[] _debut;
        private int _lusDebut;
        private readonly int _tailleDebut;

        public FluxCompte(Stream interieur)
        {
            _interieur = interieur;
            // The prolog (declaration, DOCTYPE) sits in the first bytes: they are read ahead, then served first.
            _debut = new byte[16 * 1024];
            int n;
            while (_tailleDebut < _debut.Length && (n = interieur.Read(_debut, _tailleDebut, _debut.Length - _tailleDebut)) > 0)
            {
                _tailleDebut += n;
            }
        }

        public bool DtdInterne()
        {
            var debut = _debut.AsSpan(0, _tailleDebut);
            var racine = debut.IndexOf("<ficAlimMENESR"u8);
            debut = racine >= 0 ? debut[..racine] : debut; // the prolog only: text later may say anything
            var doctype = debut.IndexOf("<!DOCTYPE"u8);
            if (doctype < 0)
            {
                return false;
            }

            var reste = debut[doctype..];
            var crochet = reste.IndexOf((byte)'[');
            var fin = reste.IndexOf((byte)'>');
            return crochet >= 0 && (fin < 0 || crochet < fin);
        }

        public int Lignes { get; private set; } = 1;

        public bool Fin { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n;
            if (_lusDebut < _tailleDebut)
            {
                n = Math.Min(count, _tailleDebut - _lusDebut);
                Array.Copy(_debut, _lusDebut, buffer, offset, n);
                _lusDebut += n;
            }
            else
            {
                n = _interieur.Read(buffer, offset, count);
            }

            Fin |= n == 0;
            Lignes += buffer.AsSpan(offset, n).Count((byte)'\n');
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
