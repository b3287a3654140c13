namespace MlPerfAudit.Core.Findings;

public static partial class FindingCatalog
{
    /// <summary>An archive entry's path leaves the bundle root (<c>..</c>, absolute, drive letter).</summary>
    public static readonly FindingDefinition BundleUnsafePath = new("BUN-PATH-001", Severity.Error,
        "Archive entries must stay inside the bundle: no '..', no absolute paths, no drive letters.", AuditInput);

    /// <summary>Two archive entries have the same normalized path.</summary>
    public static readonly FindingDefinition BundleDuplicateEntry = new("BUN-PATH-002", Severity.Error,
        "Every archive entry must have a distinct path.", AuditInput);

    /// <summary>A link, device or other non-regular entry was skipped.</summary>
    public static readonly FindingDefinition BundleSpecialEntry = new("BUN-PATH-003", Severity.Warning,
        "Links, devices and other special entries are not followed; they are skipped.", AuditInput)
    {
        Message = "Symbolic link '{path}' was not followed.",
    };

    /// <summary>BUN-PATH-003 for a device, pipe or socket.</summary>
    public static readonly FindingMessage BundleSpecialFileSkipped = BundleSpecialEntry.Variant("Special file '{path}' was skipped.");

    /// <summary>A configured limit (entries, bytes, ratio, line length) was reached.</summary>
    public static readonly FindingDefinition BundleLimitReached = new("BUN-LIM-001", Severity.Error,
        "The bundle must stay within the configured limits on entries, bytes and compression ratio.", AuditInput);

    /// <summary>BUN-LIM-001: more files than <see cref="Bundles.BundleLimits.MaxEntries"/>.</summary>
    public static readonly FindingMessage BundleTooManyFiles = BundleLimitReached.Variant("{bundle}: more than {limit} files, the limit");

    /// <summary>BUN-LIM-001: more bytes than <see cref="Bundles.BundleLimits.MaxTotalBytes"/>.</summary>
    public static readonly FindingMessage BundleTooManyBytes = BundleLimitReached.Variant("{bundle}: more than {limit} bytes, the limit");

    /// <summary>BUN-LIM-001: a folder deeper than <see cref="Bundles.BundleLimits.MaxPathDepth"/>.</summary>
    public static readonly FindingMessage BundleTooDeep =
        BundleLimitReached.Variant("{bundle}: folder '{folder}' is nested deeper than {limit} levels, the limit");

    /// <summary>No MLPerf result folder was found in the bundle.</summary>
    public static readonly FindingDefinition BundleNoResults = new("BUN-LAY-001", Severity.Error,
        "A bundle must hold at least one result folder (<benchmark>/<scenario> with performance or accuracy logs).", AuditInput);

    /// <summary>A file sits where the submission layout allows none.</summary>
    public static readonly FindingDefinition BundleStrayFile = new("BUN-LAY-002", Severity.Warning,
        "Files outside the submission layout are ignored.", AuditInput)
    {
        Retired = true,
    };
}
