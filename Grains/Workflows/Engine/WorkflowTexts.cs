using Enlace.Grains.ReferenceData;
using Enlace.Grains.Workflows.Definitions;

namespace Enlace.Grains.Workflows.Engine;

/// <summary>
/// The words people read when a trigger is refused: roles, fields and victim conditions in
/// both languages. States, triggers and tasks take their titles from the definitions.
/// </summary>
public static class WorkflowTexts
{
    /// <summary>Who a role is, for refusals ("only … may do this").</summary>
    public static readonly IReadOnlyDictionary<string, Localized> Roles = new Dictionary<string, Localized>
    {
        ["coordinator"] = new("la coordinación (secretaría técnica)", "the coordination (technical secretariat)"),
        ["responsible"] = new("una institución responsable", "a responsible agency"),
        ["police"] = new("la policía", "the police"),
        ["prosecutor"] = new("la fiscalía", "the prosecutor's office"),
        ["ministry"] = new("un ministerio", "a ministry"),
        ["secretariat"] = new("una secretaría técnica", "a technical secretariat"),
        ["migration"] = new("migraciones", "migration"),
        ["protection"] = new("el servicio de protección", "the protection service"),
        ["child-protection"] = new("la autoridad de protección de la niñez", "the child-protection authority"),
        ["consular"] = new("el servicio consular", "the consular service"),
        ["labour-inspection"] = new("la inspección del trabajo", "labour inspection"),
        ["ombudsperson"] = new("la Defensoría del Pueblo", "the ombudsperson"),
        ["judiciary"] = new("el poder judicial", "the judiciary"),
        ["international"] = new("un organismo internacional", "an international organisation"),
        ["ngo"] = new("una organización de la sociedad civil", "a civil-society organisation"),
    };

    /// <summary>Fields a <c>fieldsPresent</c> guard may ask for.</summary>
    public static readonly IReadOnlyDictionary<string, Localized> Fields = new Dictionary<string, Localized>
    {
        ["summary"] = new("el resumen del caso", "the case summary"),
        ["borderPoint"] = new("el punto fronterizo", "the border point"),
        ["victims"] = new("al menos una víctima registrada", "at least one recorded victim"),
        ["partnerCountries"] = new("un país socio", "a partner country"),
        ["victimConsent"] = new("el consentimiento de cada víctima para el tratamiento de sus datos", "each victim's consent to the processing of personal data"),
        ["legalRepresentative"] = new("el representante legal de la niña, niño o adolescente", "the child's legal representative"),
        ["progressReport"] = new("un informe de avance", "a progress report"),
        ["evidence"] = new("evidencias", "evidence"),
        ["indicatorsReported"] = new("los indicadores reportados", "the indicators reported"),
        ["verificationByEachCountry"] = new("la verificación de la secretaría técnica de cada país", "the verification by each country's technical secretariat"),
    };

    /// <summary>Victim conditions, as said of the person.</summary>
    public static readonly IReadOnlyDictionary<string, Localized> Conditions = new Dictionary<string, Localized>
    {
        ["minor"] = new("que la persona sea menor de edad", "that the person is a minor"),
        ["adult"] = new("que la persona sea mayor de edad", "that the person is an adult"),
        ["sexual-exploitation"] = new("que haya explotación sexual", "that there is sexual exploitation"),
        ["unaccompanied"] = new("que sea una niña, niño o adolescente no acompañado", "that the child is unaccompanied"),
        ["asylum-seeker"] = new("que la persona solicite protección internacional", "that the person seeks international protection"),
        ["not-asylum-seeker"] = new("que la persona no solicite protección internacional (refugio)", "that the person does not seek international protection (asylum)"),
        ["foreign"] = new("que la persona sea extranjera en el país donde se encuentra", "that the person is a foreigner where they are"),
    };

    /// <summary>A role's words, or the role itself when unknown.</summary>
    public static Localized Role(string role) => Roles.GetValueOrDefault(role) ?? new(role, role);

    /// <summary>The guards of a trigger, compiled with their descriptions.</summary>
    public static CompiledGuard[] Compile(WorkflowDefinition definition, GuardDefinition guards, ReferenceDataSet? reference)
    {
        Localized Tasks(string tag)
        {
            var titles = definition.States.SelectMany(s => s.Tasks).Concat(definition.Triggers.SelectMany(t => t.Tasks))
                .Where(t => t.Tags.Contains(tag)).Select(t => t.Title).ToList();
            return titles.Count == 0
                ? new Localized(tag, tag)
                : new Localized(string.Join(", ", titles.Select(t => $"«{t.Es}»").Distinct()), string.Join(", ", titles.Select(t => $"“{t.En}”").Distinct()));
        }

        Localized Purpose(string purpose)
        {
            var value = reference?.VictimValues.Fields.GetValueOrDefault("consentPurpose")?.Find(v => v.Code == purpose);
            return value is null ? new Localized(purpose, purpose) : new Localized(value.Title.Es, value.Title.En);
        }

        return
        [
            .. guards.TasksCompleted.Select(tag =>
            {
                var tasks = Tasks(tag);
                return new CompiledGuard(new($"completar {tasks.Es}", $"complete {tasks.En}"), s => s.TasksCompleted(tag));
            }),
            .. guards.TasksAccepted.Select(tag =>
            {
                var tasks = Tasks(tag);
                return new CompiledGuard(new($"que la institución receptora acepte {tasks.Es}", $"the receiving agency acknowledges {tasks.En}"), s => s.TasksAccepted(tag));
            }),
            .. guards.FieldsPresent.Select(field =>
            {
                var words = Fields.GetValueOrDefault(field) ?? new(field, field);
                return new CompiledGuard(new($"registrar {words.Es}", $"record {words.En}"), s => s.FieldPresent(field));
            }),
            .. guards.ConsentGiven.Select(purpose =>
            {
                var words = Purpose(purpose);
                return new CompiledGuard(new($"el consentimiento para «{words.Es}»", $"consent to “{words.En}”"), s => s.ConsentGiven(purpose));
            }),
            .. guards.VictimIs.Select(condition =>
                new CompiledGuard(Conditions.GetValueOrDefault(condition) ?? new(condition, condition), s => s.VictimIs(condition))),
        ];
    }
}
