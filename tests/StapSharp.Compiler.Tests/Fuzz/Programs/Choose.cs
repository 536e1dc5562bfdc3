using CsCheck;

namespace StapSharp.Compiler.Tests.Fuzz.Programs;

/// <summary>
/// Choices between generators that are built only when chosen: the generators of this folder
/// depend on the scope and recurse, so building every alternative up front would cost an
/// exponential number of objects per sample. Simpler alternatives go first: CsCheck shrinks the
/// choice towards them.
/// </summary>
internal static class Choose
{
    /// <summary>One of the options, by weight; an option whose factory is null is not available here.</summary>
    public static Gen<T> Weighted<T>(params (int Weight, Func<Gen<T>>? Make)[] options)
    {
        var available = options.Where(o => o.Weight > 0 && o.Make is not null).ToArray();
        if (available.Length == 0)
        {
            throw new InvalidOperationException("no generator is available in this scope");
        }

        var total = available.Sum(o => o.Weight);
        return Gen.Int[0, total - 1].SelectMany(roll =>
        {
            foreach (var (weight, make) in available)
            {
                if (roll < weight)
                {
                    return make!();
                }

                roll -= weight;
            }

            throw new InvalidOperationException("unreachable");
        });
    }

    /// <summary>An option available only when <paramref name="when"/> holds.</summary>
    public static Func<Gen<T>>? If<T>(bool when, Func<Gen<T>> make) => when ? make : null;

    /// <summary>One element of a non-empty list.</summary>
    public static Gen<T> Element<T>(IReadOnlyList<T> items) =>
        items.Count == 1 ? Gen.Const(items[0]) : Gen.Int[0, items.Count - 1].Select(i => items[i]);

    /// <summary>A list of <paramref name="count"/> elements, each generated with the state the one before left.</summary>
    public static Gen<(IReadOnlyList<T> Items, TState State)> Sequence<T, TState>(int count, TState state, Func<TState, Gen<(T Item, TState State)>> next)
    {
        if (count == 0)
        {
            return Gen.Const(((IReadOnlyList<T>)[], state));
        }

        return next(state).SelectMany(first =>
            Sequence(count - 1, first.State, next).Select(rest => ((IReadOnlyList<T>)[first.Item, .. rest.Items], rest.State)));
    }
}
