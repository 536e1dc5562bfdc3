// Source: systemtap
// Original: tapset/linux/vfs.stp
// Area: tapset
// Faithful: no
// Differs: the port is one function of the tapset, __page_index, which reads a page's index where the kernel
//   keeps it (struct page's index, struct folio's, or struct page's __folio_index), and a probe of its own
//   that calls it on block_dirty_folio's folio, as the tapset's vfs.__set_page_dirty_buffers does.
//   The function is __page_index_: a user function named like a tapset one is respelled, and this is the
//   installed tapset's own
// Guru: yes
using StapSharp;
using static StapSharp.Stap;

/// <summary>A page's index, from whichever member the kernel's struct page or struct folio has.</summary>
[Guru]
public sealed class PageIndex : ProbeScript
{
    static long __page_index(long page)
    {
        if (TypeMemberDefined("struct page", "index"))
            return Cast(page, "page").Long("index");
        if (TypeMemberDefined("struct folio", "index"))
            return Cast(page, "folio").Long("index");
        if (TypeMemberDefined("struct page", "__folio_index"))
            return Cast(page, "page").Long("__folio_index");
        return 0;
    }

    [Probe("kernel.function(\"block_dirty_folio\")")]
    void BlockDirtyFolio() => Printf("%d\n", __page_index(Var.Long("folio")));
}
