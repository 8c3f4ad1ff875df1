using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.ReferenceData;
using Enlace.Grains.Victims;
using Enlace.Grains.Workflows.Definitions;

namespace Enlace.Grains.Cases;

/// <summary>
/// Validates the input of case commands. Every problem is collected per field with a
/// message a person can act on; a command with any problem changes nothing.
/// </summary>
public sealed class CaseInput
{
    /// <summary>Longest title.</summary>
    public const int TitleMax = 200;

    /// <summary>Longest summary, description or note.</summary>
    public const int TextMax = 4000;

    private readonly Dictionary<string, List<string>> _errors = [];

    /// <summary>Problems found so far, field → messages.</summary>
    public IReadOnlyDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    /// <summary>True when nothing is wrong.</summary>
    public bool IsValid => _errors.Count == 0;

    /// <summary>Checks an open-case command against the catalog.</summary>
    public static CaseInput ForOpen(OpenCaseCommand command, WorkflowCatalog catalog)
    {
        var input = new CaseInput();
        var workflow = catalog.Latest(command.WorkflowId ?? "");
        if (workflow is null || workflow.Kind != "case")
        {
            input.Add("workflowId", $"'{command.WorkflowId}' is not a case workflow; use one of: {string.Join(", ", catalog.All.Where(d => d.Kind == "case").Select(d => d.Id).Distinct())}");
        }
        else if (command.WorkflowVersion is { } version && catalog.Find(workflow.Id, version) is null)
        {
            input.Add("workflowVersion", $"{workflow.Id} has no version {version}");
        }

        input.Line("title", command.Title, TitleMax, required: true);
        input.Text("summary", command.Summary, TextMax, required: true);
        if (!catalog.Reference.HasCountry(command.LeadCountry))
        {
            input.Add("leadCountry", $"'{command.LeadCountry}' is not a configured country; use one of: {string.Join(", ", catalog.Reference.Countries.Select(c => c.Code))}");
        }

        var partners = command.PartnerCountries.IsDefault ? [] : command.PartnerCountries;
        input.BorderPoint(command.BorderPoint, [command.LeadCountry, .. partners], catalog.Reference);
        for (var i = 0; i < partners.Length; i++)
        {
            if (!catalog.Reference.HasCountry(partners[i]))
            {
                input.Add($"partnerCountries[{i}]", $"'{partners[i]}' is not a configured country");
            }
            else if (partners[i] == command.LeadCountry || partners.Take(i).Contains(partners[i]))
            {
                input.Add($"partnerCountries[{i}]", $"'{partners[i]}' is the lead country or listed twice");
            }
        }

        var victims = command.Victims.IsDefault ? [] : command.Victims;
        if (victims.Length > VictimInput.MaxPerCase)
        {
            input.Add("victims", $"at most {VictimInput.MaxPerCase} victims per case");
        }

        for (var i = 0; i < victims.Length && i < VictimInput.MaxPerCase; i++)
        {
            VictimInput.CheckVictim(input, $"victims[{i}]", victims[i], catalog.Reference.VictimValues);
            if (victims[i]?.CountryOfStay is { } stay && stay != command.LeadCountry && !partners.Contains(stay))
            {
                input.Add($"victims[{i}].countryOfStay", $"'{stay}' is not a country of this case");
            }
        }

        return input;
    }

    /// <summary>Checks an optional border point: one of the configured codes, joining one of the case's countries.</summary>
    public void BorderPoint(string? code, IReadOnlyList<string> caseCountries, ReferenceDataSet reference)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return;
        }

        var point = reference.FindBorderPoint(code);
        if (point is null)
        {
            var codes = reference.BorderPoints.Select(b => b.Code).ToList();
            Add("borderPoint", codes.Count == 0
                ? "no border points are configured; leave it out"
                : $"{Shown(code)} is not a border point code; use one of: {string.Join(", ", codes)} (GET /api/v1/border-points), or leave it out");
        }
        else if (!point.Countries.Any(caseCountries.Contains))
        {
            Add("borderPoint", $"'{code}' joins {string.Join(" and ", point.Countries)}, none of the case's countries ({string.Join(", ", caseCountries)}); choose a border point of one of them");
        }
    }

    /// <summary>Checks a create-task command (agency existence and country are checked by the grain).</summary>
    public static CaseInput ForTask(CreateTaskCommand command, DateTimeOffset now)
    {
        var input = new CaseInput();
        input.Line("title", command.Title, TitleMax, required: true);
        input.Text("description", command.Description, TextMax, required: false);
        if (!TaskTemplate.Priorities.Contains(command.Priority))
        {
            input.Add("priority", $"'{command.Priority}' is not one of {string.Join(", ", TaskTemplate.Priorities)}");
        }

        if (!TaskTemplate.Kinds.Contains(command.Kind))
        {
            input.Add("kind", $"'{command.Kind}' is not one of {string.Join(", ", TaskTemplate.Kinds)}");
        }

        if (command.DueAt <= now)
        {
            input.Add("dueAt", "the due date must be in the future");
        }

        if (command.AcknowledgeBy is { } acknowledgeBy && (acknowledgeBy <= now || acknowledgeBy > command.DueAt))
        {
            input.Add("acknowledgeBy", "the acknowledgement deadline must be in the future and not after the due date");
        }

        return input;
    }

    /// <summary>Checks an optional note.</summary>
    public CaseInput Note(string field, string? value, bool required)
    {
        Text(field, value, TextMax, required);
        return this;
    }

    /// <summary>Checks an optional evidence reference.</summary>
    public CaseInput Evidence(string field, string? value)
    {
        Line(field, value, 500, required: false);
        return this;
    }

    /// <summary>
    /// Refuses a text that names a person recorded in the case (<see cref="IdentityMentions"/>),
    /// saying which field and never what matched.
    /// </summary>
    public CaseInput NoIdentity(string field, string? value, IdentityMentions mentions)
    {
        if (mentions.Mentions(value))
        {
            Add(field, "contains the name or document number of a person recorded in this case: refer to the person by code (V-1, P-1, …) instead");
        }

        return this;
    }

    /// <summary>Adds a problem.</summary>
    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>Checks a single line of text.</summary>
    public void Line(string field, string? value, int max, bool required)
    {
        if (Text(field, value, max, required) && value!.Any(c => c is '\n' or '\r' or '\t'))
        {
            Add(field, "must be a single line");
        }
    }

    /// <summary>Checks a text; true when it is present and valid.</summary>
    public bool Text(string field, string? value, int max, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, "is required");
            }

            return false;
        }

        if (value.Length > max)
        {
            Add(field, $"must be at most {max} characters (it has {value.Length})");
            return false;
        }

        if (value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) || HasLoneSurrogate(value))
        {
            Add(field, "contains control characters");
            return false;
        }

        return true;
    }

    // A refused value is echoed only when short and printable, so the answer stays readable.
    private static string Shown(string value) =>
        value.Length <= 60 && !value.Any(char.IsControl) && !HasLoneSurrogate(value) ? $"'{value}'" : "the value given";

    private static bool HasLoneSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return true;
            }
        }

        return false;
    }
}
