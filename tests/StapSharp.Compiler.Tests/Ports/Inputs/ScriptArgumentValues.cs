// Source: systemtap
// Original: testsuite/systemtap.base/net-sanity.stp
// Area: tapset
// Faithful: no
// Differs: `$1` and `$2` are read through the globals value and ix, which [ScriptArgument] fields are
// Differs: (global value = $1): C# has no form of a script argument written in place.
// Arguments: 0 0
using StapSharp;
using static StapSharp.Stap;

/// <summary>The networking tapset's embedded-C helpers, given nonsense addresses.</summary>
public sealed class ScriptArgumentValues : ProbeScript
{
    [ScriptArgument(1)] static long value;
    [ScriptArgument(2)] static long ix;

    [Probe("begin(-1)")]
    void First() => Print("\n");

    [Probe("begin")]
    void Begin()
    {
        if (ix == 0) Print(Call<long>("__ip6_skb_proto", value));
        else if (ix == 1) Print(Call<long>("__get_skb_tcphdr", value));
        else if (ix == 2) Print(Call<long>("__get_skb_iphdr", value));
        else if (ix == 3) Print(Call<long>("tcp_ts_get_info_snd_ssthresh", value));
        else if (ix == 4) Print(Call<long>("tcp_ts_get_info_rcv_mss", value));
    }

    [Probe("begin(1)")]
    void Last()
    {
        Print("\n");
        Exit();
    }
}
