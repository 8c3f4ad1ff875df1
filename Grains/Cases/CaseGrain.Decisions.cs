using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.Interfaces.Security;
using Enlace.Grains.Interfaces.Victims;
using Enlace.Grains.Workflows.Definitions;
using Enlace.Grains.Workflows.Engine;

namespace Enlace.Grains.Cases;

/// <summary>
/// What a case trigger may carry besides a note and a resolution: the number of the
/// prosecutorial or judicial decision it records, and its effects — the lead country
/// changing hands, a linked case opening.
/// </summary>
public sealed partial class CaseGrain
{
    private const int DecisionRefMax = 100;

    // A coordinator records a prosecutor's or judge's decision only with the number of the
    // document that made it; a trigger may ask it of everyone (a judgment's number).
    private static void CheckDecision(CaseInput input, TriggerDefinition trigger, TriggerCheck check, string? decisionRef)
    {
        if (check.RecordsOnBehalf && string.IsNullOrWhiteSpace(decisionRef))
        {
            input.Add("decisionRef", $"'{trigger.Name}' is decided by {string.Join(" or ", trigger.Roles)}: record it with the number of the decision (fiscal disposition or judgment)");
            return;
        }

        input.Line("decisionRef", decisionRef, DecisionRefMax, trigger.RequiresDecisionRef);
    }

    // Checks what the trigger's effect needs; returns the workflow of the case to open, if any.
    private string? CheckEffect(CaseInput input, TriggerDefinition trigger, FireCaseTriggerCommand command)
    {
        if (trigger.Effect != TriggerDefinition.Effects.TransferLead && command.LeadCountry is not null)
        {
            input.Add("leadCountry", $"'{trigger.Name}' does not change the lead country");
        }

        switch (trigger.Effect)
        {
            case TriggerDefinition.Effects.TransferLead:
                if (string.IsNullOrWhiteSpace(command.LeadCountry))
                {
                    input.Add("leadCountry", $"'{trigger.Name}' needs the new lead country: one of the partner countries ({string.Join(", ", Case.PartnerCountries)})");
                }
                else if (!Case.PartnerCountries.Contains(command.LeadCountry))
                {
                    input.Add("leadCountry", $"'{command.LeadCountry}' is not a partner country of this case ({string.Join(", ", Case.PartnerCountries)}); the lead passes to a country that takes part");
                }

                return null;
            case TriggerDefinition.Effects.OpenLinkedCase:
                return catalog.Latest(trigger.LinkedWorkflow!)?.Id;
            default:
                return null;
        }
    }

    private void ApplyEffect(TriggerDefinition trigger, FireCaseTriggerCommand command, string? linkedId, Caller caller, DateTimeOffset now)
    {
        if (trigger.Effect == TriggerDefinition.Effects.TransferLead)
        {
            var former = Case.LeadCountry;
            Case.PartnerCountries.Remove(command.LeadCountry!);
            Case.PartnerCountries.Insert(0, former);
            Case.LeadCountry = command.LeadCountry!;
            Append(caller, now, "lead-transferred", trigger: trigger.Name, from: former, to: Case.LeadCountry, note: Clean(command.Note));
        }
        else if (linkedId is not null && !Case.LinkedCases.Contains(linkedId))
        {
            Case.LinkedCases.Add(linkedId);
            Append(caller, now, "case-linked", trigger: trigger.Name, note: linkedId);
        }
    }

    // Opens the linked case (one per case and trigger) with the pseudonymous victim records;
    // identities and consents stay with this case, which the new one links back to.
    private async Task<string?> OpenLinkedCaseAsync(Caller caller, string workflowId, FireCaseTriggerCommand command)
    {
        var id = CaseIds.ForIdempotencyKey("linked-case", $"{CaseId}\n{command.Trigger}");
        var victims = Case.Victims.Select(v => new VictimFields(
            v.IdentificationStatus, v.AgeGroup, v.Sex, v.Citizenship, v.CountryOfExploitation, [.. v.Exploitation], v.LabourSector,
            v.SexualExploitationType, [.. v.MeansOfControl], v.RecruitmentMethod, v.RecruitmentCountry, v.RelationshipToTrafficker,
            [.. v.Languages], v.Unaccompanied, Identity: null, v.CountryOfStay, v.SeeksInternationalProtection));
        var open = new OpenCaseCommand(workflowId, Case.Title, Case.Summary, Case.LeadCountry, [.. Case.PartnerCountries], Case.BorderPoint,
            [.. victims], LinkedFrom: CaseId);
        var result = await GrainFactory.GetGrain<ICaseGrain>(id).Open(new CommandContext(caller, $"linked:{CaseId}:{command.Trigger}"), open);
        return result.Outcome is CaseOutcome.Created or CaseOutcome.Ok ? id : null;
    }
}
