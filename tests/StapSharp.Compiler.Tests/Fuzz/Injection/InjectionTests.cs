using System.Text;
using StapSharp.Compiler.Diagnostics;
using StapSharp.Compiler.Tests.Support;
using StapSharp.Tests.Shared;
using Xunit.Abstractions;

namespace StapSharp.Compiler.Tests.Fuzz.Injection;

/// <summary>
/// The hostile corpus (tests/Shared/HostileStrings.cs) at every place user text reaches a script
/// (<see cref="InjectionPlaces"/>). For each value the translator either rejects it with a placed
/// diagnostic, or emits a script that differs from the one for a benign value only where the value
/// is: inside a string literal that reads back as exactly the value (C's reading of stap's
/// literal), or, for names, file names and probe points, without a line more. Then all accepted
/// values of a place go into one program, and stap's parser must see the probes the C# declares.
/// </summary>
public sealed class InjectionTests(ITestOutputHelper output)
{
    /// <summary>Text stap cannot hold: it ends a string at NUL.</summary>
    private static readonly HashSet<string> Unrepresentable = ["nul"];

    /// <summary>Text with no UTF-8 form (lone surrogates): rejected like a NUL (STAP0038).</summary>
    private static readonly HashSet<string> Unencodable = ["lone-high-surrogate", "lone-low-surrogate", "reversed-surrogates"];

    /// <summary>Names that stap's own library or parser already gives a meaning.</summary>
    private static bool IsLibraryName(HostileString name) => name.Name.StartsWith("builtin-", StringComparison.Ordinal) || name.Name.StartsWith("tapset-", StringComparison.Ordinal);

    [StapTheory]
    [InlineData("string literal")]
    [InlineData("string local")]
    [InlineData("global initializer")]
    [InlineData("map key")]
    [InlineData("string comparison")]
    [InlineData("log and error text")]
    [InlineData("script argument default")]
    [InlineData("event string")]
    [InlineData("printf format")]
    [InlineData("sprintf format")]
    [InlineData("interpolated text")]
    [InlineData("probe point string")]
    [InlineData("probe point")]
    [InlineData("probe condition")]
    [InlineData("target variable path")]
    [InlineData("cast type")]
    [InlineData("cast module")]
    [InlineData("kernel version")]
    [InlineData("kernel config name")]
    [InlineData("kernel fact value")]
    [InlineData("alias name")]
    [InlineData("alias point")]
    [InlineData("target parameter")]
    [InlineData("dynamic call name")]
    [InlineData("build condition name")]
    [InlineData("embedded C without guru mode")]
    [InlineData("embedded C in guru mode")]
    [InlineData("file name")]
    public void Hostile_text_reaches_the_script_escaped_or_is_rejected(string place) =>
        Check(InjectionPlaces.Named(place), HostileStrings.All.Where(h => !Unrepresentable.Contains(h.Name) && !Unencodable.Contains(h.Name)).ToList());

    [StapTheory]
    [InlineData("global name")]
    [InlineData("local name")]
    [InlineData("parameter name")]
    [InlineData("function name")]
    [InlineData("macro name")]
    [InlineData("macro parameter name")]
    [InlineData("build condition property name")]
    [InlineData("probe method name")]
    [InlineData("class name")]
    [InlineData("namespace name")]
    [InlineData("event type name")]
    [InlineData("event field name")]
    [InlineData("enum member name")]
    public void Odd_names_are_respelled_or_rejected(string place) =>
        Check(InjectionPlaces.Named(place), HostileStrings.Identifiers.Where(h => !IsLibraryName(h)).ToList());

    [StapFact]
    public void Names_stap_already_has_are_respelled_or_rejected()
    {
        foreach (var place in InjectionPlaces.ForNames)
        {
            Check(place, HostileStrings.Identifiers.Where(IsLibraryName).ToList());
        }
    }

    [StapFact]
    public void Text_stap_cannot_hold_is_rejected()
    {
        foreach (var place in InjectionPlaces.ForText.Where(p => p.Appearance == Appearance.Literal))
        {
            Check(place, HostileStrings.All.Where(h => Unrepresentable.Contains(h.Name) || Unencodable.Contains(h.Name)).ToList());
        }
    }

    [Fact]
    public void Diagnostics_about_hostile_input_print_as_one_line_of_text()
    {
        var problems = new List<string>();
        foreach (var place in InjectionPlaces.ForText.Concat(InjectionPlaces.ForNames))
        {
            foreach (var hostile in HostileStrings.All.Concat(HostileStrings.Identifiers))
            {
                var translation = TranslationChecks.Translate(place.Sources([hostile.Value]));
                foreach (var diagnostic in translation.Output?.Diagnostics ?? [])
                {
                    try
                    {
                        TranslationChecks.AssertPrintable(diagnostic);
                    }
                    catch (TranslationException e)
                    {
                        problems.Add($"{place} / {hostile}: {e.Message}");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(40)));
    }

    private void Check(InjectionPlace place, IReadOnlyList<HostileString> corpus)
    {
        var reference = TranslationChecks.Translate(place.Sources([place.Benign]));
        if (place.Appearance != Appearance.Rejected)
        {
            TranslationChecks.AssertAccepted(reference);
        }

        var problems = new List<string>();
        var accepted = new List<HostileString>();
        foreach (var hostile in corpus)
        {
            var translation = TranslationChecks.Translate(place.Sources([hostile.Value]));
            if (CheckOne(place, hostile, translation, reference) is { } problem)
            {
                problems.Add($"{hostile}: {problem}");
            }
            else if (translation.Accepted)
            {
                accepted.Add(hostile);
            }
        }

        if (accepted.Count > 0 && CheckTogether(place, accepted) is { } together)
        {
            problems.Add($"all {accepted.Count} accepted values together: {together}");
        }

        output.WriteLine($"{place}: {corpus.Count} values, {accepted.Count} accepted and parsed together by stap -p1 ({string.Join(", ", accepted.Take(8))}{(accepted.Count > 8 ? ", ..." : "")}), {corpus.Count - accepted.Count} rejected");
        Assert.True(problems.Count == 0, $"{place}:\n" + string.Join("\n\n", problems));
    }

    /// <summary>One value at the place: null when it is rejected with placed diagnostics, or emitted as the place requires.</summary>
    private static string? CheckOne(InjectionPlace place, HostileString hostile, Translation translation, Translation reference)
    {
        try
        {
            TranslationChecks.AssertNoCrashAndPlacedDiagnostics(translation);
        }
        catch (TranslationException e)
        {
            return e.Message;
        }

        if (!translation.Accepted)
        {
            return null;
        }

        if (place.Appearance == Appearance.Rejected)
        {
            return "accepted, but this place must always be rejected:\n" + Scripts(translation);
        }

        var expected = reference.Output!.Scripts;
        var actual = translation.Output!.Scripts;
        if (actual.Count != expected.Count)
        {
            return $"{actual.Count} scripts where the benign value gives {expected.Count}";
        }

        for (var i = 0; i < actual.Count; i++)
        {
            var problem = place.Appearance == Appearance.Literal
                ? SameButTheLiteral(expected[i].Text, actual[i].Text, place, hostile.Value)
                : SameLines(expected[i].Text, actual[i].Text);
            if (problem is not null)
            {
                return problem + "\n--- script ---\n" + TranslationChecks.Visible(actual[i].Text);
            }
        }

        return null;
    }

    /// <summary>
    /// The script for the hostile value has the reference's code and comments, and its string literals are the
    /// reference's with the benign value replaced: each literal, read as C reads it, holds exactly the value.
    /// </summary>
    private static string? SameButTheLiteral(string reference, string script, InjectionPlace place, string value)
    {
        var expected = StapScriptText.Split(reference);
        var actual = StapScriptText.Split(script);
        if (expected.Count != actual.Count || expected.Zip(actual).Any(p => p.First.Kind != p.Second.Kind || (p.First.Kind != StapTextKind.String && p.First.Text != p.Second.Text)))
        {
            return "the script differs from the benign one outside string literals: the value is not only inside a literal";
        }

        var transform = place.Transform ?? (v => v);
        foreach (var (benign, hostile) in expected.Zip(actual).Where(p => p.First.Kind == StapTextKind.String && p.First.Text != p.Second.Text))
        {
            var wanted = StapScriptText.TextValue(benign.Text)!.Replace(transform(place.Benign), transform(value), StringComparison.Ordinal);
            var got = StapScriptText.TextValue(hostile.Text);
            if (got != wanted)
            {
                return $"the literal {TranslationChecks.Visible(Shorten(hostile.Text))} reads as {(got is null ? "bytes that are no UTF-8 text" : TranslationChecks.Visible(Shorten(CSharpLiteralOf(got))))}, not {TranslationChecks.Visible(Shorten(CSharpLiteralOf(wanted)))}";
            }
        }

        return null;
    }

    /// <summary>For names, probe points and file names: the script has the reference's lines (embedded C aside), no line more or less.</summary>
    private static string? SameLines(string reference, string script)
    {
        static int Lines(string text) => StapScriptText.Split(text).Where(p => p.Kind != StapTextKind.EmbeddedC).Sum(p => p.Text.Count(c => c == '\n'));
        var (expected, actual) = (Lines(reference), Lines(script));
        return expected == actual ? null : $"{actual} lines where the benign value gives {expected}: the value brought line breaks into the script";
    }

    /// <summary>All accepted values in one program: still accepted, and stap -p1 of each script sees the probes the C# declares.</summary>
    private static string? CheckTogether(InjectionPlace place, IReadOnlyList<HostileString> accepted)
    {
        var translation = TranslationChecks.Translate(place.Sources(accepted.Select(h => h.Value).ToList()));
        try
        {
            TranslationChecks.AssertAccepted(translation);
        }
        catch (TranslationException e)
        {
            return "each value is accepted alone, but not together: " + e.Message;
        }

        var scripts = translation.Output!.Scripts;
        var results = StapBatch.OnAllCores(scripts, script => (Script: script, Result: StapTool.Run(script.Text, 1, "injected", place.Guru ? ["-g"] : null)));
        foreach (var (script, (exitCode, dump, stderr)) in results)
        {
            try
            {
                TranslationChecks.AssertNoLibraryNames(script.Text);
                TranslationChecks.AssertWithinStapLimits(script.Text);
            }
            catch (TranslationException e)
            {
                return e.Message;
            }

            if (exitCode != 0)
            {
                return $"stap -p1 rejected the script:\n{stderr}\n--- script ---\n{TranslationChecks.Visible(script.Text)}";
            }
            // "probe never" is the translator's own (it reads globals that are only written), never a declared probe.
            var probes = dump.Split('\n').Count(line => line.StartsWith("probe ", StringComparison.Ordinal) && !line.StartsWith("probe never", StringComparison.Ordinal));
            var wanted = scripts.Count == 1 ? place.Probes(accepted.Count) : 1;
            if (probes != wanted)
            {
                return $"stap sees {probes} probes where the C# declares {wanted}\n--- script ---\n{TranslationChecks.Visible(script.Text)}";
            }
        }

        return null;
    }

    private static string Scripts(Translation translation) => string.Join("\n", translation.Output!.Scripts.Select(s => TranslationChecks.Visible(s.Text)));

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..100] + $"… ({text.Length} characters)";

    private static string CSharpLiteralOf(string text) => Programs.CSharpLiteral.Quote(text);
}
