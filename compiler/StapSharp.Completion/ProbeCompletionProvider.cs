using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Options;
using Microsoft.CodeAnalysis.Tags;
using Microsoft.CodeAnalysis.Text;
using StapSharp.Completion.Catalogue;

namespace StapSharp.Completion;

/// <summary>
/// Completes probe points inside the string of a <c>[Probe("…")]</c> attribute, and a probe handler's parameters
/// (the context variables of its points, typed as <c>stapsharp list</c> prints them) inside its parameter list,
/// from the catalogue of <see cref="CatalogueSource"/>.
/// </summary>
[ExportCompletionProvider(nameof(ProbeCompletionProvider), LanguageNames.CSharp)]
[Shared]
public sealed class ProbeCompletionProvider : CompletionProvider
{
    /// <summary>More items than an editor list can show usefully; the typed text narrows them first.</summary>
    internal const int MaxItems = 2000;

    private const string InsertionKey = "stapsharp.insert";
    private const string DescriptionKey = "stapsharp.description";
    private const string ProbeAttributeName = "StapSharp.ProbeAttribute";

    /// <summary>Typing starts a word of a point or a parameter, or opens the string or the list.</summary>
    public override bool ShouldTriggerCompletion(SourceText text, int caretPosition, CompletionTrigger trigger, OptionSet options) =>
        trigger.Kind == CompletionTriggerKind.Invoke
        || (trigger.Kind == CompletionTriggerKind.Insertion && (char.IsLetterOrDigit(trigger.Character) || trigger.Character is '_' or '.' or '"' or '(' or ','));

    public override async Task ProvideCompletionsAsync(CompletionContext context)
    {
        var cancel = context.CancellationToken;
        var root = await context.Document.GetSyntaxRootAsync(cancel).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        // The syntax decides first: the semantic model is asked for only where a probe attribute may be.
        var text = await context.Document.GetTextAsync(cancel).ConfigureAwait(false);
        var probeString = ProbeString.At(root, context.Position);
        var handler = probeString is null ? HandlerParameters.At(root, text, context.Position) : null;
        if ((probeString is null && handler is null)
            || await context.Document.GetSemanticModelAsync(cancel).ConfigureAwait(false) is not { } model)
        {
            return;
        }

        if (probeString is not null && IsProbeAttribute(probeString.Attribute, model, cancel))
        {
            if (CatalogueSource.Current() is { } catalogue)
            {
                OfferPoints(context, catalogue, probeString, text);
            }
        }
        else if (handler?.Points(model, cancel) is { } points)
        {
            if (CatalogueSource.Current() is { } catalogue)
            {
                OfferParameters(context, catalogue, handler, points);
            }
        }
    }

    public override Task<CompletionChange> GetChangeAsync(Document document, CompletionItem item, char? commitKey, CancellationToken cancellationToken) =>
        Task.FromResult(CompletionChange.Create(new TextChange(item.Span, item.Properties.TryGetValue(InsertionKey, out var insert) ? insert : item.DisplayText)));

    public override Task<CompletionDescription?> GetDescriptionAsync(Document document, CompletionItem item, CancellationToken cancellationToken) =>
        Task.FromResult<CompletionDescription?>(item.Properties.TryGetValue(DescriptionKey, out var description) ? CompletionDescription.FromText(description) : null);

    private static void OfferPoints(CompletionContext context, ProbeCatalogue catalogue, ProbeString probeString, SourceText text)
    {
        var typed = probeString.Unescape(text.ToString(TextSpan.FromBounds(probeString.Content.Start, context.Position)));
        var points = catalogue.Points
            .Where(p => p.Point.IndexOf(typed, StringComparison.OrdinalIgnoreCase) >= 0)
            .Take(MaxItems);
        context.CompletionListSpan = probeString.Content;
        context.IsExclusive = true;
        foreach (var point in points)
        {
            var insert = probeString.Escape(point.Point);
            var description = point.Parameters.Count == 0 ? point.Point : $"{point.Point}: {string.Join(", ", point.Parameters)}";
            context.AddItem(Item(point.Point, insert, description, WellKnownTags.Event));
        }
    }

    private static void OfferParameters(CompletionContext context, ProbeCatalogue catalogue, HandlerParameters handler, IReadOnlyList<string> points)
    {
        if (ReadableParameters(catalogue, points) is not { } readable)
        {
            return;
        }

        var remaining = readable.Where(p => !handler.Declared.Contains(ParameterName(p))).ToList();
        var typed = handler.Typed;
        var offered = remaining.Where(p => p.StartsWith(typed, StringComparison.OrdinalIgnoreCase) || ParameterName(p).StartsWith(typed, StringComparison.OrdinalIgnoreCase)).ToList();
        context.CompletionListSpan = handler.Span;
        context.IsExclusive = true;
        if (handler.Declared.Count == 0 && typed.Length == 0 && remaining.Count > 1)
        {
            var all = string.Join(", ", remaining);
            context.AddItem(Item(all, all, "every context variable of the probe point", WellKnownTags.Parameter, sortText: "0000"));
        }

        for (var i = 0; i < offered.Count; i++)
        {
            context.AddItem(Item(offered[i], offered[i], "a context variable of the probe point", WellKnownTags.Parameter, sortText: (i + 1).ToString("D4", System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>What a handler of all <paramref name="points"/> can read: the parameters every one of them offers, in the first one's order; null when a point is not catalogued.</summary>
    private static List<string>? ReadableParameters(ProbeCatalogue catalogue, IReadOnlyList<string> points)
    {
        var byPoint = catalogue.Points.ToDictionary(p => p.Point, StringComparer.Ordinal);
        List<string>? readable = null;
        foreach (var point in points)
        {
            if (!byPoint.TryGetValue(point, out var entry))
            {
                return null;
            }

            readable = readable is null ? entry.Parameters.ToList() : readable.Where(entry.Parameters.Contains).ToList();
        }

        // Checked again as C#: the catalogue's own check knows no keywords.
        return readable?.Where(p => SyntaxFacts.IsValidIdentifier(ParameterName(p).TrimStart('@'))).ToList();
    }

    private static string ParameterName(string parameter) => parameter.Substring(parameter.LastIndexOf(' ') + 1).TrimStart('@');

    private static CompletionItem Item(string display, string insert, string description, string tag, string? sortText = null) =>
        CompletionItem.Create(
            display,
            filterText: display,
            sortText: sortText ?? display,
            properties: ImmutableDictionary<string, string>.Empty.Add(InsertionKey, insert).Add(DescriptionKey, description),
            tags: ImmutableArray.Create(tag),
            rules: CompletionItemRules.Default,
            displayTextPrefix: null,
            displayTextSuffix: null,
            inlineDescription: null,
            // The text inserted is not the display text (escaped quotes): hosts must ask GetChangeAsync.
            isComplexTextEdit: true);

    /// <summary>Whether <paramref name="attribute"/> is StapSharp's <c>[Probe]</c>.</summary>
    internal static bool IsProbeAttribute(AttributeSyntax attribute, SemanticModel model, CancellationToken cancel) =>
        model.GetSymbolInfo(attribute, cancel).Symbol is IMethodSymbol { ContainingType: { } type }
        && type.ToDisplayString() == ProbeAttributeName;

    /// <summary>The string argument of a <c>[Probe]</c> attribute the caret is in.</summary>
    private sealed class ProbeString
    {
        private ProbeString(AttributeSyntax attribute, TextSpan content, bool verbatim)
        {
            Attribute = attribute;
            Content = content;
            Verbatim = verbatim;
        }

        /// <summary>The attribute, which must still be found to be StapSharp's.</summary>
        public AttributeSyntax Attribute { get; }

        /// <summary>Between the quotes (to the caret when the string is not closed yet).</summary>
        public TextSpan Content { get; }

        public bool Verbatim { get; }

        public static ProbeString? At(SyntaxNode root, int position)
        {
            var token = root.FindToken(position);
            if (!token.IsKind(SyntaxKind.StringLiteralToken)
                || token.Parent is not LiteralExpressionSyntax { Parent: AttributeArgumentSyntax { NameEquals: null, NameColon: null } argument }
                || argument.Parent is not AttributeArgumentListSyntax { Parent: AttributeSyntax attribute } arguments
                || arguments.Arguments.IndexOf(argument) != 0)
            {
                return null;
            }

            var verbatim = token.Text.StartsWith("@", StringComparison.Ordinal);
            var start = token.SpanStart + (verbatim ? 2 : 1);
            var closed = token.Text.Length >= (verbatim ? 3 : 2) && token.Text.EndsWith("\"", StringComparison.Ordinal) && !token.ContainsDiagnostics;
            var end = closed ? token.Span.End - 1 : position;
            return position < start || position > end ? null : new ProbeString(attribute, TextSpan.FromBounds(start, end), verbatim);
        }

        /// <summary>A point as the literal spells it. Points have no backslash, only quotes.</summary>
        public string Escape(string point) => point.Replace("\"", Verbatim ? "\"\"" : "\\\"");

        public string Unescape(string literal) => Verbatim ? literal.Replace("\"\"", "\"") : literal.Replace("\\\"", "\"").Replace("\\\\", "\\");
    }

    /// <summary>The parameter list of a probe handler, with the caret at the start of a parameter.</summary>
    private sealed class HandlerParameters
    {
        private readonly MethodDeclarationSyntax _method;

        private HandlerParameters(MethodDeclarationSyntax method, IReadOnlyCollection<string> declared, TextSpan span, string typed)
        {
            _method = method;
            Declared = declared;
            Span = span;
            Typed = typed;
        }

        /// <summary>The names of the other parameters.</summary>
        public IReadOnlyCollection<string> Declared { get; }

        /// <summary>The parameter being written, from its start to the caret.</summary>
        public TextSpan Span { get; }

        public string Typed { get; }

        public static HandlerParameters? At(SyntaxNode root, SourceText text, int position)
        {
            var list = ListAt(root, position);
            if (list?.Parent is not MethodDeclarationSyntax { AttributeLists.Count: > 0 } method
                || position < list.OpenParenToken.Span.End
                || (!list.CloseParenToken.IsMissing && position > list.CloseParenToken.SpanStart))
            {
                return null;
            }

            var separator = list.Parameters.GetSeparators().LastOrDefault(s => s.Span.End <= position);
            var start = separator == default ? list.OpenParenToken.Span.End : separator.Span.End;
            while (start < position && char.IsWhiteSpace(text[start]))
            {
                start++;
            }

            var typed = text.ToString(TextSpan.FromBounds(start, position));
            if (typed.Any(c => !(char.IsLetterOrDigit(c) || c is '_' or '@' or ' ' or '[' or ']')))
            {
                return null;
            }

            var declared = list.Parameters
                .Where(p => !p.Span.Contains(position) && p.Span.End != position && !p.Identifier.IsMissing)
                .Select(p => p.Identifier.ValueText)
                .ToList();
            return new HandlerParameters(method, declared, TextSpan.FromBounds(start, position), typed);
        }

        /// <summary>The points of the method's <c>[Probe]</c> attributes; null when it has none, or one that is not a constant string.</summary>
        public IReadOnlyList<string>? Points(SemanticModel model, CancellationToken cancel)
        {
            var points = _method.AttributeLists.SelectMany(l => l.Attributes)
                .Where(a => IsProbeAttribute(a, model, cancel))
                .Select(a => a.ArgumentList?.Arguments.FirstOrDefault() is { } argument ? model.GetConstantValue(argument.Expression, cancel) : default)
                .Select(value => value.HasValue ? value.Value as string : null)
                .ToList();
            return points.Count == 0 || points.Any(p => p is null) ? null : points.OfType<string>().ToList();
        }

        private static ParameterListSyntax? ListAt(SyntaxNode root, int position)
        {
            foreach (var candidate in new[] { position, position - 1 })
            {
                if (candidate >= 0 && root.FindToken(candidate).Parent?.AncestorsAndSelf().OfType<ParameterListSyntax>().FirstOrDefault() is { } list)
                {
                    return list;
                }
            }

            return null;
        }
    }
}
