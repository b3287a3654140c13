namespace MlPerfAudit.Core.Findings;

public static partial class FindingCatalog
{
    /// <summary>An archive entry's path leaves the bundle root (<c>..</c>, absolute, drive letter).</summary>
    public static readonly FindingDefinition BundleUnsafePath = new("BUN-PATH-001", Severity.Error,
        "Archive entries must stay inside the bundle: no '..', no absolute paths, no drive letters.", AuditInput)
    {
        Message = "{bundle}: entry '{entry}' refused: {reason}",
    };

    /// <summary>BUN-PATH-001: an extracted entry whose full path leaves the work folder.</summary>
    public static readonly FindingMessage BundleOutsideWorkRoot = BundleUnsafePath.Variant("entry '{path}' resolves outside the work root");

    /// <summary>Two archive entries have the same normalized path.</summary>
    public static readonly FindingDefinition BundleDuplicateEntry = new("BUN-PATH-002", Severity.Error,
        "Every archive entry must have a distinct path.", AuditInput)
    {
        Message = "{bundle}: entry '{path}' appears more than once",
    };

    /// <summary>BUN-PATH-002: an entry needs a folder where the archive already put a file.</summary>
    public static readonly FindingMessage BundleFolderIsFile =
        BundleDuplicateEntry.Variant("entry '{path}' needs a folder where the archive already has a file");

    /// <summary>BUN-PATH-002: an entry is a file where the archive already put a folder.</summary>
    public static readonly FindingMessage BundleFileIsFolder =
        BundleDuplicateEntry.Variant("entry '{path}' is a file where the archive already has a folder");

    /// <summary>A link, device or other non-regular entry was skipped.</summary>
    public static readonly FindingDefinition BundleSpecialEntry = new("BUN-PATH-003", Severity.Warning,
        "Links, devices and other special entries are not followed; they are skipped.", AuditInput)
    {
        Message = "Symbolic link '{path}' was not followed.",
    };

    /// <summary>BUN-PATH-003 for a device, pipe or socket.</summary>
    public static readonly FindingMessage BundleSpecialFileSkipped = BundleSpecialEntry.Variant("Special file '{path}' was skipped.");

    /// <summary>BUN-PATH-003 for a symbolic link in a zip archive.</summary>
    public static readonly FindingMessage BundleZipLinkSkipped = BundleSpecialEntry.Variant("Symbolic link '{path}' was skipped.");

    /// <summary>BUN-PATH-003 for a tar entry that is not a regular file (its tar type named).</summary>
    public static readonly FindingMessage BundleTarEntrySkipped =
        BundleSpecialEntry.Variant("{type} entry '{path}' was skipped; only regular files are read.");

    /// <summary>A configured limit (entries, bytes, ratio, line length) was reached.</summary>
    public static readonly FindingDefinition BundleLimitReached = new("BUN-LIM-001", Severity.Error,
        "The bundle must stay within the configured limits on entries, bytes and compression ratio.", AuditInput)
    {
        Message = "{bundle}: expands to more than {limit} bytes, the limit",
    };

    /// <summary>BUN-LIM-001: more files than <see cref="Bundles.BundleLimits.MaxEntries"/>.</summary>
    public static readonly FindingMessage BundleTooManyFiles = BundleLimitReached.Variant("{bundle}: more than {limit} files, the limit");

    /// <summary>BUN-LIM-001: more bytes than <see cref="Bundles.BundleLimits.MaxTotalBytes"/>.</summary>
    public static readonly FindingMessage BundleTooManyBytes = BundleLimitReached.Variant("{bundle}: more than {limit} bytes, the limit");

    /// <summary>BUN-LIM-001: a folder deeper than <see cref="Bundles.BundleLimits.MaxPathDepth"/>.</summary>
    public static readonly FindingMessage BundleTooDeep =
        BundleLimitReached.Variant("{bundle}: folder '{folder}' is nested deeper than {limit} levels, the limit");

    /// <summary>BUN-LIM-001: an archive entry deeper than <see cref="Bundles.BundleLimits.MaxPathDepth"/> (the reason says so).</summary>
    public static readonly FindingMessage BundleEntryTooDeep = BundleLimitReached.Variant("{bundle}: entry '{entry}' refused: {reason}");

    /// <summary>BUN-LIM-001: a tar archive with more entries than <see cref="Bundles.BundleLimits.MaxEntries"/>.</summary>
    public static readonly FindingMessage BundleTooManyEntries = BundleLimitReached.Variant("{bundle}: more than {limit} entries, the limit");

    /// <summary>BUN-LIM-001: a zip archive whose directory lists more entries than the limit.</summary>
    public static readonly FindingMessage BundleZipTooManyEntries =
        BundleLimitReached.Variant("{bundle}: {count} entries, the limit is {limit}");

    /// <summary>BUN-LIM-001: one entry larger than <see cref="Bundles.BundleLimits.MaxEntryBytes"/>.</summary>
    public static readonly FindingMessage BundleEntryTooLarge =
        BundleLimitReached.Variant("{bundle}: entry '{path}' is {length} bytes, the limit is {limit}");

    /// <summary>BUN-LIM-001: a tar.gz expanding more than <see cref="Bundles.BundleLimits.MaxCompressionRatio"/>-fold.</summary>
    public static readonly FindingMessage BundleRatioTooHigh =
        BundleLimitReached.Variant("{bundle}: expands more than {limit}-fold (zip bomb guard)");

    /// <summary>BUN-LIM-001: a zip entry expanding more than <see cref="Bundles.BundleLimits.MaxCompressionRatio"/>-fold.</summary>
    public static readonly FindingMessage BundleEntryRatioTooHigh =
        BundleLimitReached.Variant("{bundle}: entry '{path}' expands {ratio}-fold, the limit is {limit} (zip bomb guard)");

    /// <summary>BUN-LIM-001: more than 1 MiB after the end of a tar inside gzip.</summary>
    public static readonly FindingMessage BundleTarTrailer =
        BundleLimitReached.Variant("{bundle}: more than 1 MiB of data after the end of the tar archive");

    /// <summary>BUN-LIM-001: the tar (or its gzip) cannot be read.</summary>
    public static readonly FindingMessage BundleTarUnreadable = BundleLimitReached.Variant("{bundle}: not a readable tar archive ({error})");

    /// <summary>BUN-LIM-001: the zip cannot be read.</summary>
    public static readonly FindingMessage BundleZipUnreadable = BundleLimitReached.Variant("{bundle}: not a readable zip archive ({error})");

    /// <summary>BUN-LIM-001: one zip entry cannot be opened.</summary>
    public static readonly FindingMessage BundleEntryUnreadable =
        BundleLimitReached.Variant("{bundle}: entry '{path}' cannot be read ({error})");

    /// <summary>BUN-LIM-001: one zip entry's data cannot be inflated (corrupt deflate stream, CRC mismatch).</summary>
    public static readonly FindingMessage BundleEntryDataUnreadable = BundleLimitReached.Variant("entry '{path}' cannot be read ({error})");

    /// <summary>BUN-LIM-001: one zip entry inflates to more bytes than its header declared.</summary>
    public static readonly FindingMessage BundleEntryLongerThanDeclared =
        BundleLimitReached.Variant("entry '{path}' holds more bytes than its declared size of {length}");

    /// <summary>BUN-LIM-001: an uploaded blob larger than the deployment accepts.</summary>
    public static readonly FindingMessage BundleBlobTooLarge =
        BundleLimitReached.Variant("{blob}: {length} bytes is over the {limit}-byte limit of this deployment");

    /// <summary>No MLPerf result folder was found in the bundle.</summary>
    public static readonly FindingDefinition BundleNoResults = new("BUN-LAY-001", Severity.Error,
        "A bundle must hold at least one result folder (<benchmark>/<scenario> with performance or accuracy logs).", AuditInput)
    {
        Message = "No MLPerf result was found in {bundle}.",
    };

    /// <summary>BUN-LAY-001 for an inference audit that found no result folder.</summary>
    public static readonly FindingMessage BundleNoInferenceResults =
        BundleNoResults.Variant("No inference result folder (<benchmark>/<scenario>/performance or accuracy) was found in {bundle}.");

    /// <summary>BUN-LAY-001: the path given does not exist.</summary>
    public static readonly FindingMessage BundleNotFound = BundleNoResults.Variant("{path}: no such file or folder");

    /// <summary>BUN-LAY-001: the path given cannot be read.</summary>
    public static readonly FindingMessage BundleUnreadable = BundleNoResults.Variant("{path}: cannot be read ({error})");

    /// <summary>BUN-LAY-001: a file that is no archive format the tool reads.</summary>
    public static readonly FindingMessage BundleNotAnArchive =
        BundleNoResults.Variant("{path}: not a folder, zip, tar or tar.gz (its first bytes match none of them)");

    /// <summary>A file sits where the submission layout allows none.</summary>
    public static readonly FindingDefinition BundleStrayFile = new("BUN-LAY-002", Severity.Warning,
        "Files outside the submission layout are ignored.", AuditInput)
    {
        Retired = true,
    };
}
