using StapSharp.Compiler.ProbePoints;

namespace StapSharp.Compiler.Naming;

/// <summary>
/// What stap takes as a name, checked character by character (no pattern can let a line end
/// through): identifiers, dotted alias names, target-variable paths.
/// </summary>
internal static class StapNames
{
    /// <summary><c>[A-Za-z_][A-Za-z0-9_]*</c>, nothing before or after.</summary>
    public static bool IsIdentifier(string name) =>
        name.Length > 0 && StapLexicon.IsIdentifierStart(name[0]) && name.All(StapLexicon.IsIdentifierChar);

    /// <summary>An identifier stap does not read as a keyword or print built-in: anything may be declared with it.</summary>
    public static bool IsDeclarable(string name) => IsIdentifier(name) && !ReservedNames.IsWord(name);

    /// <summary>A name a variable can take as it is: declarable, and not a tapset global (which it would be).</summary>
    public static bool IsVariableName(string name) => IsIdentifier(name) && !ReservedNames.IsVariable(name);

    /// <summary>
    /// A probe alias name: identifiers joined by dots, <c>myfs.read</c>. Its parts may be keywords, as
    /// in probe points (<c>myfs.read.return</c>); the whole may not.
    /// </summary>
    public static bool IsAliasName(string name) => name.Split('.').All(IsIdentifier) && !ReservedNames.Keywords.Contains(name);

    /// <summary>
    /// A target-variable path: an identifier, then <c>-&gt;member</c> or <c>[digits]</c> steps
    /// (<c>file-&gt;f_path-&gt;dentry</c>, <c>argv[0]</c>); with <paramref name="allowIndex"/> false, <c>-&gt;</c> steps only.
    /// </summary>
    public static bool IsTargetPath(string path, bool allowIndex = true)
    {
        var position = Identifier(path, 0);
        if (position < 0)
        {
            return false;
        }

        while (position < path.Length)
        {
            if (string.CompareOrdinal(path, position, "->", 0, 2) == 0)
            {
                position = Identifier(path, position + 2);
            }
            else if (allowIndex && path[position] == '[')
            {
                var digits = position + 1;
                while (digits < path.Length && char.IsAsciiDigit(path[digits]))
                {
                    digits++;
                }

                position = digits > position + 1 && digits < path.Length && path[digits] == ']' ? digits + 1 : -1;
            }
            else
            {
                return false;
            }

            if (position < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A stap spelling of a C# name: characters stap cannot spell (C# allows any Unicode letter)
    /// become <c>_uXXXX</c>, and a leading digit gets a <c>_</c>. Not injective on its own
    /// (<c>é</c> and <c>_u00E9</c> spell alike): <see cref="NameScope"/> makes the names unique.
    /// </summary>
    public static string Spell(string name)
    {
        if (IsIdentifier(name))
        {
            return name;
        }

        var builder = new System.Text.StringBuilder();
        foreach (var c in name)
        {
            builder.Append(StapLexicon.IsIdentifierChar(c) ? c.ToString() : $"_u{(int)c:X4}");
        }

        return builder.Length == 0 ? "_" : char.IsAsciiDigit(builder[0]) ? "_" + builder : builder.ToString();
    }

    /// <summary>The end of the identifier starting at <paramref name="start"/>, or -1.</summary>
    private static int Identifier(string text, int start)
    {
        if (start >= text.Length || !StapLexicon.IsIdentifierStart(text[start]))
        {
            return -1;
        }

        var end = start + 1;
        while (end < text.Length && StapLexicon.IsIdentifierChar(text[end]))
        {
            end++;
        }

        return end;
    }
}
