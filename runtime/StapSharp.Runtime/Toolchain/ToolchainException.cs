using StapSharp.Runtime.Machines;

namespace StapSharp.Runtime.Toolchain;

/// <summary>
/// A failure the user can fix: the message says what is wrong and, where there is one,
/// the exact command that fixes it. Callers print <see cref="Exception.Message"/>, not the stack.
/// </summary>
public sealed class ToolchainException : Exception
{
    /// <summary>Creates the exception with a user-facing message.</summary>
    public ToolchainException(string message, string? fixCommand = null, Exception? inner = null)
        : base(fixCommand is null ? message : $"{message}\n  fix: {fixCommand}", inner)
    {
        FixCommand = fixCommand;
    }

    /// <summary>The command that fixes the problem, when one is known.</summary>
    public string? FixCommand { get; }

    /// <summary>Runs <paramref name="work"/> on a VM; the VM's own user-facing failure is told the same way as every other.</summary>
    internal static async Task<T> FromMachineAsync<T>(Func<Task<T>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (MachineException machine)
        {
            throw new ToolchainException(machine.Message, machine.FixCommand, machine);
        }
    }
}
