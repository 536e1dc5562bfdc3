namespace StapSharp.Tests.Shared;

/// <summary>Files of this repository, found from the test's output folder.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StapSharp.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("StapSharp.sln not found above " + AppContext.BaseDirectory);
    }
}
