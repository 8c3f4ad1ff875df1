using Enlace.Grains.Workflows.Definitions;
using Enlace.Tests.Infrastructure;

namespace Enlace.Tests.Workflows;

/// <summary>One test per kind of error the loader and validator report, each naming file, path and line.</summary>
public sealed class WorkflowValidatorTests
{
    private const string Valid = """
        id: sample-case
        version: 1
        kind: case
        title: { es: Ejemplo, en: Sample }
        initialState: open
        resolutions: [done]
        states:
          - name: open
            title: { es: Abierto, en: Open }
            tasks:
              - title: { es: Investigar, en: Investigate }
                assign: { agencyKind: police, country: lead }
                dueIn: P3D
                tags: [inquiry]
          - name: closed
            title: { es: Cerrado, en: Closed }
            terminal: true
        triggers:
          - name: close
            title: { es: Cerrar, en: Close }
            from: [open]
            to: closed
            roles: [coordinator]
            requiresResolution: true
            guards:
              tasksCompleted: [inquiry]
        """;

    [Fact]
    public void TheSampleDefinitionIsValid()
    {
        var catalog = Load(Valid);

        Assert.Equal("sample-case", Assert.Single(catalog.All).Id);
    }

    [Fact]
    public void AYamlSyntaxErrorNamesTheLine()
    {
        var error = SingleError(Valid.Replace("initialState: open", "initialState: [open"));

        Assert.Equal("sample.yaml", error.File);
        Assert.NotNull(error.Line);
        Assert.InRange(error.Line!.Value, 5, 8);
    }

    [Fact]
    public void AnUnknownKeyIsAnErrorNotIgnored()
    {
        var error = SingleError(Valid.Replace("    requiresResolution: true", "    requiresResolutoin: true"));

        Assert.Contains("requiresResolutoin", error.Message);
        Assert.Equal(24, error.Line);
    }

    [Fact]
    public void AnUnknownTargetStateIsReported()
    {
        var error = SingleError(Valid.Replace("to: closed", "to: finished"), e => e.Path == "triggers[0].to");

        Assert.Equal("unknown state 'finished'", error.Message);
        Assert.Equal(22, error.Line);
    }

    [Fact]
    public void AnUnknownSourceStateIsReported()
    {
        var error = SingleError(Valid.Replace("from: [open]", "from: [open, pending]"), e => e.Path == "triggers[0].from[1]");

        Assert.Equal("unknown state 'pending'", error.Message);
    }

    [Fact]
    public void AnUnknownInitialStateIsReported()
    {
        var error = SingleError(Valid.Replace("initialState: open", "initialState: draft"), e => e.Path == "initialState");

        Assert.Equal("unknown state 'draft'", error.Message);
        Assert.Equal(5, error.Line);
    }

    [Fact]
    public void ATriggerWithoutTargetIsReported()
    {
        var error = SingleError(Valid.Replace("    to: closed\n", ""), e => e.Path == "triggers[0].to");

        Assert.Equal("trigger 'close' has no target state (only a trigger with an effect or tasks may stay in its state)", error.Message);
    }

    [Fact]
    public void AnUnreachableStateIsReported()
    {
        var yaml = Valid.Replace("  - name: closed\n", "  - name: limbo\n    title: { es: Limbo, en: Limbo }\n    terminal: true\n  - name: closed\n");

        var error = SingleError(yaml, e => e.Message.Contains("cannot be reached"));

        Assert.Equal("state 'limbo' cannot be reached from the initial state 'open'", error.Message);
        Assert.Equal("states[1]", error.Path);
    }

    [Fact]
    public void ANonTerminalStateWithNoWayOutIsReported()
    {
        var yaml = Valid.Replace("to: closed", "to: review").Replace("  - name: closed\n", "  - name: review\n    title: { es: Revisión, en: Review }\n  - name: closed\n");

        var errors = Errors(yaml);

        Assert.Contains(errors, e => e.Message == "state 'review' is not terminal but no trigger leaves it");
    }

    [Fact]
    public void DuplicateStateNamesAreReported()
    {
        var yaml = Valid.Replace("  - name: closed\n", "  - name: open\n    title: { es: Otra, en: Other }\n    terminal: true\n  - name: closed\n");

        Assert.Contains(Errors(yaml), e => e.Message == "duplicate state 'open'" && e.Path == "states[1].name");
    }

    [Fact]
    public void DuplicateTriggerNamesAreReported()
    {
        var yaml = Valid + "\n  - name: close\n    title: { es: Otra, en: Other }\n    from: [open]\n    to: closed\n    roles: [coordinator]\n";

        Assert.Contains(Errors(yaml), e => e.Path == "triggers[1].name" && e.Message.StartsWith("duplicate trigger 'close'", StringComparison.Ordinal));
    }

    [Fact]
    public void AGuardNamingAnUnknownTagIsReported()
    {
        var error = SingleError(Valid.Replace("tasksCompleted: [inquiry]", "tasksCompleted: [inqiury]"));

        Assert.Equal("triggers[0].guards.tasksCompleted[0]", error.Path);
        Assert.Equal("no task of this definition has the tag 'inqiury'", error.Message);
    }

    [Fact]
    public void AGuardNamingAnUnknownFieldIsReported()
    {
        var error = SingleError(Valid.Replace("tasksCompleted: [inquiry]", "fieldsPresent: [victimName]"));

        Assert.Equal("triggers[0].guards.fieldsPresent[0]", error.Path);
        Assert.StartsWith("unknown field 'victimName'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAssignmentRuleNoConfiguredAgencySatisfiesIsReported()
    {
        var reference = new Grains.ReferenceData.ReferenceDataSet(
            TestCatalog.Reference.Countries,
            [.. TestCatalog.Reference.Agencies.Where(a => a.Kind != "police")],
            TestCatalog.Reference.VictimValues);

        var exception = Assert.Throws<InvalidDefinitionException>(() => WorkflowCatalog.FromSources([("sample.yaml", Valid)], reference));

        var error = Assert.Single(exception.Errors);
        Assert.Equal("states[0].tasks[0].assign", error.Path);
        Assert.Contains("no configured agency is of kind 'police'", error.Message);
    }

    [Fact]
    public void AnUnknownRoleIsReported()
    {
        var error = SingleError(Valid.Replace("roles: [coordinator]", "roles: [coordinator, sheriff]"));

        Assert.Equal("triggers[0].roles[1]", error.Path);
        Assert.StartsWith("unknown role 'sheriff'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATriggerForAdministratorsIsRefusedBecauseTheyDoNotActOnCaseContent()
    {
        var error = SingleError(Valid.Replace("roles: [coordinator]", "roles: [coordinator, admin]"));

        Assert.Equal("triggers[0].roles[1]", error.Path);
        Assert.StartsWith("administrators manage definitions, agencies and upgrades, not case content", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInvalidDurationIsReported()
    {
        var error = SingleError(Valid.Replace("dueIn: P3D", "dueIn: three days"));

        Assert.Equal("states[0].tasks[0].dueIn", error.Path);
        Assert.Equal(13, error.Line);
    }

    [Fact]
    public void ARequiredResolutionNeedsAListOfResolutions()
    {
        var error = SingleError(Valid.Replace("resolutions: [done]\n", ""));

        Assert.Equal("triggers[0].requiresResolution", error.Path);
    }

    [Fact]
    public void ATriggerLeavingATerminalStateIsReported()
    {
        var error = SingleError(Valid.Replace("from: [open]", "from: [open, closed]"));

        Assert.Equal("state 'closed' is terminal: no trigger may leave it", error.Message);
    }

    [Fact]
    public void TheSameIdAndVersionInTwoFilesIsReported()
    {
        var exception = Assert.Throws<InvalidDefinitionException>(() =>
            WorkflowCatalog.FromSources([("a.yaml", Valid), ("b.yaml", Valid)], TestCatalog.Reference));

        var error = Assert.Single(exception.Errors);
        Assert.Equal("b.yaml", error.File);
        Assert.Equal("sample-case version 1 is also defined in a.yaml", error.Message);
    }

    [Fact]
    public void TheExceptionMessageListsEveryProblemWithFileAndLine()
    {
        var yaml = Valid.Replace("to: closed", "to: finished").Replace("roles: [coordinator]", "roles: [sheriff]");

        var exception = Assert.Throws<InvalidDefinitionException>(() => WorkflowCatalog.FromSources([("sample.yaml", yaml)], TestCatalog.Reference));

        Assert.Contains("sample.yaml:22 (triggers[0].to): unknown state 'finished'", exception.Message);
        Assert.Contains("sample.yaml:23 (triggers[0].roles[0]): unknown role 'sheriff'", exception.Message);
    }

    [Fact]
    public void ABrokenShippedFolderStopsTheLoad()
    {
        var folder = Directory.CreateTempSubdirectory("enlace-workflows-");
        try
        {
            TestCatalog.CopyReference(Path.Combine(folder.FullName, "reference"));

            File.WriteAllText(Path.Combine(folder.FullName, "sample.yaml"), Valid.Replace("to: closed", "to: nowhere"));

            var exception = Assert.Throws<InvalidDefinitionException>(() => WorkflowCatalog.LoadDirectory(folder.FullName));

            Assert.Contains(exception.Errors, e => e.File.EndsWith("sample.yaml", StringComparison.Ordinal) && e.Message == "unknown state 'nowhere'");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void AnUnknownWhenConditionNamesFileAndLine()
    {
        var yaml = Valid.Replace("        tags: [inquiry]\n", "        tags: [inquiry]\n        perVictim: true\n        when: [minor, pregnant]\n");

        var error = SingleError(yaml);

        Assert.Equal(("sample.yaml", "states[0].tasks[0].when[1]", 16), (error.File, error.Path, error.Line));
        Assert.StartsWith("unknown victim condition 'pregnant': use minor, adult,", error.Message);
    }

    [Fact]
    public void WhenNeedsATaskForOneVictim()
    {
        var yaml = Valid.Replace("        tags: [inquiry]\n", "        tags: [inquiry]\n        when: [minor]\n");

        var error = SingleError(yaml);

        Assert.Equal("states[0].tasks[0].when", error.Path);
        Assert.Contains("set 'perVictim: true'", error.Message);
    }

    [Fact]
    public void ADecisionRoleCannotAlsoRecordIt()
    {
        var yaml = Valid.Replace("    roles: [coordinator]\n", "    roles: [coordinator]\n    recordedBy: [coordinator, judge]\n");

        var errors = Errors(yaml);

        Assert.Contains(errors, e => e.Path == "triggers[0].recordedBy[1]" && e.Message.StartsWith("unknown role 'judge'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "triggers[0].recordedBy" && e.Message.Contains("decides 'close' already"));
    }

    [Fact]
    public void AnEffectMustBeKnownAndATriggerMayStayOnlyWithOne()
    {
        var yaml = Valid.Replace("    to: closed\n    roles", "    effect: teleport\n    roles");

        var error = SingleError(yaml, e => e.Path == "triggers[0].effect");

        Assert.Equal("unknown effect 'teleport': use transfer-lead, open-linked-case", error.Message);
        Assert.Equal(22, error.Line);
    }

    [Fact]
    public void ATriggersResolutionsAreTheDefinitions()
    {
        var error = SingleError(Valid.Replace("    requiresResolution: true\n", "    requiresResolution: true\n    resolutions: [done, forgotten]\n"));

        Assert.Equal(("triggers[0].resolutions[1]", "'forgotten' is not one of the definition's resolutions (done)"), (error.Path, error.Message));
    }

    [Fact]
    public void ACaseNamesACareDefinitionThatExists()
    {
        var error = SingleError(Valid.Replace("initialState: open\n", "initialState: open\ncare: victim-care\n"));

        Assert.Equal(("care", "no loaded definition of kind victim-care has the id 'victim-care'"), (error.Path, error.Message));
    }

    [Fact]
    public void ConsentAndVictimGuardsBelongToCareDefinitions()
    {
        var yaml = Valid.Replace("      tasksCompleted: [inquiry]", "      tasksCompleted: [inquiry]\n      consentGiven: [assistance]");

        var error = SingleError(yaml);

        Assert.Equal("triggers[0].guards.consentGiven", error.Path);
    }

    private static WorkflowCatalog Load(string yaml) => WorkflowCatalog.FromSources([("sample.yaml", yaml)], TestCatalog.Reference);

    private static IReadOnlyList<DefinitionError> Errors(string yaml) =>
        Assert.Throws<InvalidDefinitionException>(() => Load(yaml)).Errors;

    private static DefinitionError SingleError(string yaml, Func<DefinitionError, bool>? which = null)
    {
        var errors = Errors(yaml);
        return which is null ? Assert.Single(errors) : Assert.Single(errors, e => which(e));
    }
}
