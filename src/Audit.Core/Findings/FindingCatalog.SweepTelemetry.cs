namespace MlPerfAudit.Core.Findings;

// The sweep audit's telemetry findings (SWP-TEL-*), apart from FindingCatalog.Sweeps.cs for size.
public static partial class FindingCatalog
{
    // ---- Telemetry --------------------------------------------------------------------------

    /// <summary>The SM clock stayed under the throttle threshold on a busy GPU for longer than allowed.</summary>
    public static readonly FindingDefinition SwpTelThrottled = new("SWP-TEL-001", Severity.Warning,
        "On a busy GPU the SM clock should not stay below the throttle threshold (80% of its maximum by default) for 2 s or more.", SweepRule)
    {
        Message = "{label}: GPU {gpu}'s SM clock stayed under {threshold:0} MHz ({ratio:0}% of its {max:0} MHz maximum) for {seconds:0.0} s "
            + "while busy, down to {lowest:0} MHz, from {start} UTC; {cause}.",
    };

    /// <summary>SWP-TEL-001's cause: power at the limit.</summary>
    public static readonly FindingMessage SwpTelThrottledPowerCapping =
        SwpTelThrottled.Variant("power at {percent:0}% of the {limit:0} W limit (power capping)");

    /// <summary>SWP-TEL-001's cause: power under the limit, no temperature known.</summary>
    public static readonly FindingMessage SwpTelThrottledNotPower =
        SwpTelThrottled.Variant("power at {percent:0}% of the {limit:0} W limit, so not power capping");

    /// <summary>SWP-TEL-001's cause: power under the limit, with the highest temperature (°C).</summary>
    public static readonly FindingMessage SwpTelThrottledNotPowerHot =
        SwpTelThrottled.Variant("power at {percent:0}% of the {limit:0} W limit, so not power capping; temperature up to {temperature:0} °C");

    /// <summary>SWP-TEL-001's cause: no power data.</summary>
    public static readonly FindingMessage SwpTelThrottledNoPower = SwpTelThrottled.Variant("cause unknown (no power data)");

    /// <summary>Mean GPU utilization over the measured steps is low.</summary>
    public static readonly FindingDefinition SwpTelLowUtilization = new("SWP-TEL-002", Severity.Warning,
        "Mean GPU utilization over the measured steps should reach the threshold (80% by default).", SweepRule)
    {
        Message = "{label}: mean GPU utilization over the measured steps is {utilization:0.#}% ({samples} samples), under {limit:0.#}%.",
    };

    /// <summary>Telemetry has a gap (a pause much longer than the sample interval) while a configuration ran.</summary>
    public static readonly FindingDefinition SwpTelGap = new("SWP-TEL-003", Severity.Warning,
        "Telemetry should have no gap longer than the gap factor times its median sample interval while a configuration runs.", SweepRule)
    {
        Message = "{label}: GPU {gpu}'s telemetry has no sample for {seconds:0.0#} s ({from} to {to} UTC, median interval {interval:0.0##} s) "
            + "while the run went on.",
    };

    /// <summary>SWP-TEL-003: the telemetry starts after the run did.</summary>
    public static readonly FindingMessage SwpTelGapLateStart =
        SwpTelGap.Variant("{label}: GPU {gpu}'s telemetry starts at {first}, after the run's start {start} UTC.");

    /// <summary>SWP-TEL-003: the telemetry ends before the run did.</summary>
    public static readonly FindingMessage SwpTelGapEarlyEnd =
        SwpTelGap.Variant("{label}: GPU {gpu}'s telemetry ends at {last}, before the run's stop {stop} UTC.");

    /// <summary>
    /// Logs and telemetry disagree in time: no samples in the run, an idle GPU while the log trains, or less memory in use than the
    /// log allocated.
    /// </summary>
    public static readonly FindingDefinition SwpTelDisagree = new("SWP-TEL-004", Severity.Error,
        "Telemetry must show the run: samples inside its time window, a busy GPU during measured steps and at least the memory the log allocated.",
        SweepRule)
    {
        Message = "{label}: the telemetry has no sample of the configuration's GPUs.",
    };

    /// <summary>SWP-TEL-004: the telemetry does not cover the run's time.</summary>
    public static readonly FindingMessage SwpTelDisagreeWindow = SwpTelDisagree.Variant(
        "{label}: the log says the run went from {start} to {stop} UTC, but the telemetry covers {first} to {last} (offset {offset} min); "
        + "logs and telemetry disagree in time.");

    /// <summary>SWP-TEL-004: an idle GPU during measured steps.</summary>
    public static readonly FindingMessage SwpTelDisagreeIdle = SwpTelDisagree.Variant(
        "{label}: the GPU was idle ({utilization:0.#}% mean utilization over {samples} samples) while the log says it ran measured steps; "
        + "logs and telemetry disagree.");

    /// <summary>SWP-TEL-004: less memory in use than the log allocated.</summary>
    public static readonly FindingMessage SwpTelDisagreeMemory = SwpTelDisagree.Variant(
        "{label}: the log allocated up to {peak:0.###} GiB ({peakMiB:0} MiB) but the telemetry shows at most {used:0} MiB in use during the run; "
        + "logs and telemetry disagree.");

    /// <summary>The bundle has no telemetry file.</summary>
    public static readonly FindingDefinition SwpTelMissing = new("SWP-TEL-005", Severity.Warning,
        "A sweep bundle should hold nvidia-smi CSV telemetry; without it utilization, clocks and power are not checked.", SweepRule)
    {
        Message = "The bundle has no telemetry (nvidia-smi CSV: a .csv whose header has timestamp and utilization.gpu, clocks.sm, "
            + "power.draw or memory.used; or DCGM dmon output); utilization, clocks and power were not checked.",
    };

    /// <summary>A telemetry line could not be read.</summary>
    public static readonly FindingDefinition SwpTelParse = new("SWP-TEL-006", Severity.Error,
        "Every telemetry row must have the header's columns, a 'yyyy/MM/dd HH:mm:ss.fff' timestamp and numbers in the header's units "
        + "(nvidia-smi CSV), or one value or N/A per header field after 'GPU <id>' (DCGM dmon).", SweepRule)
    {
        Message = "Telemetry row not read: {reason}.",
    };

    /// <summary>SWP-TEL-006: how many more rows were not read than are reported one by one.</summary>
    public static readonly FindingMessage SwpTelParseMore = SwpTelParse.Variant("{count} more telemetry rows were not read.");

    /// <summary>SWP-TEL-006's reason: a line over the line limit (bytes).</summary>
    public static readonly FindingMessage SwpTelParseLineTooLong = SwpTelParse.Variant("the line is longer than {limit} bytes");

    /// <summary>SWP-TEL-006's reason: a DCGM header repeated with other fields.</summary>
    public static readonly FindingMessage SwpTelParseDcgmHeader =
        SwpTelParse.Variant("a repeated header names other fields ({fields}) than the first ({first})");

    /// <summary>SWP-TEL-006's reason: a DCGM row before the header.</summary>
    public static readonly FindingMessage SwpTelParseDcgmEarlyRow = SwpTelParse.Variant("a row comes before dmon's '#Entity' header");

    /// <summary>SWP-TEL-006's reason: a DCGM row that is not a GPU entity.</summary>
    public static readonly FindingMessage SwpTelParseDcgmEntity =
        SwpTelParse.Variant("'{row}' is not a row of a GPU entity ('GPU <id>' then one value per field)");

    /// <summary>SWP-TEL-006's reason: a DCGM row with the wrong number of values.</summary>
    public static readonly FindingMessage SwpTelParseDcgmValues =
        SwpTelParse.Variant("the row for GPU {gpu} has {count} values but the header names {fields} fields ({names})");

    /// <summary>SWP-TEL-006's reason: a DCGM value that is not a number.</summary>
    public static readonly FindingMessage SwpTelParseDcgmValue = SwpTelParse.Variant("{field} '{cell}' is not a number or N/A");

    /// <summary>SWP-TEL-006's reason: DCGM output without a header.</summary>
    public static readonly FindingMessage SwpTelParseDcgmNoHeader = SwpTelParse.Variant("the file has no '#Entity' header");

    /// <summary>SWP-TEL-006's reason: a CSV header without timestamp.</summary>
    public static readonly FindingMessage SwpTelParseCsvNoTimestamp =
        SwpTelParse.Variant("the header has no 'timestamp' column (query it with --query-gpu=timestamp,...)");

    /// <summary>SWP-TEL-006's reason: a CSV row with the wrong number of cells.</summary>
    public static readonly FindingMessage SwpTelParseCsvCells = SwpTelParse.Variant("the row has {cells} cells but the header has {columns}");

    /// <summary>SWP-TEL-006's reason: an empty CSV file.</summary>
    public static readonly FindingMessage SwpTelParseCsvEmpty = SwpTelParse.Variant("the file is empty (no header)");

    /// <summary>SWP-TEL-006's reason: a time stamp that is not nvidia-smi's.</summary>
    public static readonly FindingMessage SwpTelParseCsvTimestamp =
        SwpTelParse.Variant("timestamp '{cell}' is not nvidia-smi's yyyy/MM/dd HH:mm:ss.fff");

    /// <summary>SWP-TEL-006's reason: a GPU index that is not a number.</summary>
    public static readonly FindingMessage SwpTelParseCsvIndex = SwpTelParse.Variant("index '{cell}' is not a GPU index");

    /// <summary>SWP-TEL-006's reason: a bad cell of a column.</summary>
    public static readonly FindingMessage SwpTelParseCsvField = SwpTelParse.Variant("{field}: {problem}");

    /// <summary>SWP-TEL-006's reason: a cell with another unit than its header.</summary>
    public static readonly FindingMessage SwpTelParseCsvUnit = SwpTelParse.Variant("'{cell}' has unit '{unit}' but the header says '{expected}'");

    /// <summary>SWP-TEL-006's reason: a cell that is not a number.</summary>
    public static readonly FindingMessage SwpTelParseCsvNumber = SwpTelParse.Variant("'{cell}' is not a number");

    /// <summary>The GPU's maximum SM clock or power limit is unknown, so throttling is judged against the highest clock seen.</summary>
    public static readonly FindingDefinition SwpTelLimitsUnknown = new("SWP-TEL-007", Severity.Warning,
        "The GPU's maximum SM clock and power limit should be in the bundle (nvidia-smi clocks.max.sm, power.limit) or the data table.", SweepRule)
    {
        Message = "The maximum SM clock of '{accelerator}' is not in the bundle or the data table; "
            + "throttling is judged against the highest clock seen, {clock} MHz.",
    };

    /// <summary>A log or telemetry file has no times, so telemetry cannot be matched to the configuration.</summary>
    public static readonly FindingDefinition SwpTelNoTime = new("SWP-TEL-008", Severity.Warning,
        "To match telemetry to a configuration, the log needs times (or a start in the sweep manifest) and DCGM dmon output "
        + "a start and interval in the manifest.", SweepRule)
    {
        Message = "{label}: the {format} log has no times and the sweep manifest gives no start for it, so telemetry was not matched to it.",
    };

    /// <summary>SWP-TEL-008 for DCGM dmon output without a start and interval in the manifest.</summary>
    public static readonly FindingMessage SwpTelNoTimeDcgm = SwpTelNoTime.Variant(
        "DCGM dmon output has no time stamps and the sweep manifest gives no start and intervalMs for it; "
        + "it was read but not matched to any configuration.");
}
