using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MlPerfAudit.Functions.Tests.Support;

/// <summary>A loopback Event Grid topic: Kestrel on a free port that records every CloudEvent posted with the right key.</summary>
internal sealed class EventGridSink : IAsyncDisposable
{
    public const string Key = "sink-access-key";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<JsonElement> _events = new();

    private EventGridSink(WebApplication app, int port)
    {
        _app = app;
        Endpoint = new Uri($"http://127.0.0.1:{port}/api/events");
    }

    public Uri Endpoint { get; }

    public IReadOnlyList<JsonElement> Events => [.. _events];

    public static async Task<EventGridSink> StartAsync()
    {
        var port = Azurite.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var sink = new EventGridSink(app, port);
        app.MapPost("/api/events", async (HttpRequest request) =>
        {
            if (request.Headers["aeg-sas-key"] != Key)
            {
                return Results.StatusCode(401);
            }

            using var document = await JsonDocument.ParseAsync(request.Body);
            foreach (var element in document.RootElement.EnumerateArray())
            {
                sink._events.Enqueue(element.Clone());
            }

            return Results.Ok();
        });
        await app.StartAsync();
        return sink;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
