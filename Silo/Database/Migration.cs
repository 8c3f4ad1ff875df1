namespace Enlace.Silo.Database;

/// <summary>One embedded migration script: its number, name, text and SHA-256 checksum.</summary>
public sealed record Migration(int Version, string Name, string Sql, string Checksum);
