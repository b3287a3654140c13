using System.CommandLine;
using System.Text;
using MlPerfAudit.Core.Signing;
using MlPerfAudit.Local.Signing;

namespace MlPerfAudit.Cli.Commands;

/// <summary>
/// <c>mlperf-audit keys export [--jwks] [--key-dir DIR]</c> prints the signing public key (PEM, or a JWKS of every
/// key in the folder with kids); <c>mlperf-audit keys rotate [--key-dir DIR]</c> adds a new current key and keeps
/// the old ones. The key folder is created and its first key generated on first use.
/// </summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var keyDir = new Option<string?>("--key-dir") { Description = $"Key folder (default {LocalKeyStore.DefaultDirectory})." };
        var jwks = new Option<bool>("--jwks") { Description = "Print a JWKS of all keys (current and retired), each with its kid." };

        var export = new Command("export", "Print the public key: PEM of the current key, or a JWKS of all keys.") { keyDir, jwks };
        export.SetAction(parse => (int)Export(
            parse.GetValue(keyDir), parse.GetValue(jwks), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));

        var rotate = new Command("rotate", "Generate a new current signing key; older keys stay for verifying old reports.") { keyDir };
        rotate.SetAction(parse => (int)Rotate(parse.GetValue(keyDir), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));

        return new Command("keys", "Manage the local signing keys.") { export, rotate };
    }

    public static ExitCode Export(string? keyDirectory, bool jwks, TextWriter output, TextWriter error)
    {
        try
        {
            var store = LocalKeyStore.Open(keyDirectory);
            using var signer = store.GetOrCreateSigner();
            output.Write(jwks
                ? Encoding.UTF8.GetString(PublicKeyExport.ToJwks(store.PublicKeys()))
                : PublicKeyExport.ToPem(signer.PublicKeySpki.Span));
            return ExitCode.Ok;
        }
        catch (Exception ex) when (ex is KeyStoreException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"mlperf-audit: keys export: {ex.Message}");
            return ExitCode.InputError;
        }
    }

    public static ExitCode Rotate(string? keyDirectory, TextWriter output, TextWriter error)
    {
        try
        {
            output.WriteLine(LocalKeyStore.Open(keyDirectory).Rotate());
            return ExitCode.Ok;
        }
        catch (Exception ex) when (ex is KeyStoreException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"mlperf-audit: keys rotate: {ex.Message}");
            return ExitCode.InputError;
        }
    }
}
