using System.Text.RegularExpressions;
using StapSharp.Cli;
using StapSharp.Protocol.StapMessages;
using StapSharp.Runtime.Toolchain;

namespace StapSharp.EndToEnd.Tests.CommandLine;

/// <summary>
/// docs/TROUBLESHOOTING.md has an entry for everything the tool can report (doctor's rows, the runtime's message kinds,
/// the exit codes), and docs/CONCEPTS.md and it link only to files, anchors and headings that exist.
/// </summary>
public sealed partial class DocumentationPageTests
{
    private static readonly string Docs = Path.Combine(CliRunner.RepositoryRoot(), "docs");

    [GeneratedRegex("<a id=\"(?<id>[^\"]+)\"></a>")]
    private static partial Regex Anchor();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^#{1,6} (?<title>.+?)\r?$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\w\s-]")]
    private static partial Regex NotHeadingSlug();

    [GeneratedRegex("(?<=[a-z])(?=[A-Z])")]
    private static partial Regex WordBoundary();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlug();

    public static TheoryData<string> DoctorItems() => [.. StapToolchain.Discover().Report.Items.Select(i => i.Name)];

    public static TheoryData<StapMessageKind> MessageKinds() => [.. Enum.GetValues<StapMessageKind>()];

    public static TheoryData<int> ExitCodeValues() => [.. ExitCodes.Meanings.Select(m => m.Code)];

    public static TheoryData<string> Pages() => ["CONCEPTS.md", "TROUBLESHOOTING.md"];

    [Theory]
    [MemberData(nameof(DoctorItems))]
    public void Every_doctor_row_has_an_entry_with_its_purpose(string name)
    {
        var item = StapToolchain.Discover().Report.Items.Single(i => i.Name == name);

        var row = TroubleshootingEntry("doctor-" + Slug(name));

        Assert.Contains(item.Purpose, Unquoted(row), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(MessageKinds))]
    public void Every_runtime_message_kind_has_an_entry_with_its_advice(StapMessageKind kind)
    {
        var row = TroubleshootingEntry("message-" + WordBoundary().Replace(kind.ToString(), "-").ToLowerInvariant());

        Assert.Contains($"`{kind}`", row, StringComparison.Ordinal);
        // ErrorSummary advises only when probe hits were skipped.
        if (new StapMessage(kind, string.Empty) { SkippedProbeCount = 1 }.Advice is { } advice)
        {
            Assert.Contains(advice, Unquoted(row), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(ExitCodeValues))]
    public void Every_exit_code_has_an_entry_with_its_meaning(int code)
    {
        var meaning = ExitCodes.Meanings.Single(m => m.Code == code).Meaning;

        var row = TroubleshootingEntry($"exit-{code}");

        Assert.Contains($"`{code}` | {meaning} |", row, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_relative_link_points_at_an_existing_file_and_anchor(string page)
    {
        var text = File.ReadAllText(Path.Combine(Docs, page));
        var anchors = Anchors(text);

        var links = Link().Matches(text).Select(m => m.Groups["target"].Value)
            .Where(target => !target.Contains("://", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(links);
        foreach (var target in links)
        {
            var hash = target.IndexOf('#', StringComparison.Ordinal);
            var file = hash < 0 ? target : target[..hash];
            if (file.Length == 0)
            {
                Assert.True(anchors.Contains(target[1..]), $"{page}: {target} names no <a id> in the page");
                continue;
            }

            var path = Path.GetFullPath(Path.Combine(Docs, file));
            Assert.True(File.Exists(path) || Directory.Exists(path), $"{page}: {target} points at nothing ({path})");
            if (hash >= 0)
            {
                Assert.True(Anchors(File.ReadAllText(path)).Contains(target[(hash + 1)..]), $"{page}: {target} names no anchor or heading in {file}");
            }
        }
    }

    [Theory]
    [InlineData("README.md", "docs/CONCEPTS.md")]
    [InlineData("README.md", "docs/TROUBLESHOOTING.md")]
    [InlineData("runtime/StapSharp.Cli/README.md", "docs/CONCEPTS.md")]
    [InlineData("runtime/StapSharp.Cli/README.md", "docs/TROUBLESHOOTING.md")]
    public void The_readmes_link_both_pages(string readme, string page)
    {
        var text = File.ReadAllText(Path.Combine(CliRunner.RepositoryRoot(), readme));

        Assert.Contains(page, text, StringComparison.Ordinal);
    }

    /// <summary>The line of docs/TROUBLESHOOTING.md that holds the anchor <paramref name="id"/>.</summary>
    private static string TroubleshootingEntry(string id)
    {
        var lines = File.ReadAllLines(Path.Combine(Docs, "TROUBLESHOOTING.md"));
        return lines.SingleOrDefault(l => l.Contains($"<a id=\"{id}\"></a>", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"docs/TROUBLESHOOTING.md has no entry <a id=\"{id}\"></a>");
    }

    /// <summary>The page's explicit <c>&lt;a id&gt;</c> anchors and the anchors GitHub gives its headings.</summary>
    private static HashSet<string> Anchors(string text) =>
    [
        .. Anchor().Matches(text).Select(m => m.Groups["id"].Value),
        .. Heading().Matches(text).Select(m => HeadingSlug(Anchor().Replace(m.Groups["title"].Value, string.Empty))),
    ];

    /// <summary>GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens.</summary>
    private static string HeadingSlug(string title) => NotHeadingSlug().Replace(title.Trim().ToLowerInvariant(), string.Empty).Replace(' ', '-');

    private static string Slug(string name) => NotSlug().Replace(name.ToLowerInvariant(), "-").Trim('-');

    /// <summary>The text without Markdown's code quotes, so advice written in code spans still reads as the code's text.</summary>
    private static string Unquoted(string text) => text.Replace("`", string.Empty, StringComparison.Ordinal);
}
