using System.Runtime.CompilerServices;

namespace StapSharp.Compiler.Tests.Support;

/// <summary>
/// Snapshot files with Verify's conventions: <c>NAME.verified.stp</c> is the accepted output;
/// a mismatch writes <c>NAME.received.stp</c> beside it and fails. Set STAPSHARP_ACCEPT=1 to
/// accept received output as verified.
/// </summary>
internal static class Snapshot
{
    public static void Verify(string received, string verifiedPath)
    {
        var receivedPath = verifiedPath.Replace(".verified.", ".received.", StringComparison.Ordinal);
        var accept = Environment.GetEnvironmentVariable("STAPSHARP_ACCEPT") == "1";
        if (accept)
        {
            File.WriteAllText(verifiedPath, received);
        }

        var verified = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath) : null;
        if (verified == received)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received);
        Assert.Fail(verified is null
            ? $"No snapshot yet: review {receivedPath} and rename it to {Path.GetFileName(verifiedPath)} (or run with STAPSHARP_ACCEPT=1)."
            : $"Output differs from {verifiedPath}; see {receivedPath} (diff them; accept with STAPSHARP_ACCEPT=1).");
    }

    /// <summary>The repository root: the nearest folder above the calling source file that holds StapSharp.sln.</summary>
    public static string RepositoryRoot([CallerFilePath] string thisFile = "")
    {
        for (var folder = Path.GetDirectoryName(thisFile); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(Path.Combine(folder, "StapSharp.sln")))
            {
                return folder;
            }
        }

        throw new InvalidOperationException($"no StapSharp.sln above {thisFile}");
    }
}
