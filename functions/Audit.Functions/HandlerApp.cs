using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Azure.Messaging.EventGrid;
using MlPerfAudit.Azure.Blob;
using MlPerfAudit.Azure.EventGrid;
using MlPerfAudit.Azure.Signing;
using MlPerfAudit.Core.Reports;
using MlPerfAudit.Core.Signing;
using MlPerfAudit.Functions.Auditing;
using MlPerfAudit.Functions.Contract;
using MlPerfAudit.Functions.Gating;
using MlPerfAudit.Functions.Settings;
using MlPerfAudit.Local.Signing;
using NodaTime;

namespace MlPerfAudit.Functions;

/// <summary>The signing key and every public key reviewers may need (current first; retired keys stay so old reports verify).</summary>
/// <param name="Signer">Signs new reports.</param>
/// <param name="PublicKeys">SPKI DER of every key to publish as JWKS.</param>
public sealed record SigningKeys(ISigner Signer, IReadOnlyList<ReadOnlyMemory<byte>> PublicKeys);

/// <summary>Builds the custom handler: settings, clients, and the routes the Functions host calls.</summary>
public static class HandlerApp
{
    /// <summary>The tool identity written into reports.</summary>
    public static ToolInfo Tool { get; } = new("mlperf-audit",
        (typeof(HandlerApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0]);

    /// <summary>The loopback port: <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>, else <c>FUNCTIONS_HTTPWORKER_PORT</c>; null with a message when neither is a port.</summary>
    public static int? Port(Func<string, string?> environment, out string? error)
    {
        ArgumentNullException.ThrowIfNull(environment);
        error = null;
        foreach (var name in new[] { "FUNCTIONS_CUSTOMHANDLER_PORT", "FUNCTIONS_HTTPWORKER_PORT" })
        {
            var text = environment(name);
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535)
            {
                return port;
            }

            error = $"{name}: '{text}' is not a TCP port";
            return null;
        }

        error = "FUNCTIONS_CUSTOMHANDLER_PORT (or FUNCTIONS_HTTPWORKER_PORT) is not set; the Functions host sets it, or set it yourself to run locally";
        return null;
    }

    /// <summary>Opens the signing keys the settings name (local PEM folder, or Key Vault with the managed identity).</summary>
    public static async Task<SigningKeys> OpenKeysAsync(AuditSettings settings, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Signer == "keyvault")
        {
            var signer = await KeyVaultSigner.CreateAsync(settings.KeyVaultOptions(), ct).ConfigureAwait(false);
            return new SigningKeys(signer, [signer.PublicKeySpki]);
        }

        var store = LocalKeyStore.Open(settings.KeyDirectory);
        var local = store.GetOrCreateSigner();
        return new SigningKeys(local, store.PublicKeys());
    }

    /// <summary>Composes the audit environment from validated settings.</summary>
    internal static AuditEnvironment Environment(AuditSettings settings, SigningKeys keys, IClock clock,
        BlobStorageClientOptions? storageClient = null, EventGridPublisherClientOptions? eventClient = null)
        => new(new BlobStorageClient(settings.StorageOptions(storageClient)),
            new ReportPublishedPublisher(settings.EventOptions(eventClient)),
            keys.Signer,
            new HtmlReportRendering(),
            clock,
            settings.BundlesContainer,
            settings.ReportsContainer,
            settings.MaxBundleBytes,
            settings.WorkDirectory,
            Tool)
        {
            MaxAuditTime = settings.MaxAuditTime,
            BaselinesContainer = settings.BaselinesContainer,
            PriorLogBlobs = settings.PriorLogs,
        };

    /// <summary>Where GateClaims finds the published tables, from validated settings.</summary>
    public static GateOptions Gate(AuditSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new GateOptions(settings.BaselinesContainer, settings.GateBaselines);
    }

    /// <summary>Builds the web app bound to 127.0.0.1:<paramref name="port"/> (0 = any free port).</summary>
    /// <param name="env">The audit environment.</param>
    /// <param name="keys">Signing keys.</param>
    /// <param name="port">Loopback port.</param>
    /// <param name="logging">Extra logging configuration.</param>
    /// <param name="gate">Published tables for GateClaims; null means none configured (GateClaims answers 503).</param>
    public static WebApplication Build(AuditEnvironment env, SigningKeys keys, int port, Action<ILoggingBuilder>? logging = null, GateOptions? gate = null)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(keys);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(HandlerApp).Assembly.GetName().Name });
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        logging?.Invoke(builder.Logging);
        builder.Services.AddSingleton(env);
        builder.Services.AddSingleton(keys);
        builder.Services.AddSingleton<UploadAuditService>();
        builder.Services.AddSingleton(gate ?? new GateOptions("baselines", []));
        builder.Services.AddSingleton<ClaimsGateService>();
        var app = builder.Build();

        // The host polls GET / until any response arrives.
        app.MapGet("/", () => Results.Text("mlperf-audit custom handler ready\n"));
        app.MapPost("/" + FunctionContract.OnBundleUploaded, OnBundleUploadedAsync);
        app.MapPost("/" + FunctionContract.GetReport, GetReportAsync);
        app.MapPost("/" + FunctionContract.GetKeys, GetKeys);
        app.MapPost("/" + FunctionContract.GateClaims, GateClaimsAsync);
        return app;
    }

    /// <summary>Creates the containers when missing.</summary>
    public static async Task EnsureContainersAsync(AuditEnvironment env, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(env);
        await env.Store.CreateContainerIfNotExistsAsync(env.BundlesContainer, ct).ConfigureAwait(false);
        await env.Store.CreateContainerIfNotExistsAsync(env.ReportsContainer, ct).ConfigureAwait(false);
    }

    private static async Task<IResult> OnBundleUploadedAsync(HttpRequest http, UploadAuditService service, CancellationToken ct)
    {
        var (invocation, problem) = await ReadInvocationAsync(http, ct).ConfigureAwait(false);
        if (invocation?.Data is null || !invocation.Data.TryGetValue(FunctionContract.EventBinding, out var value))
        {
            // Not a BlobCreated event we can ever use: answer success so Event Grid does not redeliver it forever.
            return Answer(200, [problem ?? $"OnBundleUploaded: Data.{FunctionContract.EventBinding} is missing; event ignored"]);
        }

        var created = BlobCreatedEventParser.TryParse(value, out var error);
        if (created is null)
        {
            return Answer(200, [$"OnBundleUploaded: {error}; event ignored"]);
        }

        try
        {
            var outcome = await service.HandleAsync(created, ct).ConfigureAwait(false);
            return Answer(200, [$"OnBundleUploaded: {outcome.Kind}: {outcome.Message}"]);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Storage or the topic stayed unreachable after retries (or a bug): fail the invocation so Event Grid redelivers.
            return Answer(500, [$"OnBundleUploaded: failed, will be retried: {ex.GetType().Name}: {ex.Message}"]);
        }
    }

    private static async Task<IResult> GetReportAsync(HttpRequest http, AuditEnvironment env, CancellationToken ct)
    {
        var (invocation, problem) = await ReadInvocationAsync(http, ct).ConfigureAwait(false);
        var request = HttpTriggerRequest.From(invocation, FunctionContract.RequestBinding);
        if (request is null)
        {
            return HttpAnswer(400, "text/plain; charset=utf-8", (problem ?? "Data.req is missing") + "\n");
        }

        var id = request.Param("id");
        var part = request.Param("part");
        if (!ReportNames.IsReportId(id))
        {
            return HttpAnswer(400, "text/plain; charset=utf-8", "report ids are the 64 lower-case hex characters of the bundle's SHA-256\n");
        }

        if (part is not null && part is not ("envelope" or "report" or "rendering"))
        {
            return HttpAnswer(404, "text/plain; charset=utf-8", "parts are: report, envelope, rendering\n");
        }

        // Finished means signed: the envelope is written last, so without it there is no report to show.
        var envelope = await env.Store.ReadAllAsync(env.ReportsContainer, ReportNames.Of(id!, ReportNames.Envelope), ct).ConfigureAwait(false);
        if (envelope is null)
        {
            return HttpAnswer(404, "text/plain; charset=utf-8", $"no finished report {id}\n");
        }

        if (part == "envelope")
        {
            return HttpAnswer(200, "application/json", envelope.ToString());
        }

        var wantsRendering = part == "rendering" || (part is null && request.Accepts("text/html"));
        var file = wantsRendering ? env.Rendering.FileName : ReportNames.Report;
        var content = await env.Store.ReadAllAsync(env.ReportsContainer, ReportNames.Of(id!, file), ct).ConfigureAwait(false);
        return content is null
            ? HttpAnswer(404, "text/plain; charset=utf-8", $"no {file} for report {id}\n")
            : HttpAnswer(200, wantsRendering ? env.Rendering.ContentType : "application/json", content.ToString());
    }

    private static async Task<IResult> GateClaimsAsync(HttpRequest http, ClaimsGateService service, CancellationToken ct)
    {
        InvocationRequest? invocation;
        string? problem;
        try
        {
            (invocation, problem) = await ReadInvocationAsync(http, ct).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return HttpAnswer(413, "text/plain; charset=utf-8", "the claims file is too large\n");
        }

        var request = HttpTriggerRequest.From(invocation, FunctionContract.RequestBinding);
        if (request is null)
        {
            return HttpAnswer(400, "text/plain; charset=utf-8", (problem ?? "Data.req is missing") + "\n");
        }

        var body = request.Body();
        if (body.Length == 0)
        {
            return HttpAnswer(400, "text/plain; charset=utf-8", "the request body must be a claims file (JSON, schemas/claims.schema.json)\n");
        }

        try
        {
            var answer = await service.RunAsync(body, "claims.json", ct).ConfigureAwait(false);
            return HttpAnswer(answer.Status, answer.ContentType, answer.Body);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is MlPerfAudit.Azure.Blob.BlobStorageException or HttpRequestException)
        {
            return HttpAnswer(503, "text/plain; charset=utf-8", $"the published tables cannot be read now: {ex.Message}\n");
        }
    }

    private static IResult GetKeys(SigningKeys keys)
        => HttpAnswer(200, "application/jwk-set+json", Encoding.UTF8.GetString(PublicKeyExport.ToJwks(keys.PublicKeys)));

    private static async Task<(InvocationRequest? Request, string? Problem)> ReadInvocationAsync(HttpRequest http, CancellationToken ct)
    {
        try
        {
            var request = await JsonSerializer.DeserializeAsync<InvocationRequest>(http.Body, FunctionContract.Json, ct).ConfigureAwait(false);
            return (request, request is null ? "the invocation body is JSON null" : null);
        }
        catch (JsonException ex)
        {
            return (null, $"the invocation body is not the host's {{Data, Metadata}} JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine}): {ex.Message}");
        }
    }

    private static IResult Answer(int status, IReadOnlyList<string> logs, object? outputs = null)
        => Results.Json(new InvocationResponse(outputs as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>(), logs, null),
            FunctionContract.Json, statusCode: status);

    private static IResult HttpAnswer(int status, string contentType, string body)
        => Answer(200, [$"{status}"], new Dictionary<string, object?>
        {
            [FunctionContract.ResponseBinding] = new HttpOutput(status, new Dictionary<string, string>
            {
                ["Content-Type"] = contentType,
                ["X-Content-Type-Options"] = "nosniff",
            }, body),
        });
}
