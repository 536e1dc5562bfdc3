using Microsoft.CodeAnalysis;

namespace StapSharp.Generators.Generation;

/// <summary>
/// The compilation of the current generator run, for the one step that translates, held weakly: the
/// driver keeps the run's compilation alive while the step runs, and a step whose input compared
/// equal keeps an old handle, never an old compilation.
/// </summary>
internal sealed class CompilationHandle(Compilation compilation)
{
    private readonly WeakReference<Compilation> _compilation = new(compilation);

    public Compilation Compilation => _compilation.TryGetTarget(out var target)
        ? target
        : throw new InvalidOperationException("The compilation of a generator step's input was collected while the step ran.");

    /// <summary>Compares a pipeline value paired with a handle by the value alone.</summary>
    public sealed class IgnoredIn<T> : IEqualityComparer<(T Left, CompilationHandle Right)>
    {
        public static readonly IgnoredIn<T> Comparer = new();

        public bool Equals((T Left, CompilationHandle Right) x, (T Left, CompilationHandle Right) y) =>
            EqualityComparer<T>.Default.Equals(x.Left, y.Left);

        public int GetHashCode((T Left, CompilationHandle Right) obj) => EqualityComparer<T>.Default.GetHashCode(obj.Left!);
    }
}
