namespace Enlace.Grains.Hosting;

/// <summary>Names of the grain storage providers the grains use.</summary>
public static class StorageNames
{
    /// <summary>The ADO.NET (PostgreSQL) storage for all workflow grains.</summary>
    public const string Workflow = "workflow";
}
