using System.Collections;
using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace StapSharp.Compiler.Tests.Support;

/// <summary>
/// The tests every construct's misuses pass: each is reported where it is written, and its advice, followed, translates
/// to a script stap accepts; where a case names its advice's words, the message holds them. A construct's test class
/// derives from this, lists its cases in <see cref="Misuses"/> and keeps only its own tests besides.
/// </summary>
public abstract class MisuseTheory
{
    /// <summary>The construct's misuses.</summary>
    protected abstract MisuseCases Misuses { get; }

    [Theory]
    [MisuseData]
    public void Misuse_is_reported_where_it_is_written(MisuseCase misuse) =>
        MarkedSource.AssertReported(misuse.Id, misuse.Marked);

    [StapTheory]
    [MisuseData]
    public void Following_the_advice_translates_and_stap_accepts_it(MisuseCase misuse) =>
        StapTool.AssertAccepts(TestCompiler.Single(misuse.Advised));

    [Theory]
    [MisuseData(WithAdvice = true)]
    public void The_advice_names_what_to_write(MisuseCase misuse)
    {
        var errors = TestCompiler.Errors(MarkedSource.Unmarked(misuse.Marked));
        Assert.Contains(errors, e => e.Id == misuse.Id && misuse.Advice.All(words => e.Message.Contains(words, StringComparison.Ordinal)));
    }

    /// <summary>The cases of the test class the theory runs in (a theory here belongs to each derived class).</summary>
    [DataDiscoverer("Xunit.Sdk.DataDiscoverer", "xunit.core")]
    [AttributeUsage(AttributeTargets.Method)]
    private sealed class MisuseDataAttribute : DataAttribute
    {
        /// <summary>Only the cases that name their advice's words.</summary>
        public bool WithAdvice { get; set; }

        public override IEnumerable<object[]> GetData(MethodInfo testMethod)
        {
            var tests = (MisuseTheory)Activator.CreateInstance(testMethod.ReflectedType!)!;
            return tests.Misuses.Where(c => !WithAdvice || c.Advice.Length > 0).Select(c => new object[] { c });
        }
    }
}

/// <summary>
/// A misuse: the diagnostic's id, the C# with the misuse marked (<see cref="MarkedSource.Marker"/> where the diagnostic
/// must point), the C# with the advice applied, and words the advice must hold (none: the case does not check them).
/// </summary>
public sealed class MisuseCase : IXunitSerializable
{
    /// <summary>For xUnit, which rebuilds each case from <see cref="Serialize"/>.</summary>
    [Obsolete("For xUnit's deserialization only.")]
    public MisuseCase()
    {
    }

    public MisuseCase(string id, string marked, string advised, string[] advice)
    {
        Id = id;
        Marked = marked;
        Advised = advised;
        Advice = advice;
    }

    public string Id { get; private set; } = string.Empty;

    public string Marked { get; private set; } = string.Empty;

    public string Advised { get; private set; } = string.Empty;

    public string[] Advice { get; private set; } = [];

    public void Serialize(IXunitSerializationInfo info)
    {
        info.AddValue(nameof(Id), Id);
        info.AddValue(nameof(Marked), Marked);
        info.AddValue(nameof(Advised), Advised);
        info.AddValue(nameof(Advice), Advice);
    }

    public void Deserialize(IXunitSerializationInfo info)
    {
        Id = info.GetValue<string>(nameof(Id));
        Marked = info.GetValue<string>(nameof(Marked));
        Advised = info.GetValue<string>(nameof(Advised));
        Advice = info.GetValue<string[]>(nameof(Advice));
    }

    /// <summary>The id and the marked line, which tell the cases apart in a test list.</summary>
    public override string ToString()
    {
        var (line, column) = MarkedSource.Position(Marked);
        return $"{Id} at ({line},{column}): {Marked.Split('\n')[line - 1].Trim()}";
    }
}

/// <summary>A construct's case table: <c>{ id, marked, advised }</c>, or <c>{ id, marked, advised, "words", ... }</c>.</summary>
/// <param name="source">Makes a whole source of each table entry (as <see cref="TestCompiler.Class"/> does of members).</param>
public sealed class MisuseCases(Func<string, string> source) : IEnumerable<MisuseCase>
{
    private readonly List<MisuseCase> _cases = [];

    /// <summary>A table whose entries are whole sources.</summary>
    public MisuseCases()
        : this(text => text)
    {
    }

    public void Add(string id, string marked, string advised, params string[] advice) =>
        _cases.Add(new MisuseCase(id, source(marked), source(advised), advice));

    public IEnumerator<MisuseCase> GetEnumerator() => _cases.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
