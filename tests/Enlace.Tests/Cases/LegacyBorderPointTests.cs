using Enlace.Bench.Seed;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Tests.Infrastructure;
using Npgsql;

namespace Enlace.Tests.Cases;

/// <summary>A case stored when border points were free text keeps what it stored, readable and writable.</summary>
[Collection(CaseCollection.Name)]
public sealed class LegacyBorderPointTests(CaseClusterFixture fixture)
{
    [Fact]
    public async Task AStoredFreeTextBorderPointIsShownAsItIsAndSurvivesTheNextWrite()
    {
        var (id, state) = new CaseGenerator(TestCatalog.Shipped, fixture.Time.GetUtcNow(), seed: Random.Shared.Next(), firstReference: 720_000).Next();
        state.BorderPoint = "Desaguadero";
        state.LeadCountry = "PE";
        state.PartnerCountries = ["BO"];
        await using (var database = NpgsqlDataSource.Create(fixture.ConnectionString))
        {
            await new SeedWriter(database, SeedCommand.StorageSerializer(), "svc-cases", TestCatalog.Reference.VictimValues).WriteAsync([(id, state)]);
        }

        var before = await fixture.Case(id).Get(Callers.Coordinator());
        var noted = await fixture.Case(id).AddNote(new CommandContext(Callers.Coordinator()), new AddNoteCommand("Reunión en el puesto de control", null));

        Assert.Equal((CaseOutcome.Ok, "Desaguadero"), (before.Outcome, before.Case!.BorderPoint));
        Assert.True(noted.Succeeded, $"note on {id}: {noted.Outcome} {noted.Detail}");
        Assert.Equal("Desaguadero", noted.Case!.BorderPoint);
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT border_point FROM rm_cases WHERE case_id = @id", connection);
        read.Parameters.AddWithValue("id", id);
        Assert.Equal("Desaguadero", await read.ExecuteScalarAsync());
    }
}
