namespace StapSharp.Runtime.Aggregation;

/// <summary>
/// A distance for <see cref="KdTree{T}"/> nearest-neighbour search. Work happens in a "reduced" form
/// that preserves order (squared Euclidean, for instance) so that no square root is taken per point.
/// </summary>
public interface IDistanceMetric
{
    /// <summary>An order-preserving form of the distance between two points.</summary>
    double ReducedDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b);

    /// <summary>
    /// A lower bound, in reduced units, on the distance between two points whose coordinates on
    /// <paramref name="dimension"/> differ by <paramref name="delta"/>; the tree prunes with it.
    /// </summary>
    double ReducedAxisDistance(int dimension, double delta);

    /// <summary>Converts a reduced distance to the true distance.</summary>
    double FromReduced(double reduced);
}

/// <summary>Straight-line distance; the default metric.</summary>
public sealed class EuclideanMetric : IDistanceMetric
{
    /// <summary>The shared instance.</summary>
    public static EuclideanMetric Instance { get; } = new();

    /// <inheritdoc />
    public double ReducedDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    /// <inheritdoc />
    public double ReducedAxisDistance(int dimension, double delta) => delta * delta;

    /// <inheritdoc />
    public double FromReduced(double reduced) => Math.Sqrt(reduced);
}

/// <summary>
/// Euclidean distance after multiplying each coordinate by a weight. Use it when dimensions have
/// different units (nanoseconds, bytes, CPU numbers): weight 1/typical-spread makes them comparable.
/// </summary>
public sealed class WeightedEuclideanMetric : IDistanceMetric
{
    private readonly double[] _squaredWeights;

    /// <summary>Creates the metric from one non-negative weight per dimension.</summary>
    public WeightedEuclideanMetric(params double[] weights)
    {
        if (weights.Any(w => !(w >= 0) || double.IsInfinity(w)))
        {
            throw new ArgumentException("Weights must be finite and non-negative.", nameof(weights));
        }

        _squaredWeights = weights.Select(w => w * w).ToArray();
    }

    /// <inheritdoc />
    public double ReducedDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            sum += _squaredWeights[i] * d * d;
        }
        return sum;
    }

    /// <inheritdoc />
    public double ReducedAxisDistance(int dimension, double delta) => _squaredWeights[dimension] * delta * delta;

    /// <inheritdoc />
    public double FromReduced(double reduced) => Math.Sqrt(reduced);
}

/// <summary>Sum of absolute coordinate differences (taxicab distance).</summary>
public sealed class ManhattanMetric : IDistanceMetric
{
    /// <summary>The shared instance.</summary>
    public static ManhattanMetric Instance { get; } = new();

    /// <inheritdoc />
    public double ReducedDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += Math.Abs(a[i] - b[i]);
        }

        return sum;
    }

    /// <inheritdoc />
    public double ReducedAxisDistance(int dimension, double delta) => Math.Abs(delta);

    /// <inheritdoc />
    public double FromReduced(double reduced) => reduced;
}

/// <summary>Largest absolute coordinate difference.</summary>
public sealed class ChebyshevMetric : IDistanceMetric
{
    /// <summary>The shared instance.</summary>
    public static ChebyshevMetric Instance { get; } = new();

    /// <inheritdoc />
    public double ReducedDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs(a[i] - b[i]));
        }

        return max;
    }

    /// <inheritdoc />
    public double ReducedAxisDistance(int dimension, double delta) => Math.Abs(delta);

    /// <inheritdoc />
    public double FromReduced(double reduced) => reduced;
}

/// <summary>One result of a nearest-neighbour search.</summary>
/// <param name="Item">The stored item.</param>
/// <param name="Distance">Its distance to the query point under the tree's metric.</param>
public readonly record struct Neighbour<T>(T Item, double Distance);
