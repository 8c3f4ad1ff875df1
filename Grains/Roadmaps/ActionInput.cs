using Enlace.Grains.Cases;
using Enlace.Grains.Interfaces.Roadmaps;
using Enlace.Grains.ReferenceData;

namespace Enlace.Grains.Roadmaps;

/// <summary>
/// Whether a new action's fields fit its roadmap (pure): the roadmap checks them before it takes
/// a number, and the action grain again before it writes — one rule, so a number is only ever
/// taken for an action that will be created.
/// </summary>
public static class ActionInput
{
    /// <summary>Every problem of <paramref name="command"/> against <paramref name="roadmap"/>, by field.</summary>
    public static CaseInput Validate(RoadmapView roadmap, CreateActionCommand command, ReferenceDataSet reference)
    {
        var input = new CaseInput();
        input.Line("title", command.Title, 300, required: true);
        input.Text("description", command.Description, CaseInput.TextMax, required: false);
        if (!roadmap.Areas.Any(a => a.Code == command.Area))
        {
            input.Add("area", $"one of the roadmap's areas: {string.Join(", ", roadmap.Areas.Select(a => a.Code))}");
        }

        var agencies = command.ResponsibleAgencies.OrEmpty();
        if (agencies.Length is 0 or > 30)
        {
            input.Add("responsibleAgencies", "between 1 and 30 agencies");
        }

        foreach (var code in agencies)
        {
            var agency = reference.FindAgency(code);
            if (agency is null)
            {
                input.Add("responsibleAgencies", $"'{code}' is not a configured agency");
            }
            else if (!roadmap.Countries.Contains(agency.Country))
            {
                input.Add("responsibleAgencies", $"{code} is in {agency.Country}, not a country of the roadmap");
            }
        }

        var indicators = command.Indicators.OrEmpty();
        if (indicators.Length > 20)
        {
            input.Add("indicators", "at most 20 indicators");
        }

        for (var i = 0; i < indicators.Length; i++)
        {
            input.Line($"indicators[{i}].name", indicators[i]?.Name, 200, required: true);
            input.Line($"indicators[{i}].unit", indicators[i]?.Unit, 50, required: true);
        }

        if (indicators.Where(x => x is not null).GroupBy(x => x.Name).Any(g => g.Count() > 1))
        {
            input.Add("indicators", "indicator names must be unique");
        }

        if (command.DueDate < command.StartDate)
        {
            input.Add("dueDate", "must not be before startDate");
        }

        return input;
    }
}
