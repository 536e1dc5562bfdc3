using Xunit.Abstractions;
using Xunit.Sdk;

namespace StapSharp.EndToEnd.Tests.Remote;

/// <summary>Runs a class's tests in the order of their names: a test that kills a shared guest goes last.</summary>
public sealed class OrderByName : ITestCaseOrderer
{
    public const string TypeName = "StapSharp.EndToEnd.Tests.Remote.OrderByName";
    public const string Assembly = "StapSharp.EndToEnd.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
        testCases.OrderBy(test => test.TestMethod.Method.Name, StringComparer.Ordinal);
}
