namespace StapSharp.Runtime.Events;

/// <summary>
/// The module was built from a different definition of an event record than the program reading it:
/// decoding its frames would give wrong values, so they are not decoded with the program's decoder.
/// </summary>
public sealed class EventSchemaException : Exception
{
    /// <param name="typeFullName">The record's full name.</param>
    /// <param name="moduleHash">The hash in the module's <c>T</c> line.</param>
    /// <param name="programHash">The hash the program's decoder was generated for.</param>
    public EventSchemaException(string typeFullName, string moduleHash, string programHash)
        : this(typeFullName, moduleHash, programHash,
               $"event type {typeFullName} changed since the module was built (module {moduleHash}, program {programHash}): " +
               "rebuild the module from the same source as the program (stapsharp build), then run it again")
    {
    }

    private EventSchemaException(string typeFullName, string moduleHash, string programHash, string message)
        : base(message)
    {
        TypeFullName = typeFullName;
        ModuleHash = moduleHash;
        ProgramHash = programHash;
    }

    /// <summary>
    /// The module's schema arrived damaged: a type line did not read, and <paramref name="typeFullName"/>, which the
    /// program reads, is not among the types that did, so its events may be the ones that cannot be decoded.
    /// </summary>
    /// <param name="typeFullName">The record's full name.</param>
    /// <param name="programHash">The hash the program's decoder was generated for.</param>
    /// <param name="unreadableIds">The type ids whose lines did not read.</param>
    public static EventSchemaException Damaged(string typeFullName, string programHash, IEnumerable<int> unreadableIds) =>
        new(typeFullName, string.Empty, programHash,
            $"the module's schema arrived damaged: the type line of event type id {string.Join(", ", unreadableIds)} did not read, " +
            $"and {typeFullName} is not among the types that did, so its events may be lost (each is counted as a decode error); " +
            "the output was damaged between the module and this reader: run it again");

    /// <summary>The record's full name.</summary>
    public string TypeFullName { get; }

    /// <summary>The type hash the module declares (empty when its type line was damaged).</summary>
    public string ModuleHash { get; }

    /// <summary>The type hash of the program's decoder.</summary>
    public string ProgramHash { get; }
}
