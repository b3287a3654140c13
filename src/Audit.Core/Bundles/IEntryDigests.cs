namespace MlPerfAudit.Core.Bundles;

/// <summary>Each file's SHA-256 by path, as computed for the bundle digest, so later checks need not hash again.</summary>
public interface IEntryDigests
{
    /// <summary>Lower-case hex SHA-256 of the file at <paramref name="path"/>, or null when the bundle has no such file.</summary>
    string? Sha256Of(string path);
}
