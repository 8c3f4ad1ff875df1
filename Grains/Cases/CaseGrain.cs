using System.Collections.Immutable;
using Enlace.Grains.Hosting;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.ReadModel;
using Enlace.Grains.Interfaces.Security;
using Enlace.Grains.Monitoring;
using Enlace.Grains.ReadModel;
using Enlace.Grains.Victims;
using Enlace.Grains.Workflows.Definitions;
using Enlace.Grains.Workflows.Engine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Enlace.Grains.Cases;

/// <summary>
/// One case. Every command: check who may see and do it, replay a retried idempotency
/// key, check the expected version, validate, apply through the workflow and task
/// machines, append hash-chained audit events, write the state once, then answer.
/// </summary>
public sealed partial class CaseGrain(
    [PersistentState("case", StorageNames.Workflow)] IPersistentState<CaseState> state,
    WorkflowCatalog catalog,
    IOptions<PrivacyOptions> privacy,
    IOptions<ParticipationOptions> participation,
    IOptions<DeadlineOptions> deadlineOptions,
    TimeProvider time,
    ICaseProjection projection,
    IdentityVault vault,
    EnlaceMetrics metrics,
    ILogger<CaseGrain> logger) : Grain, ICaseGrain
{
    // The read model is known to hold the case at this version, its audit events up to
    // this sequence number, and its tasks and victims' facts at these versions (nothing is
    // known on activation).
    private int _projectedVersion;
    private long _projectedSeq;
    private readonly Dictionary<string, int> _projectedTasks = [];
    private readonly Dictionary<string, int> _projectedVictims = [];

    private CaseState Case => state.State;

    private string CaseId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (CaseDataUpgrade.Needed(Case))
        {
            await UpgradeDataAsync();
            return;
        }

        // Whatever an earlier activation wrote but could not project (a crash between the
        // two, a database hiccup) reaches the read model now; repeats change nothing. One
        // read tells whether there is anything: usually there is not, and an activation
        // then costs no write.
        if (Case.IsOpen && await ReadModelHoldsStateAsync(cancellationToken))
        {
            MarkProjected();
            return;
        }

        await ProjectQuietlyAsync();
    }

    /// <inheritdoc />
    public async Task<CaseResult> Open(CommandContext context, OpenCaseCommand command)
    {
        var fingerprint = Fingerprint.Of("open", command with { Victims = [.. command.Victims.OrEmpty().Select(v => v is null ? v! : v with { Identity = null })] })
            + string.Concat(command.Victims.OrEmpty().Select(v => IdentityTag(v?.Identity)));
        if (Case.IsOpen)
        {
            var access = Access(context.Caller);
            return !access.CanSee ? NotFound()
                : Replay(context, fingerprint, access) ?? new CaseResult(CaseOutcome.Invalid, Detail: "A case with this id already exists.");
        }

        if (!context.Caller.Is(Caller.Coordinator))
        {
            return new CaseResult(CaseOutcome.Forbidden, Detail: "Only coordinators open cases.");
        }

        var input = CaseInput.ForOpen(command, catalog);
        var named = IdentityMentions.Of(command.Victims.OrEmpty().Select(v => v?.Identity).OfType<Interfaces.Victims.PersonIdentity>());
        input.NoIdentity("title", command.Title, named).NoIdentity("summary", command.Summary, named);
        if (input.IsValid && !context.Caller.CoversCountry(command.LeadCountry))
        {
            input.Add("leadCountry", $"you coordinate {string.Join(", ", context.Caller.Countries.OrEmpty())}, not {command.LeadCountry}");
        }

        if (!input.IsValid)
        {
            return Invalid(input);
        }

        var definition = command.WorkflowVersion is { } version ? catalog.Find(command.WorkflowId, version)! : catalog.Latest(command.WorkflowId)!;
        var now = time.GetUtcNow();
        var reference = await GrainFactory.GetGrain<ICaseReferenceGrain>($"{command.LeadCountry}-{now.Year}").Next();

        Case.Reference = reference;
        Case.WorkflowId = definition.Id;
        Case.WorkflowVersion = definition.Version;
        Case.Title = command.Title.Trim();
        Case.Summary = command.Summary.Trim();
        Case.Stage = definition.InitialState;
        Case.LeadCountry = command.LeadCountry;
        Case.PartnerCountries = [.. command.PartnerCountries.OrEmpty()];
        Case.BorderPoint = string.IsNullOrWhiteSpace(command.BorderPoint) ? null : command.BorderPoint.Trim();
        Case.OpenedAt = now;
        Case.DataVersion = CaseDataUpgrade.Current;
        Append(context.Caller, now, "case-opened", to: Case.Stage);
        if (command.LinkedFrom is { } linked)
        {
            Case.LinkedCases.Add(linked);
            Append(context.Caller, now, "case-linked", note: linked);
        }

        foreach (var victim in command.Victims.OrEmpty())
        {
            RecordVictim(victim, context.Caller, now, startCare: false);
        }

        // The case's first tasks, then each victim's care track with its own.
        CreateCaseTasks(definition.FindState(Case.Stage)!.Tasks, Case.Stage, context.Caller, now);
        foreach (var victim in Case.Victims)
        {
            StartCare(victim, context.Caller, now);
        }
        await CommitAsync(context, fingerprint, now, created: true);
        LogOpened(CaseId, reference, definition.Id, definition.Version);
        return new CaseResult(CaseOutcome.Created, View(Access(context.Caller), now));
    }

    /// <inheritdoc />
    public Task<CaseResult> Get(Caller caller)
    {
        var access = Access(caller);
        return Task.FromResult(access.CanSee ? new CaseResult(CaseOutcome.Ok, View(access, time.GetUtcNow())) : NotFound());
    }

    /// <inheritdoc />
    public async Task<CaseResult> Fire(CommandContext context, FireCaseTriggerCommand command)
    {
        var access = Access(context.Caller);
        var fingerprint = Fingerprint.Of("fire", command);
        if (Refuse(context, access, fingerprint, Case.Version) is { } refusal)
        {
            return refusal;
        }

        if (ReadOnly(access) is { } readOnly)
        {
            return readOnly;
        }

        var workflow = Workflow();
        var machine = new WorkflowMachine(workflow, new CaseSubject(Case));
        var check = machine.Check(command.Trigger ?? "", access.Capacities);
        ImmutableArray<string> Permitted() => [.. machine.PermittedTriggers(access.Capacities)];
        var english = context.Caller.English;
        if (check.Reason == RefusalReason.UnknownTrigger)
        {
            var message = check.Explanation.In(english);
            return new CaseResult(
                CaseOutcome.Invalid,
                Detail: message,
                Errors: ImmutableDictionary<string, string[]>.Empty.Add("trigger", [message]),
                PermittedTriggers: Permitted());
        }

        if (!check.Permitted)
        {
            return new CaseResult(CaseOutcome.NotPermitted, Detail: check.Explanation.In(english), PermittedTriggers: Permitted());
        }

        var trigger = workflow.FindTrigger(command.Trigger!)!;
        var input = new CaseInput().Note("note", command.Note, trigger.RequiresNote);
        CheckResolution(input, workflow.Definition, trigger, command.Trigger!, command.Resolution);
        CheckDecision(input, trigger, check, command.DecisionRef);
        var linkedWorkflow = CheckEffect(input, trigger, command);
        CheckMentions(input, ("note", command.Note), ("decisionRef", command.DecisionRef));
        if (!input.IsValid)
        {
            return Invalid(input);
        }

        var now = time.GetUtcNow();
        string? linkedId = null;
        if (linkedWorkflow is not null)
        {
            // The linked case is opened (durably) first; a retry of this command opens the
            // same one again, which replays its first answer.
            linkedId = await OpenLinkedCaseAsync(context.Caller, linkedWorkflow, command);
            if (linkedId is null)
            {
                return new CaseResult(CaseOutcome.Forbidden, Detail: "Only a coordinator of the lead country opens the linked case.");
            }
        }

        var (from, to) = await machine.FireAsync(trigger.Name);
        var target = workflow.FindState(to)!;
        if (target.Closes)
        {
            Case.ClosedAt ??= now;
            Case.Resolution = command.Resolution ?? Case.Resolution;
        }
        else
        {
            // Reopened: the case runs again (its care tracks never stopped).
            Case.ClosedAt = null;
            Case.Resolution = null;
        }

        Append(context.Caller, now, "transition", trigger: trigger.Name, from: from, to: to, note: Clean(command.Note), decisionRef: Clean(command.DecisionRef));
        ApplyEffect(trigger, command, linkedId, context.Caller, now);
        CreateCaseTasks(trigger.Tasks, trigger.StaysInState ? Case.Stage : to, context.Caller, now);
        if (!trigger.StaysInState)
        {
            CreateCaseTasks(target.Tasks, target.Name, context.Caller, now);
        }

        await CommitAsync(context, fingerprint, now, createdId: linkedId);
        return new CaseResult(CaseOutcome.Ok, View(access, now), Code: linkedId);
    }

    /// <inheritdoc />
    public async Task<HistoryScope?> OpenHistory(Caller caller)
    {
        var access = Access(caller);
        if (!access.CanSee)
        {
            return null;
        }

        try
        {
            await ProjectAsync();
        }
        catch (Exception e)
        {
            // Database exceptions do not cross the wire; the gateway answers 503 to this one.
            LogProjectionFailed(e, CaseId);
            throw new ReadModelUnavailableException($"The read model of case {CaseId} could not be brought up to date: {e.Message}");
        }

        var all = access.SeesAllTasks;
        ImmutableArray<string> visible = all ? [] : [.. Case.Tasks.Where(access.SeesTask).Select(t => t.Id)];
        return new HistoryScope(Case.LastEventSeq, Case.LastEventHash, all, visible);
    }

    /// <inheritdoc />
    public Task FlushProjection() => ProjectQuietlyAsync();

    private CompiledWorkflow Workflow() =>
        catalog.Compile(catalog.Find(Case.WorkflowId, Case.WorkflowVersion)
            ?? throw new InvalidOperationException($"Case {CaseId} runs on {Case.WorkflowId} v{Case.WorkflowVersion}, which is no longer loaded."));

    private CaseView View(CaseAccess access, DateTimeOffset now) =>
        CaseViews.ToView(CaseId, Case, access, Workflow(), catalog.Reference, now, v => CareViewOf(v, access));

    private CaseAccess Access(Caller caller) => new(Case, caller, catalog.Reference, privacy.Value, participation.Value, time.GetUtcNow());

    // A case written by an earlier Enlace is brought up to the current shape once, in one
    // write with an audit event saying what changed. If the write fails, the next command
    // writes the upgraded state anyway.
    private async Task UpgradeDataAsync()
    {
        var what = CaseDataUpgrade.Apply(Case, CaseId, Values, vault);
        var now = time.GetUtcNow();
        Append(Caller.System, now, "data-upgraded", note: what);
        try
        {
            await CommitAsync(new CommandContext(Caller.System), fingerprint: null, now);
            LogUpgraded(CaseId, CaseDataUpgrade.Current);
        }
        catch (Exception e)
        {
            LogWriteFailed(e, CaseId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId} upgraded to data version {Version}")]
    private partial void LogUpgraded(string caseId, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId} opened as {Reference} on {WorkflowId} v{Version}")]
    private partial void LogOpened(string caseId, string reference, string workflowId, int version);
}
