using CsCheck;
using StapSharp.Runtime.Aggregation;

namespace StapSharp.Runtime.Tests.Aggregation;

public class LogLinearCellsTests
{
    private static readonly Gen<long> Values = Gen.Frequency(
        (4, Gen.Long),
        (4, Gen.Long[-5_000, 5_000]),
        (2, Gen.Int[0, 63].Select(bits => 1L << bits).SelectMany(power => Gen.Long[-2, 2].Select(offset => unchecked(power + offset)))),
        (1, Gen.OneOf<long>(long.MinValue, long.MinValue + 1, -1, 0, 1, long.MaxValue - 1, long.MaxValue)));

    [Fact]
    public void Every_value_lies_in_its_cell_and_its_residual_is_its_distance_from_the_cell_start()
    {
        Values.Sample(value =>
        {
            int cell = LogLinearCells.Locate(value, out ulong residual);
            Assert.Equal(cell, LogLinearCells.IndexOf(value));
            var (low, widthLog2) = LogLinearCells.Bounds(cell);
            Assert.True(low <= value, $"{value} is below its cell's start {low}");
            Assert.True((ulong)(value - low) < 1UL << widthLog2, $"{value} is past its cell [{low}, +2^{widthLog2})");
            Assert.Equal((ulong)(value - low), residual);
        }, iter: 20_000);
    }

    [Fact]
    public void Cell_order_follows_value_order()
    {
        Gen.Select(Values, Values).Sample((a, b) =>
        {
            if (a < b)
            {
                Assert.True(LogLinearCells.IndexOf(a) <= LogLinearCells.IndexOf(b));
            }
            else if (a > b)
            {
                Assert.True(LogLinearCells.IndexOf(a) >= LogLinearCells.IndexOf(b));
            }
            else
            {
                Assert.Equal(LogLinearCells.IndexOf(a), LogLinearCells.IndexOf(b));
            }
        }, iter: 20_000);
    }

    [Fact]
    public void Cells_tile_the_whole_long_line_and_are_at_most_a_32nd_of_their_values_wide()
    {
        Assert.Equal(long.MinValue, LogLinearCells.Bounds(0).Low);
        for (int cell = 0; cell < LogLinearCells.Count; cell++)
        {
            var (low, widthLog2) = LogLinearCells.Bounds(cell);
            long last = low + ((1L << widthLog2) - 1);
            Assert.Equal(cell, LogLinearCells.IndexOf(low));
            Assert.Equal(cell, LogLinearCells.IndexOf(last));
            if (cell + 1 < LogLinearCells.Count)
            {
                Assert.Equal(last + 1, LogLinearCells.Bounds(cell + 1).Low);
            }
            else
            {
                Assert.Equal(long.MaxValue, last);
            }
            // Relative width: cells near zero are single values, the rest at most |low| / 32 wide.
            long magnitude = low >= 0 ? low : ~last;
            if (widthLog2 > 0)
            {
                Assert.True(1L << widthLog2 <= magnitude >> LogLinearCells.SubBucketBits);
            }
        }
    }
}
