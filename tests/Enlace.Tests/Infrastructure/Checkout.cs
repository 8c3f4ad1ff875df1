namespace Enlace.Tests.Infrastructure;

/// <summary>The checkout these tests were built from, and its build output.</summary>
public static class Checkout
{
    /// <summary>The folder holding <c>Workflow.sln</c>, <c>run</c> and <c>test</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration these tests were built in (Release under <c>./test</c>).</summary>
    public static string Configuration { get; } = BinDirectory().Parent!.Name;

    /// <summary>The target framework folder of the build (<c>net10.0</c>).</summary>
    public static string TargetFramework { get; } = BinDirectory().Name;

    private static DirectoryInfo BinDirectory() => new(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));

    // tests/Enlace.Tests/bin/<configuration>/<framework>/ → the checkout.
    private static string FindRoot()
    {
        var root = BinDirectory().Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        return File.Exists(Path.Combine(root, "Workflow.sln"))
            ? root
            : throw new InvalidOperationException($"no Workflow.sln in {root}: the tests are not running from a checkout's build output");
    }
}
