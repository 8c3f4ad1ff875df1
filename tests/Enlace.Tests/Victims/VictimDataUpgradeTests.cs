using System.Text;
using Enlace.Bench.Seed;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Victims;
using Enlace.Grains.Victims;
using Enlace.Tests.Cases;
using Enlace.Tests.Infrastructure;
using Npgsql;

namespace Enlace.Tests.Victims;

/// <summary>
/// A case stored before victims were people — 1.x/CTDC codes, one consent flag, the identity
/// in clear — is upgraded in place on its next activation, not reset.
/// </summary>
[Collection(CaseCollection.Name)]
public sealed class VictimDataUpgradeTests(CaseClusterFixture fixture)
{
    [Fact]
    public async Task AStoredCaseOfTheFirstWaveIsUpgradedInPlaceOnActivation()
    {
        var (id, state) = new CaseGenerator(TestCatalog.Shipped, fixture.Time.GetUtcNow(), seed: Random.Shared.Next(), firstReference: 710_000).Next();
        state.DataVersion = 0;
        state.LastVictimNumber = 0;
        state.Victims =
        [
            new VictimRecord { Code = "DEMO-001", AgeGroup = "9-17", Sex = "female", Citizenship = "BO", Exploitation = ["slavery-and-practices", "forced-criminality"], MeansOfControl = ["threats", "uses-children"], LegacyConsentToDataProcessing = true },
            new VictimRecord { Code = "DEMO-002", AgeGroup = "24-26", Sex = "transgender", Citizenship = "PE", Exploitation = ["forced-labour"] },
        ];
        state.LegacyIdentities["DEMO-001"] = new VictimIdentityRecord { FullName = "Eulogia Mamani Antigua", DocumentNumber = "BO-1111222" };
        state.LeadCountry = "PE";
        state.PartnerCountries = ["BO"];
        await using (var database = NpgsqlDataSource.Create(fixture.ConnectionString))
        {
            var writer = new SeedWriter(database, SeedCommand.StorageSerializer(), "svc-cases", TestCatalog.Reference.VictimValues);
            await writer.WriteAsync([(id, state)]);
        }

        var view = (await fixture.Case(id).Get(Callers.Coordinator())).Case!;

        Assert.Equal(["DEMO-001", "DEMO-002"], view.Victims.Select(v => v.Code));
        var child = view.Victims[0];
        Assert.Equal(("feminine", true, "presumed"), (child.Sex, child.IsMinor, child.IdentificationStatus));
        Assert.Equal(["servitude", "other"], child.Exploitation.ToArray());
        Assert.Equal(["physical-threats", "threatens-children-family"], child.MeansOfControl.ToArray());
        Assert.Equal(("data-processing", true), (child.Consents.Single().Purpose, child.Consents.Single().Given));
        Assert.True(child.HasIdentity);
        Assert.Equal(("non-conforming", false), (view.Victims[1].Sex, view.Victims[1].HasIdentity));
        Assert.Empty(view.Victims[1].Consents);

        var identity = await fixture.Case(id).ReadIdentity(new CommandContext(Callers.Coordinator()), new ReadIdentityCommand("DEMO-001", "Verificar la migración"));
        Assert.Equal(("Eulogia Mamani Antigua", "BO-1111222"), (identity.Identity!.FullName, identity.Identity.DocumentNumber));
        var added = await fixture.Case(id).AddVictim(new CommandContext(Callers.Coordinator()), Samples.Adult());
        Assert.Equal("V-3", added.Code);

        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT payload FROM orleans_grain_state WHERE state_name = 'case' AND grain_id_string = @id", connection);
        command.Parameters.AddWithValue("id", id);
        var payload = (byte[])(await command.ExecuteScalarAsync())!;
        Assert.Equal(-1, payload.AsSpan().IndexOf(Encoding.UTF8.GetBytes("Eulogia")));

        var history = (await History.ReadAsync(fixture.Client, fixture.ConnectionString, id, Callers.Coordinator()))!.Value;
        Assert.Contains(history, e => e.Kind == "data-upgraded" && e.Actor == "system");
        Assert.Null(AuditChain.FirstBroken(history));
    }
}
