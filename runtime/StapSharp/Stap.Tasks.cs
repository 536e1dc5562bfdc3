namespace StapSharp;

// Tasks: the kernel's task_struct seen through tapset accessors (tapset/linux/task.stp).
// A task is a long (a task_struct pointer): TaskCurrent(), TaskParent(t), or a target variable.
public static partial class Stap
{
    /// <summary><c>task_current()</c>: the current task_struct pointer.</summary>
    [StapFunction("task_current")] public static long TaskCurrent() => StapOnlyException.Throw<long>();

    /// <summary><c>task_parent(task)</c>: the parent task.</summary>
    [StapFunction("task_parent")] public static long TaskParent(long task) => StapOnlyException.Throw<long>();

    /// <summary><c>task_pid(task)</c>: the process id (tgid).</summary>
    [StapFunction("task_pid")] public static long TaskPid(long task) => StapOnlyException.Throw<long>();

    /// <summary><c>task_tid(task)</c>: the thread id.</summary>
    [StapFunction("task_tid")] public static long TaskTid(long task) => StapOnlyException.Throw<long>();

    /// <summary><c>task_execname(task)</c>: the task's program name.</summary>
    [StapFunction("task_execname")] public static string TaskExecName(long task) => StapOnlyException.Throw<string>();

    /// <summary><c>task_state(task)</c>: the scheduler state (0 running, 1 interruptible, 2 uninterruptible, ...).</summary>
    [StapFunction("task_state")] public static long TaskState(long task) => StapOnlyException.Throw<long>();

    /// <summary><c>task_nice(task)</c>.</summary>
    [StapFunction("task_nice")] public static long TaskNice(long task) => StapOnlyException.Throw<long>();

    /// <summary><c>task_prio(task)</c>: the scheduling priority.</summary>
    [StapFunction("task_prio")] public static long TaskPrio(long task) => StapOnlyException.Throw<long>();

    /// <summary><c>task_cpu(task)</c>: the CPU the task runs, or last ran, on.</summary>
    [StapFunction("task_cpu")] public static long TaskCpu(long task) => StapOnlyException.Throw<long>();

    /// <summary><c>task_uid(task)</c>.</summary>
    [StapFunction("task_uid")] public static long TaskUid(long task) => StapOnlyException.Throw<long>();

    /// <summary><c>task_gid(task)</c>.</summary>
    [StapFunction("task_gid")] public static long TaskGid(long task) => StapOnlyException.Throw<long>();

    /// <summary><c>task_euid(task)</c>.</summary>
    [StapFunction("task_euid")] public static long TaskEUid(long task) => StapOnlyException.Throw<long>();

    /// <summary><c>task_egid(task)</c>.</summary>
    [StapFunction("task_egid")] public static long TaskEGid(long task) => StapOnlyException.Throw<long>();

    /// <summary><c>task_open_file_handles(task)</c>: how many files the task has open.</summary>
    [StapFunction("task_open_file_handles")] public static long TaskOpenFileHandles(long task) => StapOnlyException.Throw<long>();

    /// <summary><c>task_max_file_handles(task)</c>: the task's open-file limit.</summary>
    [StapFunction("task_max_file_handles")] public static long TaskMaxFileHandles(long task) => StapOnlyException.Throw<long>();

    /// <summary><c>task_ns_pid(task)</c>: the process id in the task's own pid namespace (inside a container).</summary>
    [StapFunction("task_ns_pid")] public static long TaskNsPid(long task) => StapOnlyException.Throw<long>();

    /// <summary><c>task_start_time(tid)</c>: when the thread started, in nanoseconds since boot.</summary>
    [StapFunction("task_start_time")] public static long TaskStartTime(long tid) => StapOnlyException.Throw<long>();
}
