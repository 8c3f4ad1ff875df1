using System.Collections.Immutable;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Security;
using Enlace.Grains.Interfaces.Victims;
using Enlace.Grains.ReferenceData;
using Enlace.Grains.Victims;
using Microsoft.Extensions.Logging;

namespace Enlace.Grains.Cases;

/// <summary>
/// Victims and perpetrators of a case: records, consents and identities. Identities are
/// sealed on arrival (<see cref="IdentityVault"/>), read one at a time through
/// <see cref="ReadIdentity"/> — which writes its audit event before answering — and
/// erased by destroying their key.
/// </summary>
public sealed partial class CaseGrain
{
    private VictimValueSet Values => catalog.Reference.VictimValues;

    /// <inheritdoc />
    public async Task<CaseResult> AddVictim(CommandContext context, VictimFields victim)
    {
        var access = Access(context.Caller);
        var fingerprint = Fingerprint.Of("victim", victim with { Identity = null }) + IdentityTag(victim.Identity);
        if ((Refuse(context, access, fingerprint, Case.Version) ?? RefuseRecording(access)) is { } refusal)
        {
            return refusal;
        }

        var input = new CaseInput();
        VictimInput.CheckVictim(input, "", victim, Values);
        CheckStay(input, "", victim);
        if (Case.Victims.Count >= VictimInput.MaxPerCase)
        {
            input.Add("victims", $"this case already records {VictimInput.MaxPerCase} victims, the most one case holds");
        }

        if (!input.IsValid)
        {
            return Invalid(input);
        }

        var now = time.GetUtcNow();
        var record = RecordVictim(victim, context.Caller, now);
        if (Case.ClosedAt is null)
        {
            // The current stage's tasks for each victim (a child's single interview, …) are due for this one too.
            CreateCaseTasks(Workflow().FindState(Case.Stage)?.Tasks ?? [], Case.Stage, context.Caller, now, onlyFor: record);
        }

        await CommitAsync(context, fingerprint, now, created: true, createdId: record.Code);
        return Answer(CaseOutcome.Created, access, now, record.Code);
    }

    /// <inheritdoc />
    public async Task<CaseResult> UpdateVictim(CommandContext context, UpdateVictimCommand command)
    {
        var access = Access(context.Caller);
        var victim = Case.Victims.Find(v => v.Code == command.Code);
        if (victim is null && access.CanSee)
        {
            return new CaseResult(CaseOutcome.NotFound, Detail: $"This case has no victim '{command.Code}'.");
        }

        var fingerprint = Fingerprint.Of("victim-update", command with { Fields = command.Fields with { Identity = null } }) + IdentityTag(command.Fields.Identity);
        if ((Refuse(context, access, fingerprint, victim?.Version ?? 0) ?? RefuseRecording(access)) is { } refusal)
        {
            return refusal;
        }

        var input = new CaseInput();
        VictimInput.CheckVictim(input, "", command.Fields, Values);
        CheckStay(input, "", command.Fields);
        if (command.Fields.Identity is not null && victim!.IdentityErased)
        {
            input.Add("identity", $"the identity of {victim.Code} was erased; it cannot be recorded again in this case");
        }

        if (!input.IsValid)
        {
            return Invalid(input);
        }

        var now = time.GetUtcNow();
        var statusChanged = victim!.IdentificationStatus != command.Fields.IdentificationStatus;
        Fill(victim, command.Fields, context.Caller, statusChanged);
        victim.Version++;
        victim.UpdatedAt = now;
        Append(context.Caller, now, "victim-updated", subject: victim.Code, to: statusChanged ? victim.IdentificationStatus : null);
        SealIdentity(victim.Code, command.Fields.Identity, context.Caller, now);
        await CommitAsync(context, fingerprint, now, createdId: victim.Code);
        return Answer(CaseOutcome.Ok, access, now, victim.Code);
    }

    /// <inheritdoc />
    public async Task<CaseResult> RecordConsent(CommandContext context, RecordConsentCommand command)
    {
        var access = Access(context.Caller);
        var victim = Case.Victims.Find(v => v.Code == command.Code);
        if (victim is null && access.CanSee)
        {
            return new CaseResult(CaseOutcome.NotFound, Detail: $"This case has no victim '{command.Code}'.");
        }

        var fingerprint = Fingerprint.Of("consent", command);
        if ((Refuse(context, access, fingerprint, victim?.Version ?? 0) ?? RefuseRecording(access)) is { } refusal)
        {
            return refusal;
        }

        var input = new CaseInput();
        VictimInput.CheckConsent(input, command, Values.IsMinor(victim!.AgeGroup), Values);

        // Who recorded it and the note are free text; the legal representative is a person's name by
        // design (for a child often a parent, sharing the child's surnames) and is not compared.
        CheckMentions(input, ("note", command.Note), ("recordedBy", command.RecordedBy));
        if (!input.IsValid)
        {
            return Invalid(input);
        }

        var now = time.GetUtcNow();
        victim.Consents.RemoveAll(c => c.Purpose == command.Purpose);
        victim.Consents.Add(new ConsentRecord
        {
            Purpose = command.Purpose!,
            Given = command.Given,
            RecordedAt = now,
            RecordedBy = Clean(command.RecordedBy) ?? context.Caller.UserId,
            RecordedByAgency = context.Caller.Agency,
            LegalRepresentative = Clean(command.LegalRepresentative),
        });
        victim.Version++;
        victim.UpdatedAt = now;

        // The purpose is the event's trigger and the decision its target, so the trail reads
        // "consent-recorded: data-processing → withdrawn".
        Append(context.Caller, now, "consent-recorded", trigger: command.Purpose, to: command.Given ? "given" : "withdrawn", note: Clean(command.Note), subject: victim.Code);
        await CommitAsync(context, fingerprint, now, created: true, createdId: victim.Code);
        return Answer(CaseOutcome.Created, access, now, victim.Code);
    }

    /// <inheritdoc />
    public async Task<CaseResult> AddPerpetrator(CommandContext context, PerpetratorFields perpetrator)
    {
        var access = Access(context.Caller);
        var fingerprint = Fingerprint.Of("perpetrator", perpetrator with { Identity = null }) + IdentityTag(perpetrator.Identity);
        if ((Refuse(context, access, fingerprint, Case.Version) ?? RefuseRecording(access)) is { } refusal)
        {
            return refusal;
        }

        var input = new CaseInput();
        VictimInput.CheckPerpetrator(input, "", perpetrator, Values);
        if (Case.Perpetrators.Count >= VictimInput.MaxPerCase)
        {
            input.Add("perpetrators", $"this case already records {VictimInput.MaxPerCase} perpetrators, the most one case holds");
        }

        if (!input.IsValid)
        {
            return Invalid(input);
        }

        var now = time.GetUtcNow();
        var record = new PerpetratorRecord { Code = NextCode("P", Case.Perpetrators.Select(p => p.Code), () => ++Case.LastPerpetratorNumber), Version = 1 };
        Fill(record, perpetrator);
        Case.Perpetrators.Add(record);
        Append(context.Caller, now, "perpetrator-added", subject: record.Code);
        SealIdentity(record.Code, perpetrator.Identity, context.Caller, now);
        await CommitAsync(context, fingerprint, now, created: true, createdId: record.Code);
        return Answer(CaseOutcome.Created, access, now, record.Code);
    }

    /// <inheritdoc />
    public async Task<CaseResult> UpdatePerpetrator(CommandContext context, UpdatePerpetratorCommand command)
    {
        var access = Access(context.Caller);
        var perpetrator = Case.Perpetrators.Find(p => p.Code == command.Code);
        if (perpetrator is null && access.CanSee)
        {
            return new CaseResult(CaseOutcome.NotFound, Detail: $"This case has no perpetrator '{command.Code}'.");
        }

        var fingerprint = Fingerprint.Of("perpetrator-update", command with { Fields = command.Fields with { Identity = null } }) + IdentityTag(command.Fields.Identity);
        if ((Refuse(context, access, fingerprint, perpetrator?.Version ?? 0) ?? RefuseRecording(access)) is { } refusal)
        {
            return refusal;
        }

        var input = new CaseInput();
        VictimInput.CheckPerpetrator(input, "", command.Fields, Values);
        if (command.Fields.Identity is not null && perpetrator!.IdentityErased)
        {
            input.Add("identity", $"the identity of {perpetrator.Code} was erased; it cannot be recorded again in this case");
        }

        if (!input.IsValid)
        {
            return Invalid(input);
        }

        var now = time.GetUtcNow();
        Fill(perpetrator!, command.Fields);
        perpetrator!.Version++;
        Append(context.Caller, now, "perpetrator-updated", subject: perpetrator.Code);
        SealIdentity(perpetrator.Code, command.Fields.Identity, context.Caller, now);
        await CommitAsync(context, fingerprint, now, createdId: perpetrator.Code);
        return Answer(CaseOutcome.Ok, access, now, perpetrator.Code);
    }

    /// <inheritdoc />
    public async Task<CaseResult> ReadIdentity(CommandContext context, ReadIdentityCommand command)
    {
        var access = Access(context.Caller);
        if (!Case.IsOpen || !access.CanSee)
        {
            return NotFound();
        }

        var victim = Case.Victims.Find(v => v.Code == command.Code);
        var perpetrator = victim is null ? Case.Perpetrators.Find(p => p.Code == command.Code) : null;
        if (victim is null && perpetrator is null)
        {
            return new CaseResult(CaseOutcome.NotFound, Detail: $"This case has no victim or perpetrator '{command.Code}'.");
        }

        var input = new CaseInput();
        input.Line("reason", command.Reason, 500, required: true);
        if (!input.IsValid)
        {
            return Invalid(input);
        }

        var decision = IdentityRules.Decide(access, victim, command.Override);
        if (!decision.Allowed)
        {
            return new CaseResult(CaseOutcome.Forbidden, Detail: decision.Refusal);
        }

        // The reason is kept in the audit trail; compared only for a caller entitled to read.
        CheckMentions(input, ("reason", command.Reason));
        if (!input.IsValid)
        {
            return Invalid(input);
        }

        if (victim?.IdentityErased == true || perpetrator?.IdentityErased == true)
        {
            return new CaseResult(CaseOutcome.Gone, Detail: $"The identity of {command.Code} was erased; it can no longer be read.");
        }

        if (!Case.SealedIdentities.TryGetValue(command.Code, out var sealedIdentity))
        {
            return new CaseResult(CaseOutcome.NotFound, Detail: $"No identity is recorded for {command.Code}.");
        }

        var identity = vault.Open(CaseId, Case.WrappedCaseKey!, command.Code, sealedIdentity);
        var now = time.GetUtcNow();

        // Durable before it is answered: a read nobody can account for must not happen.
        Append(context.Caller, now, "identity-read", trigger: decision.Overridden ? "override" : null, note: command.Reason!.Trim(), subject: command.Code);
        await CommitAsync(context, fingerprint: null, now);
        metrics.IdentityRead();
        LogIdentityRead(CaseId, command.Code, decision.Overridden);
        return new CaseResult(CaseOutcome.Ok, Code: command.Code, Identity: identity);
    }

    /// <inheritdoc />
    public async Task<CaseResult> EraseIdentity(CommandContext context, EraseIdentityCommand command)
    {
        var access = Access(context.Caller);
        var victim = Case.Victims.Find(v => v.Code == command.Code);
        var perpetrator = victim is null ? Case.Perpetrators.Find(p => p.Code == command.Code) : null;
        if (victim is null && perpetrator is null && access.CanSee)
        {
            return new CaseResult(CaseOutcome.NotFound, Detail: $"This case has no victim or perpetrator '{command.Code}'.");
        }

        var fingerprint = Fingerprint.Of("erase", command);
        if (Refuse(context, access, fingerprint, Case.Version) is { } refusal)
        {
            return refusal;
        }

        if (!access.IsCoordinator)
        {
            return new CaseResult(CaseOutcome.Forbidden, Detail: "Only coordinators of the case's countries erase identities.");
        }

        var input = new CaseInput().Note("note", command.Note, required: true);
        CheckMentions(input, ("note", command.Note));
        if (!input.IsValid)
        {
            return Invalid(input);
        }

        if (victim?.IdentityErased == true || perpetrator?.IdentityErased == true)
        {
            return new CaseResult(CaseOutcome.Gone, Detail: $"The identity of {command.Code} was already erased.");
        }

        if (!Case.SealedIdentities.Remove(command.Code))
        {
            return new CaseResult(CaseOutcome.NotFound, Detail: $"No identity is recorded for {command.Code}.");
        }

        var now = time.GetUtcNow();
        if (victim is not null)
        {
            victim.IdentityErased = true;
            victim.Version++;
            victim.UpdatedAt = now;
        }
        else
        {
            perpetrator!.IdentityErased = true;
            perpetrator.Version++;
        }

        Append(context.Caller, now, "identity-erased", note: command.Note!.Trim(), subject: command.Code);
        await CommitAsync(context, fingerprint, now, createdId: command.Code);
        return Answer(CaseOutcome.Ok, access, now, command.Code);
    }

    /// <inheritdoc />
    public async Task<CaseOutcome> OpenIdentityAccessLog(Caller caller)
    {
        var access = Access(caller);
        if (!Case.IsOpen || !access.CanSee)
        {
            return CaseOutcome.NotFound;
        }

        if (!access.IsCoordinator)
        {
            return CaseOutcome.Forbidden;
        }

        return await OpenHistory(caller) is null ? CaseOutcome.NotFound : CaseOutcome.Ok;
    }

    // The country where the person is must be one of the case's: the care track's tasks go there.
    private void CheckStay(CaseInput input, string prefix, VictimFields? fields)
    {
        if (fields?.CountryOfStay is { } country && !Case.Countries.Contains(country))
        {
            input.Add($"{prefix}countryOfStay", $"'{country}' is not a country of this case ({string.Join(", ", Case.Countries)})");
        }
    }

    private static CaseResult? RefuseRecording(CaseAccess access) => access.RecordsVictims ? null
        : new CaseResult(CaseOutcome.Forbidden, Detail: access.EndedPart is { } ended
            ? $"You may not record victims, perpetrators or consents here: {ended}."
            : "Only coordinators of the case's countries and agencies with an open task in it (or whose last one closed within the grace period) record victims, perpetrators and consents.");

    private CaseResult Answer(CaseOutcome outcome, CaseAccess access, DateTimeOffset now, string code) =>
        new(outcome, View(access, now), Code: code);

    private VictimRecord RecordVictim(VictimFields fields, Caller caller, DateTimeOffset now, bool startCare = true)
    {
        var record = new VictimRecord
        {
            Code = NextCode("V", Case.Victims.Select(v => v.Code), () => ++Case.LastVictimNumber),
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
            StatisticsId = Guid.NewGuid(),
        };
        Fill(record, fields, caller, statusChanged: true);
        Case.Victims.Add(record);
        Append(caller, now, "victim-added", to: record.IdentificationStatus, subject: record.Code);
        SealIdentity(record.Code, fields.Identity, caller, now);
        if (startCare)
        {
            StartCare(record, caller, now);
        }

        return record;
    }

    private void Fill(VictimRecord record, VictimFields fields, Caller caller, bool statusChanged)
    {
        record.IdentificationStatus = fields.IdentificationStatus!;
        if (statusChanged)
        {
            record.IdentificationDecidedBy = caller.Agency ?? caller.UserId;
        }

        record.AgeGroup = fields.AgeGroup!;
        record.Sex = fields.Sex!;
        record.Citizenship = fields.Citizenship!;
        record.CountryOfExploitation = fields.CountryOfExploitation;
        record.Exploitation = [.. fields.Exploitation.OrEmpty().Distinct()];
        record.LabourSector = fields.LabourSector;
        record.SexualExploitationType = fields.SexualExploitationType;
        record.MeansOfControl = [.. fields.MeansOfControl.OrEmpty().Distinct()];
        record.RecruitmentMethod = fields.RecruitmentMethod;
        record.RecruitmentCountry = fields.RecruitmentCountry;
        record.RelationshipToTrafficker = fields.RelationshipToTrafficker;
        record.Languages = [.. fields.Languages.OrEmpty().Distinct()];
        record.Unaccompanied = fields.Unaccompanied;
        record.CountryOfStay = fields.CountryOfStay;
        record.SeeksInternationalProtection = fields.SeeksInternationalProtection;
    }

    private static void Fill(PerpetratorRecord record, PerpetratorFields fields)
    {
        record.Role = fields.Role!;
        record.Sex = fields.Sex;
        record.Citizenship = fields.Citizenship;
        record.AgeGroup = fields.AgeGroup;
        record.ProceduralStatus = fields.ProceduralStatus;
    }

    // Seals an identity under a fresh key of its own; the clear value never reaches the state.
    private void SealIdentity(string code, PersonIdentity? identity, Caller caller, DateTimeOffset now)
    {
        if (identity is null)
        {
            return;
        }

        var clean = new PersonIdentity(identity.FullName.Trim(), Clean(identity.DocumentNumber), Clean(identity.BirthDate));
        Case.WrappedCaseKey ??= vault.NewCaseKey(CaseId);
        var replaced = Case.SealedIdentities.ContainsKey(code);
        Case.SealedIdentities[code] = vault.Seal(CaseId, Case.WrappedCaseKey, code, clean);
        Append(caller, now, replaced ? "identity-replaced" : "identity-recorded", subject: code);
    }

    private static string NextCode(string prefix, IEnumerable<string> taken, Func<int> next)
    {
        var used = taken.ToHashSet(StringComparer.Ordinal);
        string code;
        do
        {
            code = $"{prefix}-{next()}";
        }
        while (used.Contains(code));

        return code;
    }

    // A command's fingerprint must not carry an identity, even hashed: an unkeyed hash of a
    // name can be guessed. The identity counts through a tag keyed by the master key.
    private string IdentityTag(PersonIdentity? identity) => identity is null ? "" : "#" + vault.Tag(identity);

    [LoggerMessage(Level = LogLevel.Information, Message = "Identity of {Subject} in case {CaseId} read (override: {Override})")]
    private partial void LogIdentityRead(string caseId, string subject, bool @override);
}
