using Enlace.Tests.Infrastructure;
using Enlace.WebGateway.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Enlace.Tests.Gateway;

/// <summary>
/// The gateway's and the silo's read-model data sources neither reset a pooled connection on every
/// checkout (No Reset On Close) nor parse and plan again a statement they run often (Max Auto
/// Prepare): a statement run repeatedly on one of their connections is prepared there.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class DataSourceSettingsTests(GatewayFixture fixture)
{
    [Fact]
    public void TheGatewaysConnectionStringTurnsOffTheResetAndPreparesStatementsKeepingAChosenNumber()
    {
        var pooled = new NpgsqlConnectionStringBuilder(GatewayDatabase.Pooled("Host=127.0.0.1;Username=enlace_gateway"));
        Assert.True(pooled.NoResetOnClose);
        Assert.Equal(GatewayDatabase.AutoPrepared, pooled.MaxAutoPrepare);
        Assert.Equal(5, new NpgsqlConnectionStringBuilder(GatewayDatabase.Pooled("Host=127.0.0.1;Max Auto Prepare=5")).MaxAutoPrepare);
    }

    [Fact]
    public async Task AStatementTheGatewayOrTheReadModelRunsOftenIsPreparedOnItsConnection()
    {
        foreach (var (process, services) in new[] { ("gateway", fixture.Gateway.Services), ("silo", fixture.SiloServices) })
        {
            var source = services.GetRequiredService<NpgsqlDataSource>();
            var settings = new NpgsqlConnectionStringBuilder(source.ConnectionString);
            Assert.True(settings.NoResetOnClose, process);
            Assert.True(settings.MaxAutoPrepare > 0, process);

            await using var connection = await source.OpenConnectionAsync();
            var probe = $"probe_{process}_{Guid.NewGuid():N}";
            for (var i = 0; i < 6; i++)
            {
                await using var query = new NpgsqlCommand($"SELECT 1 AS {probe}", connection);
                await query.ExecuteScalarAsync();
            }

            await using var prepared = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE @probe", connection);
            prepared.Parameters.AddWithValue("probe", $"%{probe}%");
            Assert.True((long)(await prepared.ExecuteScalarAsync())! == 1, $"{process}: the statement run six times is not prepared");
        }
    }
}
