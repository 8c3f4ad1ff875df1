using Enlace.Grains.Cases;
using Enlace.Grains.Hosting;
using Enlace.Grains.Roadmaps;
using Enlace.Silo.Hosting;
using Enlace.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Enlace.Tests.Cases;

/// <summary>
/// An agency acts in a case while a task of its own is in its hands and for the grace period after
/// the last one left them; then it only looks. The same holds for the responsible agencies of a
/// roadmap action once the action ended. Pure rules, no cluster.
/// </summary>
public sealed class ParticipationRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    [Fact]
    public void AnAgencyWithoutATaskTakesNoPart() =>
        Assert.Equal(ParticipationStatus.None, Participation.Of(Case(Task("PE-MIMP", "assigned")), "PE-MP-FISTRAP", Now, Week));

    [Theory]
    [InlineData("assigned")]
    [InlineData("accepted")]
    [InlineData("in_progress")]
    public void ATaskInItsHandsMakesTheAgencyActive(string state) =>
        Assert.Equal(ParticipationStatus.Active, Participation.Of(Case(Task("PE-MIMP", "completed", closedHoursAgo: 30 * 24), Task("PE-MIMP", state)), "PE-MIMP", Now, Week));

    [Theory]
    [InlineData("completed")]
    [InlineData("declined")]
    [InlineData("cancelled")]
    public void AClosedTaskLeavesTheAgencyActingUntilTheGracePeriodEnds(string state)
    {
        var closed = Case(Task("PE-MIMP", state, closedHoursAgo: 165));

        var within = Participation.Of(closed, "PE-MIMP", Now, Week);
        var after = Participation.Of(closed, "PE-MIMP", Now.AddHours(3), Week);

        Assert.Equal((ParticipationStage.Grace, true, Now.AddHours(3)), (within.Stage, within.Acts, within.EndsAt));
        Assert.Equal((ParticipationStage.Ended, false), (after.Stage, after.Acts));
    }

    [Fact]
    public void TheLastTaskToCloseStartsTheGracePeriod()
    {
        var status = Participation.Of(Case(Task("PE-MIMP", "completed", closedHoursAgo: 20 * 24), Task("PE-MIMP", "declined", closedHoursAgo: 2 * 24)), "PE-MIMP", Now, Week);

        Assert.Equal((ParticipationStage.Grace, Now.AddDays(5)), (status.Stage, status.EndsAt));
    }

    [Fact]
    public void WithNoGracePeriodThePartEndsWhenTheLastTaskCloses() =>
        Assert.Equal(ParticipationStage.Ended, Participation.Of(Case(Task("PE-MIMP", "completed", closedHoursAgo: 0)), "PE-MIMP", Now, TimeSpan.Zero).Stage);

    [Fact]
    public void AClosedCaseFreezesItsTasksSoTheirAgenciesPartRunsFromTheClosingButCareTasksStayInHand()
    {
        var state = Case(Task("PE-MP-FISTRAP", "in_progress"), Task("PE-MIMP", "accepted", care: true));
        state.ClosedAt = Now.AddDays(-10);

        var frozen = Participation.Of(state, "PE-MP-FISTRAP", Now, Week);
        Assert.Equal((ParticipationStage.Ended, state.ClosedAt + Week), (frozen.Stage, frozen.EndsAt));
        Assert.Equal(ParticipationStatus.Active, Participation.Of(state, "PE-MIMP", Now, Week));
    }

    [Fact]
    public void ATaskStoredBeforeClosingsWereRecordedCountsFromItsLastChange()
    {
        var legacy = Task("PE-MIMP", "completed");
        legacy.UpdatedAt = Now.AddDays(-3);

        var status = Participation.Of(Case(legacy), "PE-MIMP", Now, Week);
        Assert.Equal((ParticipationStage.Grace, Now.AddDays(4)), (status.Stage, status.EndsAt));
    }

    [Fact]
    public void AResponsibleAgencyOfAnEndedActionActsOnlyWithinTheGracePeriodButStillSeesIt()
    {
        var action = new RoadmapActionState { Title = "Campaña", Countries = ["PE", "BO"], ResponsibleAgencies = ["PE-MIMP"], EndedAt = Now.AddDays(-8) };
        var agent = Callers.Agent("PE-MIMP");
        var options = new ParticipationOptions();

        var running = new ActionAccess(action, agent, ended: false, options, Now);
        var ended = new ActionAccess(action, agent, ended: true, options, Now);
        var recently = new ActionAccess(action, agent, ended: true, options, Now.AddDays(-2));

        Assert.Equal((true, true, true), (running.IsResponsible, running.CanSee, running.Capacities.Contains("responsible")));
        Assert.Equal((false, true, false), (ended.IsResponsible, ended.CanSee, ended.Capacities.Contains("responsible")));
        Assert.Contains("ended on", ended.EndedPart, StringComparison.Ordinal);
        Assert.True(recently.IsResponsible, "within the grace period the agency still acts");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("366")]
    public void AGracePeriodOutsideZeroToAYearIsRefusedWhenTheOptionsAreRead(string days)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Participation:GraceDays"] = days }).Build();
        using var services = new ServiceCollection()
            .AddEnlaceGrains(TestCatalog.Shipped, TestKeys.Vault, EnlaceSiloBuilderExtensions.Privacy(configuration))
            .Configure<ParticipationOptions>(configuration.GetSection(ParticipationOptions.SectionName))
            .BuildServiceProvider();

        var refusal = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ParticipationOptions>>().Value);
        Assert.Contains("Participation:GraceDays must be a whole number of days from 0 to 365", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithNothingConfiguredTheGracePeriodIsAWeek()
    {
        using var services = new ServiceCollection().AddEnlaceGrains(TestCatalog.Shipped, TestKeys.Vault).BuildServiceProvider();

        Assert.Equal(7, services.GetRequiredService<IOptions<ParticipationOptions>>().Value.GraceDays);
    }

    private static CaseState Case(params CaseTask[] tasks) => new() { Reference = "PE-2026-000001", LeadCountry = "PE", Tasks = [.. tasks] };

    private static CaseTask Task(string agency, string state, int? closedHoursAgo = null, bool care = false) => new()
    {
        Id = $"t{Guid.NewGuid():N}",
        Agency = agency,
        State = state,
        Care = care,
        UpdatedAt = Now.AddDays(-40),
        ClosedAt = closedHoursAgo is { } hours ? Now.AddHours(-hours) : null,
    };
}
