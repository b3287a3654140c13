using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MlPerfAudit.Functions.Bench;

internal static class Stats
{
    public static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}

internal static class Bundles
{
    public static byte[] Zip(string folder)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var name = "closed/Azure/" + Path.GetRelativePath(folder, file).Replace('\\', '/');
                using var target = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                using var source = File.OpenRead(file);
                source.CopyTo(target);
            }
        }

        return output.ToArray();
    }

    public static byte[] WithNonce(byte[] zipBytes, int n)
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
}

internal static class Processes
{
    public static Process Start(string file, string[] arguments, Dictionary<string, string> env, bool keepStdout = false)
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
        if (!keepStdout)
        {
            process.OutputDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
        }

        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line && line.Contains("mlperf-audit", StringComparison.Ordinal))
            {
                Console.Error.WriteLine(line);
            }
        };
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs the bench's own startup mode; wall time from Process.Start to its "invoked" line, and the child's own in-process time.</summary>
    public static (double Wall, double InProcess) TimeChild(string benchDll, string blobName, Dictionary<string, string> env)
    {
        var clock = Stopwatch.StartNew();
        using var child = Start("dotnet", [benchDll, "startup", blobName], env, keepStdout: true);
        string? line;
        while ((line = child.StandardOutput.ReadLine()) is not null && !line.StartsWith("invoked ", StringComparison.Ordinal))
        {
        }

        var wall = clock.Elapsed.TotalMilliseconds;
        child.WaitForExit();
        if (line is null || child.ExitCode != 0)
        {
            throw new InvalidOperationException($"start-up child exited {child.ExitCode} without invoking");
        }

        return (wall, double.Parse(line["invoked ".Length..], CultureInfo.InvariantCulture));
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static void WaitForPort(int port)
    {
        for (var i = 0; i < 2400; i++)
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
}
