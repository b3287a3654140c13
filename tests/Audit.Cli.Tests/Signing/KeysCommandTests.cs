using System.Text.Json.Nodes;
using MlPerfAudit.Core.Signing;
using MlPerfAudit.Local.Signing;
using MlPerfAudit.Tests.Signing;

namespace MlPerfAudit.Cli.Tests.Signing;

public sealed class KeysCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string KeyDir => _temp.Combine("keys");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Export_WhenFolderIsNew_GeneratesKeyAndPrintsItsPublicPem()
    {
        var (code, stdout, stderr) = CliHarness.Run("keys", "export", "--key-dir", KeyDir);

        Assert.True(code == 0, stderr);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----\n", stdout, StringComparison.Ordinal);
        var keys = PublicKeySet.TryRead(System.Text.Encoding.ASCII.GetBytes(stdout), out _)!;
        Assert.Equal(LocalKeyStore.Open(KeyDir).CurrentKeyId(), Assert.Single(keys.Keys).KeyId);
    }

    [Fact]
    public void Export_WhenRunTwice_PrintsTheSameKey()
    {
        var first = CliHarness.Run("keys", "export", "--key-dir", KeyDir).Stdout;
        var second = CliHarness.Run("keys", "export", "--key-dir", KeyDir).Stdout;

        Assert.Equal(first, second);
    }

    [Fact]
    public void ExportJwks_WhenKeyWasRotated_ListsCurrentThenRetiredKeyWithKids()
    {
        var oldKid = KeyIds.Of(
            PublicKeySet.TryRead(System.Text.Encoding.ASCII.GetBytes(CliHarness.Run("keys", "export", "--key-dir", KeyDir).Stdout),
            out _)!.Keys[0].Spki.Span);
        var (rotateCode, newKid, _) = CliHarness.Run("keys", "rotate", "--key-dir", KeyDir);

        var (code, stdout, stderr) = CliHarness.Run("keys", "export", "--jwks", "--key-dir", KeyDir);

        Assert.Equal(0, rotateCode);
        Assert.True(code == 0, stderr);
        var keys = JsonNode.Parse(stdout)!["keys"]!.AsArray();
        Assert.Equal([newKid.Trim(), oldKid], keys.Select(k => (string)k!["kid"]!));
        Assert.All(keys, k =>
        {
            Assert.Equal("EC", (string?)k!["kty"]);
            Assert.Equal("P-256", (string?)k["crv"]);
            Assert.Equal("ES256", (string?)k["alg"]);
            Assert.Equal("sig", (string?)k["use"]);
        });
    }

    [Fact]
    public void Export_WhenKeyFolderIsOpenToOthers_ExitsTwo()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Directory.CreateDirectory(KeyDir);
        File.SetUnixFileMode(KeyDir,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);

        var (code, _, stderr) = CliHarness.Run("keys", "export", "--key-dir", KeyDir);

        Assert.Equal(2, code);
        Assert.Contains("chmod 700", stderr, StringComparison.Ordinal);
    }
}
