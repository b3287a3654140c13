using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MlPerfAudit.Azure.Blob;
using MlPerfAudit.Functions.Tests.Support;

// usage: Audit.Functions.Bench <repo> <handler.dll> <cli.dll> <corpus-folder> [uploads=50] [coldStarts=5]
// Starts Azurite (in memory) and a loopback Event Grid topic, starts the handler process as the Functions host would
// (FUNCTIONS_CUSTOMHANDLER_PORT) and times how long until it answers GET / (cold start), then for each upload: PUT a
// distinct zip of the corpus folder to the bundles container, POST the host's Event Grid invocation, and stop the
// clock when the signed report's envelope is readable. The peer is `mlperf-audit check` on the same zip (local disk).
var repo = args[0];
var handlerDll = args[1];
var cliDll = args[2];
var corpus = args[3];
var uploads = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 50;
var coldStarts = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 5;
const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

var work = Directory.CreateTempSubdirectory("mlperf-audit-bench-");
var azuritePort = FreePort();
using var azurite = Start("node", [Path.Combine(repo, "tests/azurite/node_modules/azurite/dist/src/blob/main.js"), "--blobHost", "127.0.0.1",
    "--blobPort", azuritePort.ToString(CultureInfo.InvariantCulture), "--inMemoryPersistence", "--disableTelemetry", "--silent"], []);
WaitForPort(azuritePort);
var connection = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};BlobEndpoint=http://127.0.0.1:{azuritePort}/devstoreaccount1";
var store = new BlobStorageClient(BlobStorageOptions.FromConnectionString(connection, out _)!);

var sinkPort = FreePort();
var received = 0;
var sinkBuilder = WebApplication.CreateSlimBuilder();
sinkBuilder.Logging.ClearProviders();
sinkBuilder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, sinkPort));
await using var sink = sinkBuilder.Build();
sink.MapPost("/api/events", () => { Interlocked.Increment(ref received); return Results.Ok(); });
await sink.StartAsync();

Dictionary<string, string> HandlerEnv(int port) => new()
{
    ["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(CultureInfo.InvariantCulture),
    ["AUDIT_STORAGE"] = connection,
    ["AUDIT_EVENTGRID_ENDPOINT"] = $"http://127.0.0.1:{sinkPort}/api/events",
    ["AUDIT_EVENTGRID_KEY"] = "bench",
    ["AUDIT_KEY_DIR"] = Path.Combine(work.FullName, "keys"),
    ["Logging__LogLevel__Default"] = "Warning",
};

// Cold start: process start to the first answer on GET / (the host's readiness probe), each a fresh process.
using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
var cold = new List<double>();
Process? handler = null;
var handlerPort = 0;
for (var i = 0; i < coldStarts; i++)
{
    handler?.Kill(entireProcessTree: true);
    handler?.WaitForExit();
    handler?.Dispose();
    handlerPort = FreePort();
    var clock = Stopwatch.StartNew();
    handler = Start("dotnet", [handlerDll], HandlerEnv(handlerPort));
    while (true)
    {
        try
        {
            using var ready = await http.GetAsync(new Uri($"http://127.0.0.1:{handlerPort}/"));
            break;
        }
        catch (HttpRequestException)
        {
            await Task.Delay(5);
        }
    }

    cold.Add(clock.Elapsed.TotalMilliseconds);
}

await store.CreateContainerIfNotExistsAsync("bundles");
await store.CreateContainerIfNotExistsAsync("reports");
var baseZip = Zip(corpus);
var latencies = new List<double>();
for (var i = -1; i < uploads; i++)
{
    var bundle = WithNonce(baseZip, i);
    var name = $"bench/ND_GB200_v6-{i + 1:D3}.zip";
    var clock = Stopwatch.StartNew();
    var put = await store.PutAsync("bundles", name, BinaryData.FromBytes(bundle), "application/zip");
    var gridEvent = HostRequests.BlobCreated(Guid.NewGuid().ToString(), "bundles", name, put.ETag!, bundle.Length, store.BlobUri("bundles", name));
    using var content = new StringContent(HostRequests.EventInvocation(gridEvent), Encoding.UTF8, "application/json");
    using var response = await http.PostAsync(new Uri($"http://127.0.0.1:{handlerPort}/OnBundleUploaded"), content);
    response.EnsureSuccessStatusCode();
    var id = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bundle));
    var envelope = await store.ReadAllAsync("reports", $"{id}/report.dsse.json") ?? throw new InvalidOperationException($"no envelope for upload {i + 1}");
    if (i >= 0)
    {
        latencies.Add(clock.Elapsed.TotalMilliseconds); // upload -1 warms the JIT and is not counted
    }
}

handler!.Kill(entireProcessTree: true);
handler.WaitForExit();

// Peer: the CLI's check on the same bundle, a fresh process each time (audit + sign + write to local disk).
var zipPath = Path.Combine(work.FullName, "ND_GB200_v6.zip");
File.WriteAllBytes(zipPath, baseZip);
var peer = new List<double>();
for (var i = 0; i < 5; i++)
{
    var clock = Stopwatch.StartNew();
    using var cli = Start("dotnet", [cliDll, "check", zipPath, "--out", Path.Combine(work.FullName, "cli-out"), "--key-dir", Path.Combine(work.FullName, "cli-keys")], []);
    cli.WaitForExit();
    if (cli.ExitCode != 0)
    {
        throw new InvalidOperationException($"mlperf-audit check exited {cli.ExitCode}");
    }

    peer.Add(clock.Elapsed.TotalMilliseconds);
}

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
    return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
}

var median = Percentile(latencies, 50);
Console.WriteLine($"bundle: {corpus} as zip, {baseZip.Length} bytes, 4 results; uploads: {latencies.Count}; events received: {received}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"upload-to-report latency: median {median:F1} ms, p99 {Percentile(latencies, 99):F1} ms, min {latencies.Min():F1} ms, max {latencies.Max():F1} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"handler cold start (process start to first GET / answer): median {Percentile(cold, 50):F1} ms over {cold.Count} starts, max {cold.Max():F1} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peer `mlperf-audit check` (fresh process, local disk, signed): median {Percentile(peer, 50):F1} ms over {peer.Count} runs"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio functions-latency-median / mlperf-audit-check-median: {median / Percentile(peer, 50):F2}"));
azurite.Kill(entireProcessTree: true);
azurite.WaitForExit();
work.Delete(recursive: true);
return 0;

static Process Start(string file, string[] arguments, Dictionary<string, string> env)
{
    var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var a in arguments)
    {
        info.ArgumentList.Add(a);
    }

    foreach (var (k, v) in env)
    {
        info.Environment[k] = v;
    }

    var process = Process.Start(info)!;
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line && line.Contains("mlperf-audit", StringComparison.Ordinal)) { Console.Error.WriteLine(line); } };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static void WaitForPort(int port)
{
    for (var i = 0; i < 600; i++)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return;
        }
        catch (SocketException)
        {
            Thread.Sleep(50);
        }
    }

    throw new InvalidOperationException($"nothing listens on {port}");
}

static byte[] Zip(string folder)
{
    using var output = new MemoryStream();
    using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var target = zip.CreateEntry("closed/Azure/" + Path.GetRelativePath(folder, file).Replace('\\', '/'), CompressionLevel.Optimal).Open();
            using var source = File.OpenRead(file);
            source.CopyTo(target);
        }
    }

    return output.ToArray();
}

static byte[] WithNonce(byte[] zipBytes, int n)
{
    using var output = new MemoryStream();
    output.Write(zipBytes);
    output.Position = 0;
    using (var zip = new ZipArchive(output, ZipArchiveMode.Update, leaveOpen: true))
    {
        using var stream = zip.CreateEntry($"closed/Azure/nonce-{n}.txt").Open();
        stream.Write(Encoding.ASCII.GetBytes($"upload {n}\n"));
    }

    return output.ToArray();
}
