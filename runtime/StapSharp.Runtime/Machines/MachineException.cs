namespace StapSharp.Runtime.Machines;

/// <summary>
/// A VM that cannot be built or started for a reason the user can fix: <see cref="Exception.Message"/> says what is
/// wrong and <see cref="FixCommand"/>, where there is one, the command that fixes it. The toolchain and the run targets
/// hand it on as their own user-facing error.
/// </summary>
internal sealed class MachineException(string message, string? fixCommand = null) : Exception(message)
{
    /// <summary>The command that fixes the problem, when one is known.</summary>
    public string? FixCommand { get; } = fixCommand;
}
