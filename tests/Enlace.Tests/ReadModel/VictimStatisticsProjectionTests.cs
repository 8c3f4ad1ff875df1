using Enlace.Grains.Cases;
using Enlace.Grains.Victims;
using Enlace.Silo.ReadModel;
using Enlace.Tests.Infrastructure;
using Enlace.WebGateway.Statistics;
using Npgsql;

namespace Enlace.Tests.ReadModel;

/// <summary>
/// The victims' statistics facts: which victims count, what a fact holds, and how the case
/// projection writes them (only forward by storage version, only victims that changed).
/// </summary>
public sealed class VictimStatisticsProjectionTests
{
    private static readonly Guid FactId = Guid.NewGuid();

    [Fact]
    public void AVictimCountsWithStatisticsConsentOrWithoutAnIdentityUnlessTheyRefused()
    {
        var state = Case(Victim());
        var victim = state.Victims[0];
        Assert.True(VictimFacts.Counts(state, victim));

        state.SealedIdentities[victim.Code] = new SealedIdentity();
        Assert.False(VictimFacts.Counts(state, victim));

        victim.Consents.Add(new ConsentRecord { Purpose = IdentityRules.Statistics, Given = true });
        Assert.True(VictimFacts.Counts(state, victim));

        victim.Consents[0].Given = false;
        Assert.False(VictimFacts.Counts(state, victim));

        victim.Consents[0] = new ConsentRecord { Purpose = IdentityRules.DataProcessing, Given = true };
        Assert.False(VictimFacts.Counts(state, victim));

        // Without an identity a victim counts, unless they refused: a refusal is honoured.
        state.SealedIdentities.Clear();
        Assert.True(VictimFacts.Counts(state, victim));
        victim.Consents.Add(new ConsentRecord { Purpose = IdentityRules.Statistics, Given = false });
        Assert.False(VictimFacts.Counts(state, victim));
    }

    [Fact]
    public void AFactHoldsTheLeadCountryTheUtcYearAndTheBroadAgeBand()
    {
        var state = Case(Victim());
        state.OpenedAt = new DateTimeOffset(2025, 12, 31, 20, 0, 0, TimeSpan.FromHours(-5));

        var fact = VictimFacts.Of(state, state.Victims[0], TestCatalog.Shipped.Reference.VictimValues);

        Assert.Equal(new VictimFact(FactId, "PE", 2026, "feminine", "18-29", "BO", fact.Exploitation, null, "presumed", true), fact);
        Assert.Equal(["forced-labour"], fact.Exploitation);
    }

    [Fact]
    public void RowsUnderKAreLeftOutAndOnlyTheirNumberIsTold()
    {
        VictimStatisticsRow Row(long count) => new() { Sex = "feminine", Count = count };

        var (rows, suppressed) = KAnonymity.Apply([Row(12), Row(11), Row(10), Row(1)], 11);

        Assert.Equal([12L, 11L], rows.Select(r => r.Count));
        Assert.Equal(2, suppressed);
    }

    [Fact]
    public async Task AStatisticsFactMovesOnlyForwardAndOnlyWhenItsVictimChanged()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("facts");
        await using var database = NpgsqlDataSource.Create(connectionString);
        var projection = new PostgresCaseProjection(database, TestCatalog.Shipped);
        var id = $"c{Guid.NewGuid():N}";

        var state = Case(Victim());
        await projection.ProjectAsync(id, state, 5, 0);
        Assert.Equal("5 BO 18-29 true", await FactAsync(database));

        // A late projection of an older storage version changes nothing.
        var stale = Case(Victim(citizenship: "AR"));
        stale.Version = 2;
        await projection.ProjectAsync(id, stale, 4, 0);
        Assert.Equal("5 BO 18-29 true", await FactAsync(database));

        // A victim at the version the activation already projected is not sent again.
        var unchanged = Case(Victim(citizenship: "CL"));
        unchanged.Version = 3;
        await projection.ProjectAsync(id, unchanged, 6, 0, projectedVictims: new Dictionary<string, int> { ["V-1"] = 1 });
        Assert.Equal("5 BO 18-29 true", await FactAsync(database));

        // A changed victim (an identity recorded, no statistics consent) is.
        var changed = Case(Victim(version: 2, ageGroup: "30-38"));
        changed.Version = 4;
        changed.SealedIdentities["V-1"] = new SealedIdentity();
        await projection.ProjectAsync(id, changed, 7, 0, projectedVictims: new Dictionary<string, int> { ["V-1"] = 1 });
        Assert.Equal("7 BO 30-47 false", await FactAsync(database));
    }

    private static CaseState Case(VictimRecord victim) => new()
    {
        Reference = $"PE-2026-{Random.Shared.Next(900_000, 999_999)}",
        WorkflowId = "trafficking-case",
        WorkflowVersion = 1,
        Title = "Hechos",
        Summary = "Resumen",
        Stage = "report",
        LeadCountry = "PE",
        Version = 1,
        OpenedAt = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero),
        Victims = [victim],
    };

    private static VictimRecord Victim(int version = 1, string citizenship = "BO", string ageGroup = "21-23") => new()
    {
        Code = "V-1",
        Version = version,
        StatisticsId = FactId,
        Sex = "feminine",
        AgeGroup = ageGroup,
        Citizenship = citizenship,
        Exploitation = ["forced-labour"],
        IdentificationStatus = "presumed",
    };

    private static async Task<string> FactAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand("SELECT format('%s %s %s %s', storage_version, citizenship, age_broad, counts::text) FROM rm_victim_facts");
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
