namespace StapSharp.Benchmarks.Aggregation;

/// <summary>Deterministic inputs shared by the aggregation benchmarks.</summary>
internal static class BenchmarkData
{
    /// <summary>N distinct random keys in random order.</summary>
    public static long[] RandomKeys(int count, int seed)
    {
        var random = new Random(seed);
        var keys = new HashSet<long>(count);
        while (keys.Count < count)
        {
            keys.Add(random.NextInt64());
        }

        return keys.ToArray();
    }

    /// <summary>Log-normal latencies around 50 µs, in nanoseconds.</summary>
    public static long[] LatenciesNanoseconds(int count, int seed)
    {
        var random = new Random(seed);
        var samples = new long[count];
        for (int i = 0; i < count; i++)
        {
            double gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            samples[i] = (long)Math.Exp(Math.Log(50_000) + 1.2 * gaussian);
        }
        return samples;
    }

    /// <summary>N distinct values uniform in [1, <paramref name="max"/>), in random order.</summary>
    public static long[] DistinctUniform(int count, long max, int seed)
    {
        var random = new Random(seed);
        var values = new HashSet<long>(count);
        while (values.Count < count)
        {
            values.Add(random.NextInt64(1, max));
        }

        return values.ToArray();
    }

    /// <summary>N points uniform in the unit cube of the given dimension, stored flat.</summary>
    public static double[] UniformPoints(int count, int dimensions, int seed)
    {
        var random = new Random(seed);
        var coordinates = new double[count * dimensions];
        for (int i = 0; i < coordinates.Length; i++)
        {
            coordinates[i] = random.NextDouble();
        }

        return coordinates;
    }
}
