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
        : base($"event type {typeFullName} changed since the module was built (module {moduleHash}, program {programHash}): " +
               "rebuild the module from the same source as the program (stapsharp build), then run it again")
    {
        TypeFullName = typeFullName;
        ModuleHash = moduleHash;
        ProgramHash = programHash;
    }

    /// <summary>The record's full name.</summary>
    public string TypeFullName { get; }

    /// <summary>The type hash the module declares.</summary>
    public string ModuleHash { get; }

    /// <summary>The type hash of the program's decoder.</summary>
    public string ProgramHash { get; }
}
