namespace SyscallLatencyReport;

/// <summary>A program (execname) and one of its system calls: the unit the report groups by.</summary>
internal readonly record struct SyscallKey(string ExecName, string Syscall) : IComparable<SyscallKey>
{
    public int CompareTo(SyscallKey other)
    {
        var byProgram = string.CompareOrdinal(ExecName, other.ExecName);
        return byProgram != 0 ? byProgram : string.CompareOrdinal(Syscall, other.Syscall);
    }

    public override string ToString() => $"{ExecName} {Syscall}";
}
