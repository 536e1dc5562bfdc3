namespace StapSharp.Compiler.Tests.Robustness;

/// <summary>
/// Runs a reproducer so that one which hangs (as they did before their fixes) fails its test instead
/// of hanging the suite. The limit is generous on purpose: it is never an assertion of speed.
/// </summary>
internal static class SafetyNet
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    public static async Task<T> Run<T>(Func<T> work)
    {
        var task = Task.Run(work);
        if (await Task.WhenAny(task, Task.Delay(Limit)) != task)
        {
            Assert.Fail($"did not finish within {Limit.TotalMinutes} minutes");
        }

        return await task;
    }

    public static Task Run(Action work) => Run(() =>
    {
        work();
        return true;
    });
}
