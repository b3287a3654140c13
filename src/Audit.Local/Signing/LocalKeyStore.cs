using System.Security.Cryptography;
using System.Text;
using MlPerfAudit.Core.Signing;

namespace MlPerfAudit.Local.Signing;

/// <summary>
/// A folder of ECDSA P-256 signing keys, the embedded default signer. Each key is a PKCS#8 PEM file named
/// <c>&lt;kid&gt;.key.pem</c>; the file <c>current</c> names the kid that signs. On Unix the folder is created
/// 0700 and files 0600, and a key readable by group or others is refused (as ssh does). A key file is
/// never overwritten: the first use generates one, <see cref="Rotate"/> adds one and keeps the old ones
/// so their reports still verify against <see cref="PublicKeys"/>.
/// </summary>
public sealed class LocalKeyStore
{
    /// <summary>Name of the file holding the current kid.</summary>
    public const string CurrentFileName = "current";

    /// <summary>Suffix of key files.</summary>
    public const string KeySuffix = ".key.pem";

    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private LocalKeyStore(string directory) => Directory = directory;

    /// <summary>Absolute path of the key folder.</summary>
    public string Directory { get; }

    /// <summary>The default folder, <c>~/.mlperf-audit/keys</c>.</summary>
    public static string DefaultDirectory
        => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".mlperf-audit", "keys");

    /// <summary>Opens the folder, creating it (and its parents) owner-only when missing.</summary>
    /// <param name="directory">The key folder; null means <see cref="DefaultDirectory"/>.</param>
    /// <exception cref="KeyStoreException">The path is a file, or the folder is open to group or others.</exception>
    public static LocalKeyStore Open(string? directory = null)
    {
        var path = Path.GetFullPath(directory ?? DefaultDirectory);
        if (File.Exists(path))
        {
            throw new KeyStoreException($"{path}: is a file, expected a key folder");
        }

        if (!System.IO.Directory.Exists(path))
        {
            if (OperatingSystem.IsWindows())
            {
                System.IO.Directory.CreateDirectory(path);
            }
            else
            {
                System.IO.Directory.CreateDirectory(path, OwnerOnlyFolder);
            }
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & GroupOrOther) != 0)
        {
            throw new KeyStoreException($"{path}: key folder is open to group or others; run: chmod 700 '{path}'");
        }

        return new LocalKeyStore(path);
    }

    /// <summary>The signer for the current key, generating the first key when the folder has none.</summary>
    /// <exception cref="KeyStoreException">A key file is unreadable, malformed or open to group or others.</exception>
    public LocalSigner GetOrCreateSigner()
    {
        var kid = CurrentKeyId() ?? CreateFirstKey();
        return new LocalSigner(LoadPrivateKey(kid));
    }

    /// <summary>Generates a new key and makes it current; older keys stay in the folder.</summary>
    /// <returns>The new key id.</returns>
    public string Rotate()
    {
        var kid = WriteNewKey();
        var temp = Path.Combine(Directory, $"{CurrentFileName}.{Guid.NewGuid():N}.tmp");
        WriteNew(temp, Encoding.ASCII.GetBytes(kid + "\n"));
        File.Move(temp, Path.Combine(Directory, CurrentFileName), overwrite: true);
        return kid;
    }

    /// <summary>Every key's public SPKI, the current key first, then the others by kid.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> PublicKeys()
    {
        var current = CurrentKeyId();
        var kids = System.IO.Directory.EnumerateFiles(Directory, "*" + KeySuffix)
            .Select(p => Path.GetFileName(p)[..^KeySuffix.Length])
            .OrderBy(k => k == current ? 0 : 1)
            .ThenBy(k => k, StringComparer.Ordinal);
        var keys = new List<ReadOnlyMemory<byte>>();
        foreach (var kid in kids)
        {
            using var key = LoadPrivateKey(kid);
            keys.Add(key.ExportSubjectPublicKeyInfo());
        }

        return keys;
    }

    /// <summary>The kid named by <c>current</c>, or null when the folder has no key yet.</summary>
    public string? CurrentKeyId()
    {
        var path = Path.Combine(Directory, CurrentFileName);
        if (!File.Exists(path))
        {
            return null;
        }

        var kid = File.ReadAllText(path).Trim();
        if (!IsKeyId(kid))
        {
            throw new KeyStoreException($"{path}: does not hold a key id");
        }

        return kid;
    }

    private string CreateFirstKey()
    {
        var kid = WriteNewKey();
        var temp = Path.Combine(Directory, $"{CurrentFileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            // Written aside, then linked into place without overwriting: a concurrent reader never sees
            // an empty 'current', and of two first-time creators exactly one wins.
            WriteNew(temp, Encoding.ASCII.GetBytes(kid + "\n"));
            File.Move(temp, Path.Combine(Directory, CurrentFileName), overwrite: false);
            return kid;
        }
        catch (IOException) when (File.Exists(Path.Combine(Directory, CurrentFileName)))
        {
            File.Delete(temp);
            // Another process created the first key at the same time; use theirs and keep ours as a spare.
            return CurrentKeyId()!;
        }
    }

    private string WriteNewKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var kid = KeyIds.Of(key.ExportSubjectPublicKeyInfo());
        WriteNew(Path.Combine(Directory, kid + KeySuffix), Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem() + "\n"));
        return kid;
    }

    private ECDsa LoadPrivateKey(string kid)
    {
        var path = Path.Combine(Directory, kid + KeySuffix);
        if (!File.Exists(path))
        {
            throw new KeyStoreException($"{path}: key file named by '{CurrentFileName}' is missing");
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & GroupOrOther) != 0)
        {
            throw new KeyStoreException($"{path}: private key is open to group or others; run: chmod 600 '{path}'");
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
            if (key.KeySize != 256 || KeyIds.Of(key.ExportSubjectPublicKeyInfo()) != kid)
            {
                throw new KeyStoreException($"{path}: is not the P-256 key its name says");
            }

            return key;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new KeyStoreException($"{path}: not a PKCS#8 EC private key ({ex.Message})");
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    private static void WriteNew(string path, byte[] content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        using var stream = new FileStream(path, options);
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }

    private static bool IsKeyId(string text) => text.Length == 64 && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}

/// <summary>The local key folder cannot be used; the message names the path and the fix.</summary>
public sealed class KeyStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KeyStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public KeyStoreException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public KeyStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
