using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using MlPerfAudit.Core.Text;

namespace MlPerfAudit.Core.Bundles;

/// <summary>
/// Computes a folder bundle's manifest digest (the same value as <see cref="BundleDigest.OfManifest(IBundle)"/>)
/// while the bundle is audited instead of before: a file the audit reads is hashed in that same read (see
/// <see cref="Bundle"/>), and a background thread hashes the others meanwhile. Every byte of every file is still
/// hashed; only the order of the work changes. Each file's hash is also available by path (<see cref="Sha256Of(string)"/>).
/// </summary>
public sealed class ManifestHasher : IEntryDigests, IDisposable
{
    private const int Unclaimed = 0;
    private const int Claimed = 1;
    private const int Done = 2;

    private readonly IBundle _inner;
    private readonly IReadOnlyList<BundleEntry> _entries;
    private readonly Dictionary<string, int> _slotOf;
    private readonly int[] _state;
    private readonly string?[] _hashes;
    private volatile bool _stop;
    private readonly Thread _background;
    private string? _digest;

    /// <summary>Starts hashing <paramref name="inner"/>'s files on a background thread.</summary>
    /// <param name="inner">A bundle that supports concurrent reads (a folder on disk).</param>
    public ManifestHasher(IBundle inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _entries = inner.Entries;
        _slotOf = new Dictionary<string, int>(_entries.Count, StringComparer.Ordinal);
        for (var i = 0; i < _entries.Count; i++)
        {
            _slotOf[_entries[i].Path] = i;
        }

        _state = new int[_entries.Count];
        _hashes = new string?[_entries.Count];
        Bundle = new HashingBundle(this);
        _background = new Thread(HashInBackground) { IsBackground = true, Name = "manifest hasher" };
        _background.Start();
    }

    /// <summary>The bundle to audit: it reads through to the inner bundle and hashes each file the first time it is read.</summary>
    public IBundle Bundle { get; }

    /// <summary>
    /// The manifest digest. The first call hashes what is still unhashed (on every core), so it returns once every
    /// file has been hashed; later calls return the same value.
    /// </summary>
    public string Digest
    {
        get
        {
            if (_digest is null)
            {
                // The background thread stops after its current file; what it has not reached is hashed on every core.
                StopBackground();
                try
                {
                    Parallel.For(0, _entries.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => Sha256Of(i));
                }
                catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
                {
                    // The file's own error (IOException, ...), as reading it on this thread would have thrown.
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
                }

                _digest = BundleDigest.OfManifest(_entries, Sha256Of);
            }

            return _digest;
        }
    }

    /// <inheritdoc />
    public string? Sha256Of(string path) => _slotOf.TryGetValue(path, out var i) ? Sha256Of(i) : null;

    /// <summary>Stops the background thread (before the inner bundle is disposed) and disposes the inner bundle.</summary>
    public void Dispose()
    {
        StopBackground();
        _inner.Dispose();
    }

    private void StopBackground()
    {
        _stop = true;
        _background.Join();
    }

    /// <summary>
    /// The hash of entry <paramref name="i"/>: the recorded one, or hashed now. A file that another reader is hashing
    /// at this moment is hashed again independently rather than waited for (same bytes, same value, no lock).
    /// </summary>
    private string Sha256Of(int i)
    {
        if (Volatile.Read(ref _hashes[i]) is { } known)
        {
            return known;
        }

        if (Interlocked.CompareExchange(ref _state[i], Claimed, Unclaimed) == Unclaimed)
        {
            return Complete(i, HashFile(i));
        }

        return Volatile.Read(ref _hashes[i]) ?? HashFile(i);
    }

    private string HashFile(int i)
    {
        using var stream = _inner.Open(_entries[i]);
        return BundleDigest.OfStream(stream);
    }

    private string Complete(int i, string hash)
    {
        Volatile.Write(ref _hashes[i], hash);
        Volatile.Write(ref _state[i], Done);
        return hash;
    }

    /// <summary>
    /// Hashes unclaimed files, first those the audit does not read whole (the detail logs are left for the audit to
    /// hash as it parses them), then anything still unclaimed. Stops early on <see cref="Dispose"/>; an I/O error
    /// leaves the file unclaimed, so <see cref="Digest"/> meets the same error on the caller's thread.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void HashInBackground()
    {
        try
        {
            for (var pass = 0; pass < 2; pass++)
            {
                for (var i = 0; i < _entries.Count && !_stop; i++)
                {
                    if ((pass == 1 || !LeftToTheAudit(_entries[i])) && Interlocked.CompareExchange(ref _state[i], Claimed, Unclaimed) == Unclaimed)
                    {
                        try
                        {
                            Complete(i, HashFile(i));
                        }
                        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                        {
                            Volatile.Write(ref _state[i], Unclaimed);
                        }
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            // Leave the rest to Digest, which reports the problem on the caller's thread.
        }
    }

    private static bool LeftToTheAudit(BundleEntry entry) => entry.Path.EndsWith("/mlperf_log_detail.txt", StringComparison.Ordinal);

    /// <summary>Reads through to the inner bundle; the first read of a file feeds its bytes to SHA-256 as they pass.</summary>
    private sealed class HashingBundle(ManifestHasher owner) : IBundle
    {
        public string Name => owner._inner.Name;

        public IReadOnlyList<BundleEntry> Entries => owner._entries;

        public IReadOnlyList<Findings.Finding> OpeningFindings => owner._inner.OpeningFindings;

        public bool SupportsConcurrentReads => owner._inner.SupportsConcurrentReads;

        public IReadOnlyDictionary<string, string> Links => owner._inner.Links;

        public IReadOnlyList<string> EmptyFolders => owner._inner.EmptyFolders;

        public Stream Open(BundleEntry entry)
        {
            var stream = owner._inner.Open(entry);
            return owner._slotOf.TryGetValue(entry.Path, out var i)
                   && Interlocked.CompareExchange(ref owner._state[i], Claimed, Unclaimed) == Unclaimed
                ? new RecordingStream(owner, i, stream)
                : stream;
        }

        public void Dispose() => owner.Dispose();
    }

    /// <summary>Hashes every byte read; when disposed it reads whatever the reader left, so the hash covers the whole file.</summary>
    private sealed class RecordingStream(ManifestHasher owner, int slot, Stream inner) : ObservingReadStream(inner, ownsInner: true)
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private bool _finished;

        protected override void Observe(ReadOnlySpan<byte> chunk) => _hash.AppendData(chunk);

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_finished)
            {
                _finished = true;
                try
                {
                    var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
                    try
                    {
                        while (Read(buffer, 0, buffer.Length) > 0)
                        {
                        }
                    }
                    finally
                    {
                        System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                    }

                    owner.Complete(slot, Convert.ToHexStringLower(_hash.GetHashAndReset()));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Not recorded: the digest hashes the file again and meets the error there.
                    Volatile.Write(ref owner._state[slot], Unclaimed);
                }

                _hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
