// Source: systemtap
// Original: testsuite/systemtap.base/net-sanity.stp
// Area: tapset
// Faithful: yes
// Arguments: 0 0
using StapSharp;
using static StapSharp.Stap;

/// <summary>The networking tapset's embedded-C helpers, given nonsense addresses.</summary>
public sealed class ScriptArgumentValues : ProbeScript
{
    [Probe("begin(-1)")]
    void First() => Print("\n");

    [Probe("begin")]
    void Begin()
    {
        if (Var.Argument(2) == 0) Print(Call<long>("__ip6_skb_proto", Var.Argument(1)));
        else if (Var.Argument(2) == 1) Print(Call<long>("__get_skb_tcphdr", Var.Argument(1)));
        else if (Var.Argument(2) == 2) Print(Call<long>("__get_skb_iphdr", Var.Argument(1)));
        else if (Var.Argument(2) == 3) Print(Call<long>("tcp_ts_get_info_snd_ssthresh", Var.Argument(1)));
        else if (Var.Argument(2) == 4) Print(Call<long>("tcp_ts_get_info_rcv_mss", Var.Argument(1)));
    }

    [Probe("begin(1)")]
    void Last()
    {
        Print("\n");
        Exit();
    }
}
