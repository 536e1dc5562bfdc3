using StapSharp.Compiler.Bound;
using StapSharp.Compiler.IR;

namespace StapSharp.Compiler.Lowering;

/// <summary>
/// Lowers one bound probe, alias or function body to stap IR: every bound construct to its stap form,
/// one file per construct. A construct that becomes several statements (an <c>Emit</c>) joins the
/// block around it.
/// </summary>
internal sealed class BodyLowering : BoundTreeRewriter
{
    private readonly Func<string, string> _freshLocal;

    private BodyLowering(Func<string, string> freshLocal) => _freshLocal = freshLocal;

    /// <param name="body">The bound body.</param>
    /// <param name="freshLocal">Claims a local name in the body's scope, for the temporaries a lowering needs.</param>
    public static Block Lower(Block body, Func<string, string> freshLocal) => new BodyLowering(freshLocal).RewriteBlock(body);

    protected override Statement Lower(BoundEmit emit) => new Block(emit.Span, EmitLowering.Lower(emit, _freshLocal));

    protected override Statement Lower(BoundBuildConditional conditional) => BuildConditionLowering.Lower(conditional);

    protected override Expression Lower(BoundInterpolation interpolation) => InterpolationLowering.Lower(interpolation);

    protected override Expression Lower(BoundPrint print) => PrintLowering.Lower(print);

    protected override Expression Lower(BoundBuildConditionalExpression conditional) => BuildConditionLowering.Lower(conditional);
}
