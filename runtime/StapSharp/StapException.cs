namespace StapSharp;

/// <summary>
/// A SystemTap run-time error (<c>error("...")</c>, a division by zero, a memory fault while reading
/// a pointer), caught with <c>try { ... } catch (StapException e) { ... e.Message ... }</c>, which is
/// stap's <c>try { ... } catch (msg) { ... }</c>. Never thrown in .NET code.
/// </summary>
public sealed class StapException : Exception
{
    private StapException()
    {
    }
}
