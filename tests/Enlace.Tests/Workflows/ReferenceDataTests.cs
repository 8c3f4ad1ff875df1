using System.Collections.Immutable;
using Enlace.Grains.Cases;
using Enlace.Grains.Hosting;
using Enlace.Grains.Interfaces.Cases;
using Enlace.Grains.ReferenceData;
using Enlace.Grains.Workflows.Definitions;
using Enlace.Tests.Infrastructure;

namespace Enlace.Tests.Workflows;

/// <summary>The shipped countries, agencies, border points and calendars, and what the loader refuses in them, by file and line.</summary>
public sealed class ReferenceDataTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("enlace-reference-").FullName;

    public ReferenceDataTests()
    {
        TestCatalog.CopyReference(_folder);
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void EachCountryHasItsTimeZoneAndLocale()
    {
        var countries = TestCatalog.Reference.Countries.ToDictionary(c => c.Code, c => (c.TimeZone, c.Locale));

        Assert.Equal(("America/Lima", "es-PE"), countries["PE"]);
        Assert.Equal(("America/La_Paz", "es-BO"), countries["BO"]);
        Assert.Equal(TimeSpan.FromHours(-5), TimeZoneInfo.FindSystemTimeZoneById(countries["PE"].TimeZone).BaseUtcOffset);
        Assert.Equal(TimeSpan.FromHours(-4), TimeZoneInfo.FindSystemTimeZoneById(countries["BO"].TimeZone).BaseUtcOffset);
    }

    [Fact]
    public void BothCountriesHaveAnAgencyOfEveryKindAndOneThatReceivesRuleAddressedWork()
    {
        foreach (var country in new[] { "PE", "BO" })
        {
            foreach (var kind in Agency.Kinds)
            {
                var agencies = TestCatalog.Reference.Agencies.Where(a => a.Country == country && a.Kind == kind).ToList();
                Assert.True(agencies.Count > 0, $"{country} has no agency of kind '{kind}'");
                Assert.True(agencies.Count == 1 || agencies.Count(a => a.Primary) == 1, $"{country} '{kind}': {agencies.Count} agencies, {agencies.Count(a => a.Primary)} primary");
            }
        }

        Assert.Equal("PE-MIMP-UPE", TestCatalog.Reference.AgencyFor("child-protection", "PE")!.Code);
        Assert.Equal("BO-DNA-ELALTO", TestCatalog.Reference.AgencyFor("child-protection", "BO")!.Code);
        Assert.Equal("PE-CONSULADO-LA-PAZ", TestCatalog.Reference.AgencyFor("consular", "PE")!.Code);
        Assert.Equal("BO-CONSULADO-PUNO", TestCatalog.Reference.AgencyFor("consular", "BO")!.Code);
        Assert.Equal("BO-SEPDAVI", TestCatalog.Reference.AgencyFor("protection", "BO")!.Code);
    }

    [Fact]
    public void TheCebafIsABorderPointNotAnAgency()
    {
        Assert.DoesNotContain(TestCatalog.Reference.Agencies, a => a.Code.Contains("CEBAF", StringComparison.Ordinal) || a.Name.Contains("CEBAF", StringComparison.Ordinal));
        Assert.Contains("CEBAF", TestCatalog.Reference.FindBorderPoint("desaguadero")!.Name.Es, StringComparison.Ordinal);
        Assert.Equal(["desaguadero", "lago-titicaca", "yunguyo-kasani"], TestCatalog.Reference.BorderPoints.Select(b => b.Code).Order(StringComparer.Ordinal));
        Assert.All(TestCatalog.Reference.BorderPoints, b => Assert.Equal(["BO", "PE"], b.Countries.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void AnUnknownKeyInTheBorderPointsIsRefusedWithItsLine()
    {
        Edit("border-points.yaml", "    countries: [PE, BO]\n  - code: yunguyo-kasani", "    countries: [PE, BO]\n    facility: CEBAF\n  - code: yunguyo-kasani");

        var error = SingleError();

        Assert.EndsWith("border-points.yaml", error.File, StringComparison.Ordinal);
        Assert.Equal(LineOf("border-points.yaml", "facility: CEBAF"), error.Line);
        Assert.Contains("facility", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADuplicateBorderPointCodeIsRefusedWithItsLine()
    {
        Edit("border-points.yaml", "  - code: yunguyo-kasani", "  - code: desaguadero");

        var error = SingleError();

        Assert.Equal(("borderPoints[1].code", LineOf("border-points.yaml", "- code: desaguadero", occurrence: 2)), (error.Path, error.Line));
        Assert.Equal("duplicate border point code 'desaguadero'", error.Message);
        Assert.Matches(@"border-points\.yaml:\d+ \(borderPoints\[1\]\.code\): duplicate", error.ToString());
    }

    [Fact]
    public void ABorderPointOfAnUnknownCountryIsRefusedWithItsLine()
    {
        Edit("border-points.yaml", "  - code: lago-titicaca\n    name:\n      es: Lago Titicaca (cruces lacustres)\n      en: Lake Titicaca (lake crossings)\n    countries: [PE, BO]",
            "  - code: lago-titicaca\n    name:\n      es: Lago Titicaca (cruces lacustres)\n      en: Lake Titicaca (lake crossings)\n    countries:\n      - PE\n      - CL");

        var error = SingleError();

        Assert.Equal(("borderPoints[2].countries[1]", LineOf("border-points.yaml", "- CL")), (error.Path, error.Line));
        Assert.Equal("unknown country 'CL'; use one of: BO, PE", error.Message);
    }

    [Fact]
    public void AMissingBorderPointsFileIsNamed()
    {
        File.Delete(Path.Combine(_folder, "border-points.yaml"));

        var error = SingleError();

        Assert.Equal((Path.Combine(_folder, "border-points.yaml"), "the file does not exist"), (error.File, error.Message));
    }

    [Fact]
    public void AnUnknownTimeZoneIsRefusedWithItsLine()
    {
        Edit("countries.yaml", "timeZone: America/Lima", "timeZone: America/Puno");

        var error = SingleError();

        Assert.EndsWith("countries.yaml", error.File, StringComparison.Ordinal);
        Assert.Equal(("countries[1].timeZone", LineOf("countries.yaml", "America/Puno")), (error.Path, error.Line));
        Assert.StartsWith("'America/Puno' is not an IANA time zone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALocaleOfAnotherCountryIsRefusedWithItsLine()
    {
        Edit("countries.yaml", "locale: es-BO", "locale: es-PE");

        var error = SingleError();

        Assert.Equal(("countries[0].locale", LineOf("countries.yaml", "locale: es-PE")), (error.Path, error.Line));
    }

    [Fact]
    public void SeveralAgenciesOfAKindWithoutOnePrimaryAreRefused()
    {
        Edit("agencies.yaml", "    kind: child-protection\n    primary: true\n", "    kind: child-protection\n");

        var error = SingleError();

        Assert.EndsWith("agencies.yaml", error.File, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
        Assert.StartsWith("PE has 3 agencies of kind 'child-protection'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACaseBorderPointMustBeAConfiguredCodeOfOneOfTheCaseCountries()
    {
        // A deployment with Chile besides: Pisiga (BO) – Colchane (CL) joins neither Peru nor a Peruvian-only case.
        var shipped = TestCatalog.Reference;
        var reference = new ReferenceDataSet(
            [.. shipped.Countries, new Country { Code = "CL", Name = new() { Es = "Chile", En = "Chile" }, TimeZone = "America/Santiago", Locale = "es-CL" }],
            shipped.Agencies,
            shipped.VictimValues,
            [.. shipped.BorderPoints, new BorderPoint { Code = "pisiga-colchane", Name = new() { Es = "Pisiga – Colchane", En = "Pisiga – Colchane" }, Countries = ["BO", "CL"] }]);
        var catalog = WorkflowCatalog.FromSources([("trafficking-case.v1.yaml", TestCatalog.ShippedYaml("trafficking-case.v1.yaml"))], reference);
        OpenCaseCommand Open(string lead, ImmutableArray<string> partners, string? borderPoint) =>
            new("trafficking-case", "Captación en frontera", "Denuncia", lead, partners, borderPoint, []);

        var foreign = CaseInput.ForOpen(Open("PE", [], "pisiga-colchane"), catalog);
        var unknown = CaseInput.ForOpen(Open("PE", ["BO"], "Desaguadero"), catalog);

        Assert.Equal(["'pisiga-colchane' joins BO and CL, none of the case's countries (PE); choose a border point of one of them"], foreign.Errors["borderPoint"]);
        Assert.Equal(["'Desaguadero' is not a border point code; use one of: desaguadero, yunguyo-kasani, lago-titicaca, pisiga-colchane (GET /api/v1/border-points), or leave it out"], unknown.Errors["borderPoint"]);
        Assert.True(CaseInput.ForOpen(Open("PE", ["BO"], "pisiga-colchane"), catalog).IsValid, "Bolivia, the partner, is on the crossing");
        Assert.True(CaseInput.ForOpen(Open("PE", [], "desaguadero"), catalog).IsValid);
        Assert.True(CaseInput.ForOpen(Open("PE", [], null), catalog).IsValid);
    }

    [Fact]
    public void ACalendarDateThatDoesNotExistIsRefusedWithItsLine()
    {
        Edit("calendars/PE.yaml", "  - date: 2026-04-02", "  - date: 2026-02-30");

        var error = SingleError();

        Assert.EndsWith(Path.Combine("calendars", "PE.yaml"), error.File, StringComparison.Ordinal);
        Assert.Equal(LineOf("calendars/PE.yaml", "date: 2026-02-30"), error.Line);
        Assert.Matches(@"^holidays\[\d+\]\.date$", error.Path);
        Assert.Equal("'2026-02-30' is not a date: write YYYY-MM-DD, e.g. 2025-01-01", error.Message);
    }

    [Fact]
    public void ADuplicateCalendarDateIsRefusedWithItsLine()
    {
        Edit("calendars/BO.yaml", "  - date: 2027-01-22", "  - date: 2027-01-01");

        var error = SingleError();

        Assert.Equal(LineOf("calendars/BO.yaml", "date: 2027-01-01", occurrence: 2), error.Line);
        Assert.StartsWith("duplicate date 2027-01-01: holidays[", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACalendarOfAnUnknownCountryIsRefusedWithItsLine()
    {
        File.Move(Path.Combine(_folder, "calendars", "BO.yaml"), Path.Combine(_folder, "calendars", "CL.yaml"));
        Edit("calendars/CL.yaml", "country: BO", "country: CL");

        var errors = Assert.Throws<InvalidDefinitionException>(() => ReferenceDataLoader.LoadDirectory(_folder)).Errors;

        var unknown = Assert.Single(errors, e => e.File.EndsWith("CL.yaml", StringComparison.Ordinal));
        Assert.Equal(("country", LineOf("calendars/CL.yaml", "country: CL"), "unknown country 'CL'; use one of: BO, PE"), (unknown.Path, unknown.Line, unknown.Message));
        var missing = Assert.Single(errors, e => e.File.EndsWith("BO.yaml", StringComparison.Ordinal));
        Assert.StartsWith("BO has no working-day calendar", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACalendarHolidayOutsideItsYearsAndABadWeekendDayAreRefusedWithTheirLines()
    {
        Edit("calendars/PE.yaml", "weekend: [saturday, sunday]", "weekend: [saturday, domingo]");
        Edit("calendars/PE.yaml", "years: [2025, 2026, 2027]", "years: [2025, 2026]");

        var errors = Assert.Throws<InvalidDefinitionException>(() => ReferenceDataLoader.LoadDirectory(_folder)).Errors;

        Assert.Equal(("weekend[1]", LineOf("calendars/PE.yaml", "weekend: [saturday, domingo]")), (errors[0].Path, errors[0].Line));
        Assert.StartsWith("'domingo' is not a day of the week", errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(16, errors.Count(e => e.Message.StartsWith("20", StringComparison.Ordinal) && e.Message.Contains("is in 2027, not one of the file's years (2025, 2026): add 2027", StringComparison.Ordinal)));
        Assert.Equal(LineOf("calendars/PE.yaml", "date: 2027-01-01"), errors[1].Line);
    }

    [Fact]
    public void AnUnknownKeyInACalendarIsRefusedWithItsLine()
    {
        Edit("calendars/BO.yaml", "  - date: 2025-01-22   # wed\n", "  - date: 2025-01-22   # wed\n    movable: true\n");

        var error = SingleError();

        Assert.EndsWith("BO.yaml", error.File, StringComparison.Ordinal);
        Assert.Equal(LineOf("calendars/BO.yaml", "movable: true"), error.Line);
        Assert.Contains("movable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACountryWithoutACalendarIsRefused()
    {
        File.Delete(Path.Combine(_folder, "calendars", "PE.yaml"));

        var error = SingleError();

        Assert.Equal((Path.Combine(_folder, "calendars", "PE.yaml"), "PE has no working-day calendar: add calendars/PE.yaml (see docs/OPERATIONS.md)"), (error.File, error.Message));
    }

    private void Edit(string file, string from, string to)
    {
        var path = Path.Combine(_folder, file);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    private int LineOf(string file, string text, int occurrence = 1)
    {
        var lines = File.ReadAllLines(Path.Combine(_folder, file));
        return lines.Select((l, i) => (Line: l, Number: i + 1)).Where(l => l.Line.Contains(text, StringComparison.Ordinal)).ElementAt(occurrence - 1).Number;
    }

    private DefinitionError SingleError()
    {
        var exception = Assert.Throws<InvalidDefinitionException>(() => ReferenceDataLoader.LoadDirectory(_folder));
        return Assert.Single(exception.Errors);
    }
}
