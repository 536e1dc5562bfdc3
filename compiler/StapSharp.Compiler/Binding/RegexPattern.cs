using System.Text;
using System.Text.RegularExpressions;

namespace StapSharp.Compiler.Binding;

/// <summary>
/// A .NET regular expression as stap's regex compiler (POSIX extended, stapregex-parse.cxx) would read it. The two
/// share literals, <c>[...]</c>, <c>( )</c>, <c>(?: )</c>, <c>|</c>, <c>* + ?</c>, <c>{n,m}</c>, <c>^</c>, <c>$</c> and
/// escaped punctuation; the pattern is kept to that subset, and the first construct outside it is a problem at its
/// offset with what to write instead. The one rewrite: .NET's <c>.</c> skips a line end, stap's does not, so it
/// becomes <c>[^\n]</c>. The pattern reaches stap's literal as its value: the printer escapes it, and stap's regex
/// compiler unescapes it again.
/// </summary>
internal static class RegexPattern
{
    /// <summary>POSIX's RE_DUP_MAX. stap builds one state per repeated step; far below its own limit (12344) it exhausts memory.</summary>
    public const int MaxRepetition = 255;

    /// <summary>The pattern as stap should read it, or the first construct that means something else there.</summary>
    public readonly record struct Translation(string? Stap, int Offset, string? Problem);

    public static Translation Translate(string pattern)
    {
        try
        {
            // The C# must be a valid .NET pattern first: what .NET rejects would throw where the C# ran.
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (RegexParseException e)
        {
            return Fail(e.Offset > 0 ? e.Offset - 1 : 0, $"this is not a valid regular expression ({e.Error}): fix the pattern");
        }
        catch (ArgumentException e)
        {
            return Fail(0, $"this is not a valid regular expression: {e.Message}");
        }

        return new Walker(pattern).Run();
    }

    private static Translation Fail(int offset, string problem) => new(null, offset, problem);

    private enum Atom
    {
        None,
        Anchor,
        Other,
    }

    private sealed class Walker(string pattern)
    {
        private readonly StringBuilder _stap = new(pattern.Length);
        private int _i;
        private Atom _last = Atom.None;

        public Translation Run()
        {
            while (_i < pattern.Length)
            {
                var c = pattern[_i];
                var problem = c switch
                {
                    > (char)0x7f => NonAscii(c),
                    '\\' => EscapeProblem(pattern[_i + 1], inClass: false) ?? Append(pattern.Substring(_i, 2), 2, Atom.Other),
                    '[' => Class(),
                    '(' => Group(),
                    '*' or '+' or '?' => Quantifier(1),
                    '{' => Brace(),
                    '.' => Append("[^\n]", 1, Atom.Other),
                    '^' or '$' => Append(c.ToString(), 1, Atom.Anchor),
                    ')' => Append(")", 1, Atom.Other),
                    '|' => Append("|", 1, Atom.None),
                    _ => Append(c.ToString(), 1, Atom.Other),
                };
                if (problem is not null)
                {
                    return Fail(_i, problem);
                }
            }

            return new Translation(_stap.ToString(), 0, null);
        }

        private static string NonAscii(char c) =>
            $"stap's regex compiler cannot take a character outside ASCII ('{c}'; stap 4.8 crashes on one): "
            + "find the text with IsInStr(s, \"...\") or StrPos(s, \"...\"), or match it with a class of ASCII characters such as [^a-z]";

        private string? Append(string stap, int length, Atom atom)
        {
            _stap.Append(stap);
            _i += length;
            _last = atom;
            return null;
        }

        /// <summary>
        /// <c>\x</c>: escaped punctuation is itself in both (null); an escaped letter or digit is a class, an anchor or a
        /// control character in .NET and the plain letter in stap.
        /// </summary>
        private static string? EscapeProblem(char e, bool inClass)
        {
            if (e > 0x7f)
            {
                return NonAscii(e);
            }

            if (!char.IsAsciiLetterOrDigit(e) && e != '_')
            {
                return null;
            }

            var instead = e switch
            {
                'd' => "[0-9]",
                'D' => "[^0-9]",
                'w' => "[A-Za-z0-9_]",
                'W' => "[^A-Za-z0-9_]",
                's' => "the spaces themselves: [ \\t\\n\\r\\f\\v] in a regular (not verbatim) C# string",
                'S' => "[^ \\t\\n\\r\\f\\v] in a regular (not verbatim) C# string",
                'A' => "^",
                'z' or 'Z' => "$",
                'b' when !inClass => "the characters around the word, e.g. (^|[^A-Za-z0-9_])word([^A-Za-z0-9_]|$): stap has no word boundary",
                'B' or 'G' => "a pattern without it: stap has no such anchor",
                'p' or 'P' => "an ASCII class such as [A-Za-z]: stap matches bytes, not Unicode categories",
                'k' or (>= '1' and <= '9') => "two groups compared after the match, Matched(1) == Matched(2): POSIX patterns have no backreferences",
                _ => "the character itself: a regular C# string's own escape (\"\\t\", \"\\n\", \"\\x1b\") puts it in the pattern",
            };
            return $"'\\{e}' means one thing in C# and the letter '{e}' in stap's pattern: write {instead}";
        }

        /// <summary><c>[...]</c>: ranges and escaped punctuation are the same; POSIX's <c>[:name:]</c> and .NET's subtraction are not.</summary>
        private string? Class()
        {
            var start = _i;
            _i++;
            if (pattern[_i] == '^')
            {
                _i++;
            }

            // A ']' first in the class is a character in both.
            if (pattern[_i] == ']')
            {
                _i++;
            }

            while (pattern[_i] != ']')
            {
                var c = pattern[_i];
                if (c > 0x7f)
                {
                    return NonAscii(c);
                }

                if (c == '\\')
                {
                    if (EscapeProblem(pattern[_i + 1], inClass: true) is { } problem)
                    {
                        return problem;
                    }

                    _i += 2;
                    continue;
                }

                if (c == '[' && pattern[_i + 1] == ':')
                {
                    return "'[:' starts a named class in stap ([[:digit:]]), which C# does not read so: write the class out, e.g. [0-9], or '\\[' for the bracket";
                }

                if (c == '-' && pattern[_i + 1] == '[')
                {
                    return "'-[' subtracts a class in C#, which stap does not: write the remaining characters out, e.g. [b-df-h] for [a-h-[aeg]]";
                }

                _i++;
            }

            _i++;
            _stap.Append(pattern, start, _i - start);
            _last = Atom.Other;
            return null;
        }

        /// <summary><c>( )</c> and <c>(?: )</c> are the same; every other <c>(?</c> form is .NET's alone, and stap rejects it.</summary>
        private string? Group()
        {
            if (pattern[_i + 1] != '?')
            {
                return Append("(", 1, Atom.None);
            }

            var kind = pattern[_i + 2];
            if (kind == ':')
            {
                return Append("(?:", 3, Atom.None);
            }

            var lookbehind = kind == '<' && pattern[_i + 3] is '=' or '!';
            return (kind, lookbehind) switch
            {
                ('=' or '!', _) or (_, true) => "stap has no lookaround ((?=, (?!, (?<=, (?<!): match the text itself, capture the part you need in ( ) and read it with Matched(n), or test twice with &&",
                ('<' or '\'', _) => "stap has no named groups: write a numbered group ( ) and read it with Matched(n), counting the groups' '(' from the left",
                ('>', _) => "stap has no atomic groups: write a plain group (?: )",
                ('#', _) => "stap has no comments in a pattern: remove (?# )",
                ('(', _) => "stap has no conditional groups: test with two IsMatch calls",
                _ => "stap has no inline options ((?i), (?m), (?s), ...): remove them; for case, list both letters, e.g. [Ss]",
            };
        }

        /// <summary><c>*</c>, <c>+</c>, <c>?</c> (and <c>{n,m}</c>, <paramref name="length"/> characters): greedy only, not on an anchor.</summary>
        private string? Quantifier(int length)
        {
            if (_last == Atom.Anchor)
            {
                return "stap rejects a repetition of ^ or $: remove it";
            }

            _stap.Append(pattern, _i, length);
            _i += length;
            if (_i < pattern.Length && pattern[_i] == '?')
            {
                return "stap has no lazy repetition: its match is the longest (POSIX), so write the greedy form with a class that stops where you mean, e.g. [^/]* instead of .*?";
            }

            _last = Atom.Other;
            return null;
        }

        /// <summary>A <c>{</c> that is not <c>{n}</c>, <c>{n,}</c> or <c>{n,m}</c> is a character in .NET and an error in stap.</summary>
        private string? Brace()
        {
            var match = RepetitionPattern.Match(pattern, _i);
            if (!match.Success || match.Index != _i)
            {
                return "C# reads this '{' as a character, stap as the start of a repetition: write '\\{'";
            }

            foreach (var group in new[] { match.Groups["min"], match.Groups["max"] })
            {
                var digits = group.Value.TrimStart('0');
                if (digits.Length > 3 || (digits.Length > 0 && int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) > MaxRepetition))
                {
                    return $"a repetition count above {MaxRepetition} (POSIX's RE_DUP_MAX): stap builds a state for every repeated step and runs out of memory; repeat less, or use * or +";
                }
            }

            return Quantifier(match.Length);
        }
    }

    private static readonly Regex RepetitionPattern = new(@"\{(?<min>[0-9]+)(,(?<max>[0-9]*))?\}", RegexOptions.CultureInvariant);
}
