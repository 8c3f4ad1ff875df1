using Enlace.Grains.ReferenceData;
using Enlace.Grains.Victims;

namespace Enlace.Grains.Workflows.Definitions;

/// <summary>
/// Checks a parsed definition against itself and the configured reference data;
/// every problem comes back with its file, path and line.
/// </summary>
public sealed class WorkflowValidator
{
    /// <summary>Roles a trigger may name besides agency kinds.</summary>
    public static readonly IReadOnlyList<string> UserRoles = ["coordinator", "responsible"];

    /// <summary>Fields a <c>fieldsPresent</c> guard may name, per definition kind.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> KnownFields = new Dictionary<string, IReadOnlyList<string>>
    {
        ["case"] = ["summary", "borderPoint", "victims", "partnerCountries", "victimConsent"],
        ["victim-care"] = ["legalRepresentative"],
        ["roadmap-action"] = ["progressReport", "evidence", "indicatorsReported", "verificationByEachCountry"],
    };

    private readonly WorkflowDefinition _definition;
    private readonly IReadOnlyDictionary<string, int> _lines;
    private readonly ReferenceDataSet _reference;
    private readonly List<DefinitionError> _errors = [];

    private WorkflowValidator(WorkflowDefinition definition, IReadOnlyDictionary<string, int> lines, ReferenceDataSet reference)
    {
        _definition = definition;
        _lines = lines;
        _reference = reference;
    }

    /// <summary>Every problem of <paramref name="definition"/>; empty when it is valid.</summary>
    public static IReadOnlyList<DefinitionError> Validate(
        WorkflowDefinition definition,
        IReadOnlyDictionary<string, int> lines,
        ReferenceDataSet reference)
    {
        var validator = new WorkflowValidator(definition, lines, reference);
        validator.Run();
        return validator._errors;
    }

    private void Run()
    {
        CheckHeader();
        var states = CheckStates();
        CheckTriggers(states);
        CheckGraph(states);
    }

    private void CheckHeader()
    {
        if (string.IsNullOrWhiteSpace(_definition.Id))
        {
            Error("id", "the definition has no id");
        }
        else if (!IsSlug(_definition.Id))
        {
            Error("id", $"id '{_definition.Id}' must be lower-case letters, digits and dashes, starting with a letter");
        }

        if (_definition.Version < 1)
        {
            Error("version", "version must be a whole number from 1");
        }

        if (!WorkflowDefinition.Kinds.Contains(_definition.Kind))
        {
            Error("kind", $"kind '{_definition.Kind}' is not one of {string.Join(", ", WorkflowDefinition.Kinds)}");
        }

        CheckText("title", _definition.Title);
        CheckDuplicates(_definition.Resolutions, "resolutions", "resolution");
        if (_definition.Care is not null && _definition.Kind != "case")
        {
            Error("care", "only a case definition names the care definition its victims follow");
        }

        if (_definition.Fallback is { } fallback)
        {
            CheckRule("fallback", fallback, perVictim: false);
        }
    }

    private HashSet<string> CheckStates()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (_definition.States.Count == 0)
        {
            Error("states", "the definition has no states");
        }

        for (var i = 0; i < _definition.States.Count; i++)
        {
            var state = _definition.States[i];
            var path = $"states[{i}]";
            if (string.IsNullOrWhiteSpace(state.Name) || !IsName(state.Name))
            {
                Error($"{path}.name", $"state name '{state.Name}' must be lower-case letters, digits and underscores");
            }
            else if (!names.Add(state.Name))
            {
                Error($"{path}.name", $"duplicate state '{state.Name}'");
            }

            CheckText($"{path}.title", state.Title);
            for (var t = 0; t < state.Tasks.Count; t++)
            {
                CheckTask($"{path}.tasks[{t}]", state.Tasks[t]);
            }

            if (state.Closed && state.Terminal)
            {
                Error($"{path}.closed", $"state '{state.Name}' is terminal, which already closes the instance: drop 'closed'");
            }
        }

        if (string.IsNullOrWhiteSpace(_definition.InitialState))
        {
            Error("initialState", "the definition has no initialState");
        }
        else if (!names.Contains(_definition.InitialState))
        {
            Error("initialState", $"unknown state '{_definition.InitialState}'");
        }

        return names;
    }

    private void CheckTask(string path, TaskTemplate task)
    {
        CheckText($"{path}.title", task.Title);
        if (!TaskTemplate.Kinds.Contains(task.Kind))
        {
            Error($"{path}.kind", $"task kind '{task.Kind}' is not one of {string.Join(", ", TaskTemplate.Kinds)}");
        }

        if (!TaskTemplate.Priorities.Contains(task.Priority))
        {
            Error($"{path}.priority", $"priority '{task.Priority}' is not one of {string.Join(", ", TaskTemplate.Priorities)}");
        }

        if (!DeadlineDuration.TryParse(task.DueIn, out _))
        {
            Error($"{path}.dueIn", $"dueIn '{task.DueIn}' is neither a positive ISO 8601 duration such as P3D or PT12H nor a count of working days such as P2WD (at most P{DeadlineDuration.MaxWorkingDays}WD)");
        }

        if (task.Kind == "referral" && !DeadlineDuration.TryParse(task.AcknowledgeIn, out _))
        {
            Error($"{path}.acknowledgeIn", task.AcknowledgeIn is null
                ? "a referral needs acknowledgeIn: a positive ISO 8601 duration such as PT24H, or working days such as P2WD"
                : $"acknowledgeIn '{task.AcknowledgeIn}' is neither a positive ISO 8601 duration such as PT24H nor a count of working days such as P2WD (at most P{DeadlineDuration.MaxWorkingDays}WD)");
        }

        if (task.Tags.Count == 0)
        {
            Error($"{path}.tags", "a task needs at least one tag, so that guards can refer to it");
        }

        var care = _definition.Kind == "victim-care";
        if (task.PerVictim && care)
        {
            Error($"{path}.perVictim", "every task of a care track is for its victim already: drop 'perVictim'");
        }
        else if (task.PerVictim && _definition.Kind != "case")
        {
            Error($"{path}.perVictim", "only case definitions have victims");
        }

        var perVictim = care || task.PerVictim;
        for (var w = 0; w < task.When.Count; w++)
        {
            if (!perVictim)
            {
                Error($"{path}.when", "'when' applies to tasks for one victim: set 'perVictim: true' (or put the task in a care definition)");
                break;
            }

            if (!VictimConditions.Meanings.ContainsKey(task.When[w]))
            {
                Error($"{path}.when[{w}]", $"unknown victim condition '{task.When[w]}': use {string.Join(", ", VictimConditions.Meanings.Keys)}");
            }
        }

        if (task.RequiresConsent is { } purpose)
        {
            if (!perVictim)
            {
                Error($"{path}.requiresConsent", "'requiresConsent' applies to tasks for one victim: set 'perVictim: true'");
            }
            else if (!_reference.VictimValues.Has("consentPurpose", purpose))
            {
                Error($"{path}.requiresConsent", $"unknown consent purpose '{purpose}': use {string.Join(", ", _reference.VictimValues.Codes("consentPurpose"))}");
            }
        }

        CheckRule($"{path}.assign", task.Assign, perVictim);
    }

    private void CheckRule(string path, AssignmentRule rule, bool perVictim)
    {
        if (!AssignmentRule.CountryRoles.Contains(rule.Country))
        {
            Error($"{path}.country", $"country role '{rule.Country}' is not one of {string.Join(", ", AssignmentRule.CountryRoles)}");
        }
        else if (rule.Country == "victim-stay" && !perVictim)
        {
            Error($"{path}.country", "'victim-stay' is the country where one victim is: only tasks for one victim may use it");
        }

        if (!Agency.Kinds.Contains(rule.AgencyKind))
        {
            Error($"{path}.agencyKind", $"agency kind '{rule.AgencyKind}' is not one of {string.Join(", ", Agency.Kinds)}");
        }
        else if (!_reference.Agencies.Any(a => a.Kind == rule.AgencyKind))
        {
            Error(path, $"no configured agency is of kind '{rule.AgencyKind}', so no agency can receive this task");
        }
    }

    private void CheckTriggers(HashSet<string> states)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var tags = _definition.States.SelectMany(s => s.Tasks).Concat(_definition.Triggers.SelectMany(t => t.Tasks))
            .SelectMany(t => t.Tags).ToHashSet(StringComparer.Ordinal);
        var fields = KnownFields.TryGetValue(_definition.Kind, out var known) ? known : [];
        for (var i = 0; i < _definition.Triggers.Count; i++)
        {
            var trigger = _definition.Triggers[i];
            var path = $"triggers[{i}]";
            if (string.IsNullOrWhiteSpace(trigger.Name) || !IsSlug(trigger.Name))
            {
                Error($"{path}.name", $"trigger name '{trigger.Name}' must be lower-case letters, digits and dashes");
            }
            else if (!names.Add(trigger.Name))
            {
                Error($"{path}.name", $"duplicate trigger '{trigger.Name}': list every source state in one trigger's 'from'");
            }

            CheckText($"{path}.title", trigger.Title);
            if (trigger.From.Count == 0)
            {
                Error($"{path}.from", $"trigger '{trigger.Name}' has no source state");
            }

            for (var f = 0; f < trigger.From.Count; f++)
            {
                if (!states.Contains(trigger.From[f]))
                {
                    Error($"{path}.from[{f}]", $"unknown state '{trigger.From[f]}'");
                }
                else if (_definition.FindState(trigger.From[f])!.Terminal)
                {
                    Error($"{path}.from[{f}]", $"state '{trigger.From[f]}' is terminal: no trigger may leave it");
                }
            }

            CheckDuplicates(trigger.From, $"{path}.from", "source state");
            for (var t = 0; t < trigger.Tasks.Count; t++)
            {
                CheckTask($"{path}.tasks[{t}]", trigger.Tasks[t]);
            }

            CheckEffect(path, trigger);
            if (string.IsNullOrWhiteSpace(trigger.To))
            {
                if (trigger.Effect is null && trigger.Tasks.Count == 0)
                {
                    Error($"{path}.to", $"trigger '{trigger.Name}' has no target state (only a trigger with an effect or tasks may stay in its state)");
                }
            }
            else if (!states.Contains(trigger.To))
            {
                Error($"{path}.to", $"unknown state '{trigger.To}'");
            }

            if (trigger.Roles.Count == 0)
            {
                Error($"{path}.roles", $"trigger '{trigger.Name}' names no role that may fire it");
            }

            CheckRoles($"{path}.roles", trigger.Roles);
            CheckRoles($"{path}.recordedBy", trigger.RecordedBy);
            foreach (var both in trigger.RecordedBy.Intersect(trigger.Roles))
            {
                Error($"{path}.recordedBy", $"'{both}' decides '{trigger.Name}' already (it is in roles): a role either decides or records");
            }

            for (var g = 0; g < trigger.Guards.TasksAccepted.Count; g++)
            {
                if (!tags.Contains(trigger.Guards.TasksAccepted[g]))
                {
                    Error($"{path}.guards.tasksAccepted[{g}]", $"no task of this definition has the tag '{trigger.Guards.TasksAccepted[g]}'");
                }
            }

            var care = _definition.Kind == "victim-care";
            for (var g = 0; g < trigger.Guards.ConsentGiven.Count; g++)
            {
                if (!care)
                {
                    Error($"{path}.guards.consentGiven", "consent is a person's: only care definitions may guard on it");
                    break;
                }

                if (!_reference.VictimValues.Has("consentPurpose", trigger.Guards.ConsentGiven[g]))
                {
                    Error($"{path}.guards.consentGiven[{g}]", $"unknown consent purpose '{trigger.Guards.ConsentGiven[g]}': use {string.Join(", ", _reference.VictimValues.Codes("consentPurpose"))}");
                }
            }

            for (var g = 0; g < trigger.Guards.VictimIs.Count; g++)
            {
                if (!care)
                {
                    Error($"{path}.guards.victimIs", "only care definitions guard on a victim's conditions");
                    break;
                }

                if (!VictimConditions.Meanings.ContainsKey(trigger.Guards.VictimIs[g]))
                {
                    Error($"{path}.guards.victimIs[{g}]", $"unknown victim condition '{trigger.Guards.VictimIs[g]}': use {string.Join(", ", VictimConditions.Meanings.Keys)}");
                }
            }

            for (var r = 0; r < trigger.Resolutions.Count; r++)
            {
                if (!_definition.Resolutions.Contains(trigger.Resolutions[r]))
                {
                    Error($"{path}.resolutions[{r}]", $"'{trigger.Resolutions[r]}' is not one of the definition's resolutions ({string.Join(", ", _definition.Resolutions)})");
                }
            }

            if (trigger.Resolutions.Count > 0 && !trigger.RequiresResolution)
            {
                Error($"{path}.resolutions", "a trigger that lists resolutions must require one (requiresResolution: true)");
            }

            for (var g = 0; g < trigger.Guards.TasksCompleted.Count; g++)
            {
                if (!tags.Contains(trigger.Guards.TasksCompleted[g]))
                {
                    Error($"{path}.guards.tasksCompleted[{g}]", $"no task of this definition has the tag '{trigger.Guards.TasksCompleted[g]}'");
                }
            }

            for (var g = 0; g < trigger.Guards.FieldsPresent.Count; g++)
            {
                if (!fields.Contains(trigger.Guards.FieldsPresent[g]))
                {
                    Error($"{path}.guards.fieldsPresent[{g}]", $"unknown field '{trigger.Guards.FieldsPresent[g]}': use {string.Join(", ", fields)}");
                }
            }

            if (trigger.RequiresResolution && _definition.Resolutions.Count == 0)
            {
                Error($"{path}.requiresResolution", "the trigger requires a resolution but the definition lists no resolutions");
            }
        }
    }

    private void CheckRoles(string path, List<string> roles)
    {
        for (var r = 0; r < roles.Count; r++)
        {
            if (roles[r] == "admin")
            {
                Error($"{path}[{r}]", "administrators manage definitions, agencies and upgrades, not case content: name the agency kind that decides, or coordinator");
            }
            else if (!UserRoles.Contains(roles[r]) && !Agency.Kinds.Contains(roles[r]))
            {
                Error($"{path}[{r}]", $"unknown role '{roles[r]}': use {string.Join(", ", UserRoles)} or an agency kind");
            }
        }
    }

    private void CheckEffect(string path, TriggerDefinition trigger)
    {
        if (trigger.Effect is null)
        {
            if (trigger.LinkedWorkflow is not null)
            {
                Error($"{path}.linkedWorkflow", "'linkedWorkflow' goes with 'effect: open-linked-case'");
            }

            return;
        }

        if (!TriggerDefinition.Effects.All.Contains(trigger.Effect))
        {
            Error($"{path}.effect", $"unknown effect '{trigger.Effect}': use {string.Join(", ", TriggerDefinition.Effects.All)}");
        }
        else if (_definition.Kind != "case")
        {
            Error($"{path}.effect", $"'{trigger.Effect}' changes a case: only case definitions may use it");
        }
        else if (trigger.Effect == TriggerDefinition.Effects.OpenLinkedCase && string.IsNullOrWhiteSpace(trigger.LinkedWorkflow))
        {
            Error($"{path}.linkedWorkflow", "'open-linked-case' needs 'linkedWorkflow', the id of the case definition it opens");
        }
    }

    private void CheckGraph(HashSet<string> states)
    {
        if (!states.Contains(_definition.InitialState))
        {
            return;
        }

        var reachable = new HashSet<string> { _definition.InitialState };
        var frontier = new Queue<string>(reachable);
        while (frontier.TryDequeue(out var current))
        {
            foreach (var trigger in _definition.Triggers.Where(t => t.From.Contains(current) && !t.StaysInState && states.Contains(t.To)))
            {
                if (reachable.Add(trigger.To))
                {
                    frontier.Enqueue(trigger.To);
                }
            }
        }

        for (var i = 0; i < _definition.States.Count; i++)
        {
            var state = _definition.States[i];
            if (!states.Contains(state.Name))
            {
                continue;
            }

            if (!reachable.Contains(state.Name))
            {
                Error($"states[{i}]", $"state '{state.Name}' cannot be reached from the initial state '{_definition.InitialState}'");
            }

            if (!state.Terminal && !_definition.Triggers.Any(t => t.From.Contains(state.Name) && !t.StaysInState))
            {
                Error($"states[{i}]", $"state '{state.Name}' is not terminal but no trigger leaves it");
            }
        }

        if (!_definition.States.Any(s => s.Terminal))
        {
            Error("states", "no state is terminal: an instance could never end");
        }
    }

    private void CheckText(string path, LocalizedText text)
    {
        if (string.IsNullOrWhiteSpace(text.Es) || string.IsNullOrWhiteSpace(text.En))
        {
            Error(path, "a title needs both 'es' and 'en'");
        }
    }

    private void CheckDuplicates(IReadOnlyList<string> values, string path, string what)
    {
        foreach (var duplicate in values.GroupBy(v => v).Where(g => g.Count() > 1))
        {
            Error(path, $"duplicate {what} '{duplicate.Key}'");
        }
    }

    private void Error(string path, string message) =>
        _errors.Add(new DefinitionError(_definition.SourceFile, path, LineOf(path), message));

    private int? LineOf(string path)
    {
        while (true)
        {
            if (_lines.TryGetValue(path, out var line))
            {
                return line;
            }

            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            if (cut <= 0)
            {
                return _lines.TryGetValue("", out var root) ? root : null;
            }

            path = path[..cut];
        }
    }

    private static bool IsSlug(string value) =>
        value.Length is > 0 and <= 64 && char.IsAsciiLetterLower(value[0]) && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    private static bool IsName(string value) =>
        value.Length is > 0 and <= 64 && char.IsAsciiLetterLower(value[0]) && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');
}
