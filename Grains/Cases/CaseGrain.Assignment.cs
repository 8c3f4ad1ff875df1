using Enlace.Grains.Interfaces.Security;
using Enlace.Grains.ReferenceData;
using Enlace.Grains.Victims;
using Enlace.Grains.Workflows.Definitions;
using Microsoft.Extensions.Logging;

namespace Enlace.Grains.Cases;

/// <summary>
/// The tasks a definition creates (entering a state, firing a trigger, starting a care
/// track) and where each goes. A rule that finds no agency never drops a task: it goes to
/// the definition's fallback, flagged <c>unmatchedRule</c>, with an audit event saying why.
/// </summary>
public sealed partial class CaseGrain
{
    // Tasks of the criminal case: one per country the rule names, or one per victim for
    // per-victim templates (only for the victims their 'when' selects).
    // exceptExisting: leave out the tasks the case already has (same title, agency and victim),
    // as when a definition upgrade maps a state onto a renamed one.
    private void CreateCaseTasks(
        IEnumerable<TaskTemplate> templates, string? stage, Caller caller, DateTimeOffset now, VictimRecord? onlyFor = null, bool exceptExisting = false)
    {
        _exceptExisting = exceptExisting;
        var definition = Workflow().Definition;
        foreach (var template in templates)
        {
            if (template.PerVictim)
            {
                foreach (var victim in onlyFor is null ? Case.Victims : [onlyFor])
                {
                    CreateVictimTask(template, definition, stage, victim, care: false, caller, now);
                }

                continue;
            }

            if (onlyFor is not null)
            {
                continue;
            }

            var countries = template.Assign.Country switch
            {
                "lead" => [Case.LeadCountry],
                "partner" => Case.PartnerCountries,
                _ => Case.Victims.Select(v => v.Citizenship).Distinct().ToList(),
            };
            foreach (var country in countries)
            {
                Assign(template, definition, country, stage, null, care: false, caller, now);
            }
        }

        _exceptExisting = false;
    }

    // Set for the duration of one CreateCaseTasks call (grains are single-threaded).
    private bool _exceptExisting;

    // One task of a template for one victim, when the victim meets its 'when'.
    private void CreateVictimTask(
        TaskTemplate template, WorkflowDefinition definition, string? stage, VictimRecord victim, bool care, Caller caller, DateTimeOffset now)
    {
        if (template.When.Count > 0 && !template.When.Any(c => VictimConditions.Holds(c, victim, Values, Case.LeadCountry)))
        {
            return;
        }

        var country = template.Assign.Country switch
        {
            "lead" => Case.LeadCountry,
            "victim-nationality" => victim.Citizenship,
            "victim-stay" => VictimConditions.StayCountry(victim, Case.LeadCountry),
            _ => null,
        };
        if (country is not null)
        {
            Assign(template, definition, country, stage, victim, care, caller, now);
            return;
        }

        foreach (var partner in Case.PartnerCountries)
        {
            Assign(template, definition, partner, stage, victim, care, caller, now);
        }
    }

    private void Assign(
        TaskTemplate template, WorkflowDefinition definition, string country, string? stage, VictimRecord? victim, bool care, Caller caller, DateTimeOffset now)
    {
        var reference = catalog.Reference;
        var agency = reference.HasCountry(country) ? reference.AgencyFor(template.Assign.AgencyKind, country) : null;
        var unmatched = agency is null;
        if (agency is null)
        {
            var fallback = definition.Fallback ?? Workflow().Definition.Fallback;
            agency = fallback is null ? null
                : reference.AgencyFor(fallback.AgencyKind, fallback.Country == "partner" && Case.PartnerCountries.Count > 0 ? Case.PartnerCountries[0] : Case.LeadCountry);
            var why = reference.HasCountry(country)
                ? $"no agency of kind '{template.Assign.AgencyKind}' in {country}"
                : $"{country} is not a configured country";
            Append(caller, now, "assignment-unmatched", note: agency is null
                ? $"{template.Title.Es}: {why}, and no fallback agency is configured: nobody received the task"
                : $"{template.Title.Es}: {why}; assigned to {agency.Code} (fallback)", subject: victim?.Code);
            if (agency is null)
            {
                return;
            }
        }

        if (_exceptExisting && Case.Tasks.Exists(t => t.Title == template.Title.Es && t.Agency == agency.Code && t.Victim == victim?.Code))
        {
            return;
        }

        // Deadlines run in the calendar of the agency that must act (validated definitions parse).
        var calendar = reference.CalendarFor(agency.Country);
        DeadlineDuration.TryParse(template.DueIn, out var dueIn);
        var due = Due(dueIn, calendar, now);
        DateTimeOffset? acknowledgeBy = DeadlineDuration.TryParse(template.AcknowledgeIn, out var ackIn) ? Due(ackIn, calendar, now) : null;
        var task = AddTask(template.Title.Es, null, agency.Code, template.Priority, template.Kind, due, acknowledgeBy,
            template.Tags, stage, caller, now);
        task.Victim = victim?.Code;
        task.Care = care;
        task.UnmatchedRule = unmatched;
        task.RequiresConsent = template.RequiresConsent;
    }

    private DateTimeOffset Due(DeadlineDuration duration, WorkingCalendar calendar, DateTimeOffset now)
    {
        var due = duration.DueFrom(now, calendar);
        if (due.YearsWithoutData.Count > 0)
        {
            LogCalendarYearsMissing(logger, calendar.Country, string.Join(", ", due.YearsWithoutData), CaseId);
        }

        return due.At;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The working-day calendar of {Country} has no holidays for {Years}: a deadline of case {CaseId} counts weekends only there. Add the year to workflows/reference/calendars/{Country}.yaml")]
    private static partial void LogCalendarYearsMissing(ILogger logger, string country, string years, string caseId);
}
