using System.Reflection;
using Enlace.Grains.Cases;
using Enlace.Grains.Interfaces.Cases;

namespace Enlace.Tests.Foundation;

/// <summary>
/// Orleans' ADO.NET storage keys rows by grain key and state name only, not by grain
/// type (FACTS.md): every persistent state needs a name unique to its grain type, and
/// no grain key may be all digits.
/// </summary>
public sealed class GrainConventionTests
{
    [Fact]
    public void EveryPersistentStateHasANameUniqueToItsGrainType()
    {
        var states = typeof(CaseGrain).Assembly.GetTypes()
            .Where(t => typeof(Grain).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetConstructors().SelectMany(c => c.GetParameters())
                .Select(p => p.GetCustomAttribute<PersistentStateAttribute>())
                .OfType<PersistentStateAttribute>()
                .Select(a => (Grain: t.Name, a.StateName)))
            .ToList();

        Assert.True(states.Count >= 2, "no persistent states found: the scan is broken");
        var shared = states.GroupBy(s => s.StateName).Where(g => g.Select(s => s.Grain).Distinct().Count() > 1).ToList();
        Assert.True(shared.Count == 0, "state names used by several grain types: " + string.Join("; ", shared.Select(g => $"{g.Key}: {string.Join(", ", g.Select(s => s.Grain))}")));
    }

    [Fact]
    public void CaseIdsAreNeverAllDigitsAndAllDigitIdsAreRejected()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => CaseIds.New())
            .Append(CaseIds.ForIdempotencyKey("u1", "k1"))
            .ToList();

        Assert.All(ids, id => Assert.True(CaseIds.IsValid(id) && !id.All(char.IsAsciiDigit), id));
        Assert.False(CaseIds.IsValid("12345678901234567890123456789012"));
        Assert.False(CaseIds.IsValid("123"));
        Assert.Equal(CaseIds.ForIdempotencyKey("u1", "k1"), CaseIds.ForIdempotencyKey("u1", "k1"));
        Assert.NotEqual(CaseIds.ForIdempotencyKey("u1", "k1"), CaseIds.ForIdempotencyKey("u2", "k1"));
    }
}
