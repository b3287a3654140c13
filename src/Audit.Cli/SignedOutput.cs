using MlPerfAudit.Local.Files;
using MlPerfAudit.Local.Signing;

namespace MlPerfAudit.Cli;

/// <summary>Writes a report (audit or gate) into its folder, signed with the local key unless --no-sign.</summary>
internal static class SignedOutput
{
    /// <summary>Writes <paramref name="bytes"/> as <paramref name="fileName"/>, through <paramref name="sign"/> when signing.</summary>
    /// <returns>Whether it was written (false after a message on stderr when the key folder cannot be used) and the key id it was signed
    /// with.</returns>
    public static async Task<(bool Written, string? KeyId)> WriteAsync(
        bool signing, string folder, string? keyDirectory, string fileName, byte[] bytes,
        Func<ReportSigningOptions, Task<SignedReportFiles>> sign, TextWriter stderr)
    {
        Directory.CreateDirectory(folder);
        if (!signing)
        {
            AtomicFile.Write(Path.Combine(folder, fileName), bytes);
            return (true, null);
        }

        try
        {
            var signed = await sign(new ReportSigningOptions { OutputDirectory = folder, KeyDirectory = keyDirectory }).ConfigureAwait(false);
            return (true, signed.KeyId);
        }
        catch (KeyStoreException ex)
        {
            stderr.WriteLine($"mlperf-audit: the signing key cannot be used: {ex.Message}");
            return (false, null);
        }
    }
}
