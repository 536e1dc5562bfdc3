// Source: systemtap
// Original: tapset/bpf/uconversions.stp
// Area: language
// Faithful: no
// Differs: the port is one function of the tapset, __signext, which sign-extends the low `size` bytes of a
//   value by a shift of a computed count, and a begin probe of its own that calls it; the rest of the tapset
//   is stapbpf's assembler and the user-memory readers built on it. The function is __signext_: a user function
//   named like a tapset one is respelled, and this is the installed bpf tapset's own
// Guru: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>Two's-complement sign extension of a value's low bytes, with a mask shifted by a count computed from the size.</summary>
[Guru]
public sealed class SignExtend : ProbeScript
{
    static long __signext(long src, long size)
    {
        // XXX 2'S COMPLEMENT; assumes upper bits of size are zero
        // as provided by __bpf_probe_read_user_error()
        long bits = 8 * size;
        long mask = 1L << (int)(bits - 1);
        return (src ^ mask) - mask;
    }

    [Probe("begin")]
    void Begin()
    {
        Printf("%d %d\n", __signext(0xff, 1), __signext(0x7fff, 2));
        Exit();
    }
}
