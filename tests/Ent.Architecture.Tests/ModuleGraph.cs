using System.Xml.Linq;

namespace Ent.Architecture.Tests;

/// <summary>The projects under modules/ and what each references, read from the .csproj files.</summary>
internal sealed record ModuleProject(string Name, IReadOnlyList<string> References)
{
    public bool IsKernel => Name == "Ent.Kernel";

    public bool IsContracts => Name.EndsWith(".Contracts", StringComparison.Ordinal);

    /// <summary>Ent.Identite for Ent.Identite and Ent.Identite.Contracts.</summary>
    public string Module => IsContracts ? Name[..^".Contracts".Length] : Name;

    public static IReadOnlyList<ModuleProject> Read(string modulesFolder) =>
    [
        .. Directory.EnumerateFiles(modulesFolder, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(p => new ModuleProject(
                Path.GetFileNameWithoutExtension(p),
                [.. XDocument.Load(p).Descendants("ProjectReference")
                    .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))])),
    ];

    /// <summary>
    /// The rule, as a pure function so a test can show it catches a violation: the kernel references no module; a
    /// Contracts project references only the kernel; a module references the kernel and Contracts projects only.
    /// </summary>
    public static IEnumerable<string> Violations(ModuleProject project) => project.References
        .Where(reference => !Allowed(project, reference))
        .Select(reference => $"{project.Name} → {reference}");

    private static bool Allowed(ModuleProject project, string reference) =>
        !project.IsKernel &&
        (reference == "Ent.Kernel" || (!project.IsContracts && reference.EndsWith(".Contracts", StringComparison.Ordinal)));
}
