namespace Ent.Kernel.Http;

/// <summary>HttpContext.Items keys a module sets for the host's response headers.</summary>
public static class EnTetes
{
    /// <summary>An origin (scheme://host[:port]) the page's form may lead to, besides 'self'.</summary>
    public const string FormActionSupplementaire = "ent.csp.form-action";
}
