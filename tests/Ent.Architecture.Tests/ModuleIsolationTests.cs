using System.Reflection;
using System.Text.RegularExpressions;
using Ent.Kernel.Modules;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ent.Architecture.Tests;

/// <summary>A module reaches another only through its Contracts, and shows the world one public type.</summary>
public sealed partial class ModuleIsolationTests
{
    private static readonly string Modules = Path.Combine(Http.RepositoryRoot(), "modules");

    public static readonly Assembly[] ModuleAssemblies =
    [
        typeof(Ent.Identite.IdentiteModule).Assembly,
        typeof(Ent.Scolarite.ScolariteModule).Assembly,
        typeof(Ent.VieScolaire.VieScolaireModule).Assembly,
        typeof(Ent.Communication.CommunicationModule).Assembly,
        typeof(Ent.Ressources.RessourcesModule).Assembly,
    ];

    [Fact]
    public void The_five_modules_and_their_contracts_are_all_found()
    {
        var names = ModuleProject.Read(Modules).Select(p => p.Name).Order().ToArray();

        Assert.Equal(
        [
            "Ent.Communication", "Ent.Communication.Contracts", "Ent.Identite", "Ent.Identite.Contracts", "Ent.Kernel",
            "Ent.Ressources", "Ent.Ressources.Contracts", "Ent.Scolarite", "Ent.Scolarite.Contracts",
            "Ent.VieScolaire", "Ent.VieScolaire.Contracts",
        ], names);
    }

    [Fact]
    public void No_project_references_another_module_other_than_through_its_contracts()
    {
        var violations = ModuleProject.Read(Modules).SelectMany(ModuleProject.Violations).ToList();

        Assert.True(violations.Count == 0, "Forbidden project references: " + string.Join(", ", violations));
    }

    [Theory]
    [InlineData("Ent.Scolarite", "Ent.Identite", true)]
    [InlineData("Ent.Scolarite", "Ent.Identite.Contracts", false)]
    [InlineData("Ent.Scolarite.Contracts", "Ent.Identite.Contracts", true)]
    [InlineData("Ent.Kernel", "Ent.Identite.Contracts", true)]
    [InlineData("Ent.Scolarite", "Ent.Kernel", false)]
    public void The_reference_rule_catches_what_it_must(string project, string reference, bool violation)
    {
        Assert.Equal(violation, ModuleProject.Violations(new ModuleProject(project, [reference])).Any());
    }

    [Fact]
    public void Compiled_modules_reference_no_other_module_assembly()
    {
        var moduleNames = ModuleAssemblies.Select(a => a.GetName().Name!).ToHashSet();
        foreach (var assembly in ModuleAssemblies.Concat(ModuleAssemblies.Select(ContractsOf)).Append(typeof(EntModule).Assembly))
        {
            var forbidden = assembly.GetReferencedAssemblies()
                .Select(r => r.Name!)
                .Where(moduleNames.Contains)
                .Where(r => r != assembly.GetName().Name)
                .ToList();
            Assert.True(forbidden.Count == 0, $"{assembly.GetName().Name} references {string.Join(", ", forbidden)}");
        }
    }

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void A_module_exposes_one_public_type_its_entry_point(string name)
    {
        var assembly = ModuleAssemblies.Single(a => a.GetName().Name == name);
        var module = name["Ent.".Length..];

        var exported = assembly.GetExportedTypes();

        var entry = Assert.Single(exported);
        Assert.Equal($"{module}Module", entry.Name);
        Assert.True(entry.IsAbstract && entry.IsSealed, "the entry point is a static class");
        Assert.NotNull(entry.GetMethod($"Add{module}", [typeof(IServiceCollection)]));
        Assert.NotNull(entry.GetMethod($"Map{module}"));
    }

    public static TheoryData<string> Assemblies() => [.. ModuleAssemblies.Select(a => a.GetName().Name!)];

    /// <summary>
    /// The one-off data moves between modules, each named: a migration that takes over another module's table copies its
    /// rows once (modules migrate in registration order, the old owner drops the table in a later migration of its own).
    /// </summary>
    private static readonly HashSet<string> DeplacementsDeDonnees =
    [
        // The timetable moved from VieScolaire to Scolarité (issue 15); VieScolaire's 0005 drops its table.
        "0004_emploi_du_temps.sql: viescolaire.creneau",
        "0004_emploi_du_temps.sql: viescolaire.appel",
    ];

    /// <summary>SQL names other schemas' tables only in the module that owns them (but for the data moves above).</summary>
    [Theory]
    [MemberData(nameof(Assemblies))]
    public void A_module_source_names_no_other_schema(string name)
    {
        var module = name["Ent.".Length..];
        var folder = Path.Combine(Modules, module, name);
        var schema = module.ToLowerInvariant();
        var offending = Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".sql", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => SchemaReference().Matches(File.ReadAllText(f))
                .Where(m => m.Groups["schema"].Value != schema)
                .Select(m => $"{Path.GetFileName(f)}: {m.Value}"))
            .Where(r => !DeplacementsDeDonnees.Contains(r))
            .ToList();

        Assert.True(offending.Count == 0, $"{name} names other schemas: " + string.Join(", ", offending));
    }

    private static Assembly ContractsOf(Assembly module) => Assembly.Load(module.GetName().Name + ".Contracts");

    // OAuth scopes such as "scolarite.read" are names, not tables.
    [GeneratedRegex(@"\b(?<schema>identite|scolarite|viescolaire|communication|ressources)\.(?!read\b|write\b)[a-z_]+\b")]
    private static partial Regex SchemaReference();
}
