using MlPerfAudit.Core.Signing;
using MlPerfAudit.Local.Signing;
using MlPerfAudit.Tests.Signing;

namespace MlPerfAudit.Local.Tests.Signing;

public sealed class LocalKeyStoreTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string KeyDir => _temp.Combine("nested", "keys");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void GetOrCreateSigner_WhenFolderIsMissing_CreatesOwnerOnlyFolderAndKey()
    {
        using var signer = LocalKeyStore.Open(KeyDir).GetOrCreateSigner();

        var keyFile = Path.Combine(KeyDir, signer.KeyId + LocalKeyStore.KeySuffix);
        Assert.True(File.Exists(keyFile));
        Assert.Equal(KeyIds.Of(signer.PublicKeySpki.Span), signer.KeyId);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(keyFile), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(KeyDir));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(KeyDir, LocalKeyStore.CurrentFileName)));
        }
    }

    [Fact]
    public void GetOrCreateSigner_WhenKeyExists_ReusesItWithoutRewriting()
    {
        string kid;
        using (var first = LocalKeyStore.Open(KeyDir).GetOrCreateSigner())
        {
            kid = first.KeyId;
        }

        var keyFile = Path.Combine(KeyDir, kid + LocalKeyStore.KeySuffix);
        var before = File.ReadAllBytes(keyFile);
        var written = File.GetLastWriteTimeUtc(keyFile);

        using var second = LocalKeyStore.Open(KeyDir).GetOrCreateSigner();

        Assert.Equal(kid, second.KeyId);
        Assert.Equal(before, File.ReadAllBytes(keyFile));
        Assert.Equal(written, File.GetLastWriteTimeUtc(keyFile));
        Assert.Single(Directory.GetFiles(KeyDir, "*" + LocalKeyStore.KeySuffix));
    }

    [Fact]
    public void Rotate_WhenKeyExists_AddsNewCurrentKeyAndKeepsOldOne()
    {
        var store = LocalKeyStore.Open(KeyDir);
        string oldKid;
        using (var old = store.GetOrCreateSigner())
        {
            oldKid = old.KeyId;
        }

        var newKid = store.Rotate();
        using var signer = store.GetOrCreateSigner();

        Assert.NotEqual(oldKid, newKid);
        Assert.Equal(newKid, signer.KeyId);
        Assert.Equal([newKid, oldKid], store.PublicKeys().Select(k => KeyIds.Of(k.Span)));
    }

    [Theory]
    [InlineData(UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.OtherWrite)]
    public void GetOrCreateSigner_WhenKeyFileIsOpenToOthers_Throws(UnixFileMode extra)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var store = LocalKeyStore.Open(KeyDir);
        string kid;
        using (var signer = store.GetOrCreateSigner())
        {
            kid = signer.KeyId;
        }

        var keyFile = Path.Combine(KeyDir, kid + LocalKeyStore.KeySuffix);
        File.SetUnixFileMode(keyFile, File.GetUnixFileMode(keyFile) | extra);

        var ex = Assert.Throws<KeyStoreException>(() => store.GetOrCreateSigner());
        Assert.Contains("chmod 600", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_WhenFolderIsOpenToOthers_Throws()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Directory.CreateDirectory(KeyDir);
        File.SetUnixFileMode(KeyDir,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        Assert.Throws<KeyStoreException>(() => LocalKeyStore.Open(KeyDir));
    }

    [Fact]
    public void Open_WhenPathIsAFile_Throws()
    {
        var file = _temp.Combine("file");
        File.WriteAllText(file, "x");

        Assert.Throws<KeyStoreException>(() => LocalKeyStore.Open(file));
    }

    [Theory]
    [InlineData("not a kid\n")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000\n")]
    public void GetOrCreateSigner_WhenCurrentNamesNoUsableKey_Throws(string current)
    {
        var store = LocalKeyStore.Open(KeyDir);
        File.WriteAllText(Path.Combine(KeyDir, LocalKeyStore.CurrentFileName), current);

        Assert.Throws<KeyStoreException>(() => store.GetOrCreateSigner());
    }

    [Fact]
    public void GetOrCreateSigner_WhenKeyFileHoldsAnotherKey_Throws()
    {
        var store = LocalKeyStore.Open(KeyDir);
        string kid;
        using (var signer = store.GetOrCreateSigner())
        {
            kid = signer.KeyId;
        }

        var other = store.Rotate();
        var keyFile = Path.Combine(KeyDir, kid + LocalKeyStore.KeySuffix);
        File.Delete(keyFile);
        File.Copy(Path.Combine(KeyDir, other + LocalKeyStore.KeySuffix), keyFile);
        File.WriteAllText(Path.Combine(KeyDir, LocalKeyStore.CurrentFileName), kid + "\n");

        Assert.Throws<KeyStoreException>(() => store.GetOrCreateSigner());
    }
}
