namespace StapSharp.Packaging.Tests.Support;

/// <summary>
/// The packaging tests share one pack of every package and run one after another: each restores, builds or
/// installs, and the machine has two cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PackedPackagesCollection : ICollectionFixture<PackedPackages>
{
    public const string Name = "Packed packages";
}
