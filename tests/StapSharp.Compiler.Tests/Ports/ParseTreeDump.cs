using System.Text;

namespace StapSharp.Compiler.Tests.Ports;

/// <summary>
/// The normalised form of a <c>stap -p1</c> parse-tree dump, so that a port and its original compare
/// equal when they differ only in ways stap gives no meaning to. stap's dump already drops comments,
/// layout and redundant parentheses (it prints every operator fully parenthesised). On top of that:
/// <list type="number">
/// <item>the <c># parse tree dump</c> and <c># file PATH</c> lines are dropped (the path differs);</item>
/// <item>globals are sorted (declaration order means nothing to stap);</item>
/// <item>functions are sorted and printed before the probes (their order means nothing either); probes
///   keep their order, which decides the order of handlers on one event;</item>
/// <item>every statement body is a braced block: <c>if (c) s</c> and <c>if (c) { s }</c> are the same,
///   nested blocks are flattened (stap has no block scope) and empty statements dropped;</item>
/// <item>an <c>if</c> condition <c>(x) != (0)</c> equals <c>x</c>, <c>(x) == (0)</c> equals <c>!(x)</c>
///   (see <see cref="NormalizeHeader"/>);</item>
/// <item>integer constant arithmetic is folded (<c>(1024) * (1024)</c> is <c>1048576</c>), and a
///   <c>?:</c> condition <c>(x) != (0)</c> equals <c>x</c> (see ParseTreeDump.Expressions.cs);</item>
/// <item>indentation is two spaces per block, one statement per line;</item>
/// <item>embedded C (<c>%{ %}</c> blocks and function bodies) is compared line by line with each line
///   trimmed and blank lines dropped: the translator indents it, and C gives layout no meaning.</item>
/// </list>
/// Everything else (names of locals, expressions, probe points, formats) is compared as stap printed it.
/// </summary>
internal static partial class ParseTreeDump
{
    public static string Normalize(string dump)
    {
        var file = Read(dump);
        var output = new StringBuilder();
        foreach (var code in file.Embedded)
        {
            PrintCode(output, code);
        }

        foreach (var global in file.Globals.Order(StringComparer.Ordinal))
        {
            output.Append(global).Append('\n');
        }

        foreach (var function in file.Functions.OrderBy(f => f.Header, StringComparer.Ordinal))
        {
            Print(output, function);
        }

        foreach (var probe in file.Probes)
        {
            Print(output, probe);
        }

        return output.ToString();
    }

    /// <summary>The dump's globals, functions and probes in the order stap printed them, statements as stap wrote them.</summary>
    public static DumpFile Read(string dump) =>
        new DumpParser(string.Join('\n', dump.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Where(line => !line.StartsWith("# parse tree dump", StringComparison.Ordinal) && !line.StartsWith("# file ", StringComparison.Ordinal)))).ParseFile();

    private static void Print(StringBuilder output, Item item)
    {
        output.Append(item.Header).Append('\n');
        if (item.Code is { } code)
        {
            PrintCode(output, code);
        }
        else
        {
            PrintBlock(output, item.Body, 0);
        }
    }

    /// <summary>Embedded C, one trimmed line after another, blank lines dropped.</summary>
    private static void PrintCode(StringBuilder output, string code)
    {
        output.Append("%{\n");
        foreach (var line in code.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0))
        {
            output.Append(line).Append('\n');
        }

        output.Append("%}\n");
    }

    private static void PrintBlock(StringBuilder output, IReadOnlyList<Statement> statements, int depth)
    {
        Indent(output, depth).Append("{\n");
        foreach (var statement in Flatten(statements))
        {
            PrintStatement(output, statement, depth + 1);
        }

        Indent(output, depth).Append("}\n");
    }

    private static void PrintStatement(StringBuilder output, Statement statement, int depth)
    {
        switch (statement)
        {
            case Simple simple:
                Indent(output, depth).Append(NormalizeExpression(simple.Text)).Append('\n');
                break;
            case Compound compound:
                Indent(output, depth).Append(NormalizeHeader(NormalizeExpression(compound.Header))).Append('\n');
                PrintBlock(output, compound.Body, depth);
                if (compound.Else is { } otherwise)
                {
                    Indent(output, depth).Append("else\n");
                    PrintBlock(output, otherwise, depth);
                }

                break;
            case TryCatch tryCatch:
                Indent(output, depth).Append("try\n");
                PrintBlock(output, tryCatch.Body, depth);
                Indent(output, depth).Append(tryCatch.CatchHeader).Append('\n');
                PrintBlock(output, tryCatch.Handler, depth);
                break;
        }
    }

    /// <summary>
    /// Header forms stap gives one meaning: a condition on a long is true when it is not 0, so <c>if ((x) != (0))</c>
    /// is <c>if (x)</c> and <c>if ((x) == (0))</c> is <c>if (!(x))</c> (C# conditions must be bool).
    /// </summary>
    private static string NormalizeHeader(string header)
    {
        if (!header.StartsWith("if (", StringComparison.Ordinal))
        {
            return header;
        }

        var condition = header["if (".Length..^1];
        foreach (var (comparison, form) in new[] { (" != (0)", "{0}"), (" == (0)", "!({0})") })
        {
            if (condition.EndsWith(comparison, StringComparison.Ordinal) && IsOneParenthesisedOperand(condition[..^comparison.Length]))
            {
                return "if (" + string.Format(System.Globalization.CultureInfo.InvariantCulture, form, condition[1..^(comparison.Length + 1)]) + ")";
            }
        }

        return header;
    }

    /// <summary>Whether the text is "(" E ")" with that first parenthesis closing at the end (strings skipped).</summary>
    private static bool IsOneParenthesisedOperand(string text)
    {
        if (text.Length < 2 || text[0] != '(')
        {
            return false;
        }

        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '"':
                    for (i++; i < text.Length && text[i] != '"'; i++)
                    {
                        if (text[i] == '\\')
                        {
                            i++;
                        }
                    }

                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    if (depth == 0 && i != text.Length - 1)
                    {
                        return false;
                    }

                    break;
            }
        }

        return depth == 0;
    }

    /// <summary>Blocks inside blocks are spliced in; empty statements vanish.</summary>
    private static IEnumerable<Statement> Flatten(IEnumerable<Statement> statements) =>
        statements.SelectMany(s => s switch
        {
            Block block => Flatten(block.Statements),
            Empty => [],
            _ => [s],
        });

    private static StringBuilder Indent(StringBuilder output, int depth) => output.Append(' ', depth * 2);

    /// <param name="Embedded">The top-level <c>%{ %}</c> blocks, in order (it is the order of the C code).</param>
    internal sealed record DumpFile(IReadOnlyList<string> Embedded, IReadOnlyList<string> Globals, IReadOnlyList<Item> Functions, IReadOnlyList<Item> Probes);

    /// <param name="Code">The embedded C body of a function written <c>%{ %}</c>; null for a statement body.</param>
    internal sealed record Item(string Header, IReadOnlyList<Statement> Body, string? Code = null);

    internal abstract record Statement;

    /// <summary>A statement with no statement inside: an expression, delete, next, return, break, continue.</summary>
    internal sealed record Simple(string Text) : Statement;

    internal sealed record Empty : Statement;

    internal sealed record Block(IReadOnlyList<Statement> Statements) : Statement;

    /// <summary>if/for/foreach/while (stap prints while as <c>for (; c; )</c>): a header and its bodies.</summary>
    internal sealed record Compound(string Header, IReadOnlyList<Statement> Body, IReadOnlyList<Statement>? Else) : Statement;

    /// <summary><c>try { } catch { }</c> or <c>catch (msg)</c>: the catch header is kept as stap printed it.</summary>
    internal sealed record TryCatch(IReadOnlyList<Statement> Body, string CatchHeader, IReadOnlyList<Statement> Handler) : Statement;

    /// <summary>
    /// Reads the statement structure of the dump that stap's printers write (staptree.cxx, the
    /// <c>print</c> members): a block is <c>{</c>, each statement then <c>;</c> on its own line, <c>}</c>;
    /// <c>if (c) S</c> then a newline and maybe <c>else S</c>; loops are a parenthesised header and a
    /// body. Expressions stay text: stap prints them on one line with string escapes kept.
    /// </summary>
    private sealed class DumpParser(string text)
    {
        private int _position;

        public DumpFile ParseFile()
        {
            var embedded = new List<string>();
            var globals = new List<string>();
            var functions = new List<Item>();
            var probes = new List<Item>();
            while (SkipSpace() < text.Length)
            {
                if (At("%{"))
                {
                    embedded.Add(ReadCode());
                }
                else if (At("global "))
                {
                    globals.Add(ReadLine());
                }
                else if (At("probe "))
                {
                    // stap writes "probe POINTS{" (the body's brace ends the line); the normal form
                    // puts the brace on the next line, and must read back unchanged.
                    var lineStart = _position;
                    var line = ReadLine();
                    if (line.EndsWith('{'))
                    {
                        _position = lineStart + line.Length - 1;
                        line = line[..^1].TrimEnd();
                    }

                    probes.Add(new Item(line, ParseBlockBody()));
                }
                else if (At("function "))
                {
                    var header = ReadLine();
                    SkipSpace();
                    functions.Add(At("%{") ? new Item(header, [], ReadCode()) : new Item(header, ParseBlockBody()));
                }
                else
                {
                    Require(false, "'global', 'probe' or 'function'");
                }
            }

            return new DumpFile(embedded, globals, functions, probes);
        }

        /// <summary>"%{" CODE "%}": the code between (stap prints the next item right after the "%}").</summary>
        private string ReadCode()
        {
            _position += "%{".Length;
            var end = text.IndexOf("%}", _position, StringComparison.Ordinal);
            Require(end >= 0, "'%}' ending the embedded C");
            var code = text[_position..end];
            _position = end + "%}".Length;
            return code;
        }

        private IReadOnlyList<Statement> ParseBlockBody()
        {
            Expect("{");
            var statements = new List<Statement>();
            while (true)
            {
                SkipSpace();
                if (At("}"))
                {
                    _position++;
                    return statements;
                }

                statements.Add(ParseStatement());
                SkipSpace();
                if (At(";"))
                {
                    _position++; // the block's separator after each statement
                }
            }
        }

        private Statement ParseStatement()
        {
            SkipSpace();
            if (At("{"))
            {
                return new Block(ParseBlockBody());
            }

            if (At(";"))
            {
                _position++;
                return new Empty();
            }

            if (At("if ("))
            {
                var header = ReadHeader("if ");
                var then = Body(ParseStatement());
                var save = _position;
                SkipSpace();
                if (At("else") && _position + 4 < text.Length && char.IsWhiteSpace(text[_position + 4]))
                {
                    _position += "else".Length;
                    return new Compound(header, then, Body(ParseStatement()));
                }

                _position = save;
                return new Compound(header, then, null);
            }

            foreach (var loop in new[] { "for ", "foreach " })
            {
                if (At(loop + "("))
                {
                    var header = ReadHeader(loop);
                    return new Compound(header, Body(ParseStatement()), null);
                }
            }

            // stap prints "try {"; this normalisation prints "try" and the block on the next line, and reads both.
            if (At("try {") || At("try\n"))
            {
                _position += "try".Length;
                var body = Body(ParseStatement());
                SkipSpace();
                Require(At("catch"), "'catch' after a try block");
                var headerStart = _position;
                var brace = text.IndexOf('{', _position);
                Require(brace >= 0, "the catch block's '{'");
                var catchHeader = text[headerStart..brace].TrimEnd();
                _position = brace;
                return new TryCatch(body, catchHeader, Body(ParseStatement()));
            }

            // A simple statement: the rest of the line, without the block's separator.
            var line = ReadLine();
            return new Simple(line.EndsWith(';') ? line[..^1] : line);
        }

        private static IReadOnlyList<Statement> Body(Statement statement) => statement is Block block ? block.Statements : [statement];

        /// <summary>"keyword (" up to its balancing ")", string literals skipped.</summary>
        private string ReadHeader(string keyword)
        {
            var start = _position;
            _position += keyword.Length;
            var depth = 0;
            do
            {
                Require(_position < text.Length, "a closing ')'");
                var c = text[_position];
                if (c == '"')
                {
                    SkipString();
                    continue;
                }

                if (c == '(')
                {
                    depth++;
                }
                else if (c == ')')
                {
                    depth--;
                }

                _position++;
            }
            while (depth > 0);

            return text[start.._position];
        }

        private void SkipString()
        {
            _position++;
            while (_position < text.Length && text[_position] != '"')
            {
                _position += text[_position] == '\\' ? 2 : 1;
            }

            _position++;
        }

        private string ReadLine()
        {
            var end = text.IndexOf('\n', _position);
            if (end < 0)
            {
                end = text.Length;
            }

            var line = text[_position..end].TrimEnd();
            _position = Math.Min(end + 1, text.Length);
            return line;
        }

        private int SkipSpace()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }

            return _position;
        }

        private bool At(string token) => string.CompareOrdinal(text, _position, token, 0, token.Length) == 0;

        private void Expect(string token)
        {
            SkipSpace();
            Require(At(token), $"'{token}'");
            _position += token.Length;
        }

        private void Require(bool condition, string expected)
        {
            if (!condition)
            {
                var lineNumber = text.AsSpan(0, Math.Min(_position, text.Length)).Count('\n') + 1;
                throw new FormatException($"stap -p1 dump, line {lineNumber}: expected {expected}");
            }
        }
    }
}
