using StapSharp.TapsetGenerator;

// Usage: dotnet run --project tools/StapSharp.TapsetGenerator [-- --check]
// Writes the generated files from the installed stap; with --check, only says whether they are up to date.
var check = args.Contains("--check");
var stap = InstalledStap.Find(out var missing);
if (stap is null)
{
    Console.Error.WriteLine(missing);
    return 2;
}

var root = GeneratedFiles.FindRepositoryRoot(AppContext.BaseDirectory) ?? GeneratedFiles.FindRepositoryRoot(Environment.CurrentDirectory);
if (root is null)
{
    Console.Error.WriteLine("run it inside the repository (StapSharp.sln not found above the working directory)");
    return 2;
}

var stale = 0;
foreach (var (path, text) in GeneratedFiles.Generate(root, stap))
{
    var file = Path.Combine(root, path);
    var current = File.Exists(file) ? File.ReadAllText(file) : null;
    if (current == text)
    {
        continue;
    }

    stale++;
    Console.WriteLine(check ? $"{path} is out of date" : $"wrote {path}");
    if (!check)
    {
        File.WriteAllText(file, text);
    }
}

return check && stale > 0 ? 1 : 0;
