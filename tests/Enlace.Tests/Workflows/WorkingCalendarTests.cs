using Enlace.Grains.ReferenceData;
using Enlace.Grains.Workflows.Definitions;
using Enlace.Tests.Infrastructure;

namespace Enlace.Tests.Workflows;

/// <summary>
/// Deadlines counted in working days (<c>P2WD</c>) in the shipped calendars of Peru and Bolivia:
/// the acceptance cases (a Friday before a holiday, across a year boundary), the rule for a start
/// on a non-working day, daylight-saving time, and properties over random starts.
/// </summary>
public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar Peru = TestCatalog.Reference.CalendarFor("PE");
    private static readonly WorkingCalendar Bolivia = TestCatalog.Reference.CalendarFor("BO");

    [Fact]
    public void TwoWorkingDaysFromTheFridayBeforeFiestasPatriasEndOnThursdayInLima()
    {
        // Friday 25 July 2025, 10:00 in Lima; Monday 28 and Tuesday 29 are Fiestas Patrias.
        var due = Peru.AddWorkingDays(Local(2025, 7, 25, 10, 0, -5), 2);

        Assert.Equal(Local(2025, 7, 31, 10, 0, -5), due.At);
        Assert.Empty(due.YearsWithoutData);
    }

    [Fact]
    public void TwoWorkingDaysFromTheFridayBeforeSanPedroYSanPabloDifferInLimaAndLaPaz()
    {
        // Friday 26 June 2026, 15:00 UTC: Monday 29 June is a holiday in Peru, a working day in Bolivia.
        var start = new DateTimeOffset(2026, 6, 26, 15, 0, 0, TimeSpan.Zero);

        Assert.Equal(Local(2026, 7, 1, 10, 0, -5), Peru.AddWorkingDays(start, 2).At);
        Assert.Equal(Local(2026, 6, 30, 11, 0, -4), Bolivia.AddWorkingDays(start, 2).At);
    }

    [Fact]
    public void TwoWorkingDaysFromTheFridayBeforeTheMovedAndeanNewYearEndOnWednesdayInLaPaz()
    {
        // Friday 19 June 2026, 10:00 in La Paz; Sunday 21 June's holiday is moved to Monday 22 (D.S. 5521).
        var start = Local(2026, 6, 19, 10, 0, -4);

        Assert.Equal(Local(2026, 6, 24, 10, 0, -4), Bolivia.AddWorkingDays(start, 2).At);
        Assert.Equal(Local(2026, 6, 23, 9, 0, -5), Peru.AddWorkingDays(start, 2).At);
    }

    [Fact]
    public void TwoWorkingDaysFromTheFridayBeforeCarnivalEndOnThursdayInLaPaz()
    {
        // Friday 13 February 2026; Carnaval is Monday 16 and Tuesday 17 in Bolivia only.
        var start = Local(2026, 2, 13, 16, 30, -4);

        Assert.Equal(Local(2026, 2, 19, 16, 30, -4), Bolivia.AddWorkingDays(start, 2).At);
        Assert.Equal(Local(2026, 2, 17, 15, 30, -5), Peru.AddWorkingDays(start, 2).At);
    }

    [Fact]
    public void AcrossTheYearBoundaryNewYearAndTheDeclaredDaysDoNotCount()
    {
        // Wednesday 31 December 2025: 1 January is a holiday in both, Friday 2 January 2026 a
        // non-working day in Peru (D.S. 042-2025-PCM) and a holiday in Bolivia.
        Assert.Equal(Local(2026, 1, 6, 10, 0, -5), Peru.AddWorkingDays(Local(2025, 12, 31, 10, 0, -5), 2).At);
        Assert.Equal(Local(2026, 1, 6, 10, 0, -4), Bolivia.AddWorkingDays(Local(2025, 12, 31, 10, 0, -4), 2).At);

        // Thursday 31 December 2026: Friday 1 January 2027 is a holiday; due Tuesday 5 January.
        Assert.Equal(Local(2027, 1, 5, 17, 0, -5), Peru.AddWorkingDays(Local(2026, 12, 31, 17, 0, -5), 2).At);
        Assert.Equal(Local(2027, 1, 5, 17, 0, -4), Bolivia.AddWorkingDays(Local(2026, 12, 31, 17, 0, -4), 2).At);
    }

    [Fact]
    public void AssignedOnTheFridayNonWorkingDayBeforeNewYearTheCountStartsOnMonday()
    {
        // Friday 26 December 2025 is itself a non-working day in Peru and a holiday in Bolivia:
        // the count starts at 00:00 on Monday 29. Two working days (29, 30) end at 00:00 on the
        // 31st; three (29, 30, 31) run past New Year and 2 January to 00:00 on Monday 5 January.
        Assert.Equal(Local(2025, 12, 31, 0, 0, -5), Peru.AddWorkingDays(Local(2025, 12, 26, 11, 0, -5), 2).At);
        Assert.Equal(Local(2026, 1, 5, 0, 0, -5), Peru.AddWorkingDays(Local(2025, 12, 26, 11, 0, -5), 3).At);
        Assert.Equal(Local(2026, 1, 5, 0, 0, -4), Bolivia.AddWorkingDays(Local(2025, 12, 26, 11, 0, -4), 3).At);
    }

    [Fact]
    public void ADeadlineRunningIntoAYearWithoutDataCountsWeekendsOnlyAndSaysSo()
    {
        // Friday 31 December 2027; the shipped calendars end with 2027.
        var due = Peru.AddWorkingDays(Local(2027, 12, 31, 10, 0, -5), 2);

        Assert.Equal(Local(2028, 1, 4, 10, 0, -5), due.At);
        Assert.Equal([2028], due.YearsWithoutData);
    }

    [Fact]
    public void TheLocalDateDecidesTheStartDayNotTheUtcDate()
    {
        // 03:00 UTC on Saturday 27 June 2026 is still Friday 22:00 in Lima.
        var due = Peru.AddWorkingDays(new DateTimeOffset(2026, 6, 27, 3, 0, 0, TimeSpan.Zero), 2);

        Assert.Equal(Local(2026, 7, 1, 22, 0, -5), due.At);
    }

    [Fact]
    public void AcrossDaylightSavingTimeTheLocalTimeOfDayIsKept()
    {
        // No country of the deployment has DST; a calendar in Madrid without weekends shows the rule.
        var madrid = new WorkingCalendar("ES", TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid"), [], [2026], []);

        // Friday 27 March 2026, 09:00 CET → Monday 30 March, 09:00 CEST: 72 hours less one.
        var spring = madrid.AddWorkingDays(Local(2026, 3, 27, 9, 0, 1), 3);
        Assert.Equal(Local(2026, 3, 30, 9, 0, 2), spring.At);

        // 02:30 on 29 March 2026 does not exist: it moves forward by the gap, to 03:30 CEST.
        Assert.Equal(Local(2026, 3, 29, 3, 30, 2), madrid.AddWorkingDays(Local(2026, 3, 28, 2, 30, 1), 1).At);

        // 02:30 on 25 October 2026 happens twice: the first (CEST) is the deadline.
        Assert.Equal(Local(2026, 10, 25, 2, 30, 2), madrid.AddWorkingDays(Local(2026, 10, 24, 2, 30, 2), 1).At);
    }

    [Fact]
    public void RandomStartsGiveDueDatesOnWorkingDaysAfterExactlyTheCountedWorkingDays()
    {
        var random = new Random(2026_06_26);
        var calendars = new[] { Peru, Bolivia, RandomDstCalendar(random) };
        for (var i = 0; i < 5_000; i++)
        {
            var calendar = calendars[i % calendars.Length];
            var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(0, 3 * 365 * 24 * 60 - 60 * 24 * 40));
            var days = random.Next(1, 15);
            var due = calendar.AddWorkingDays(start, days);
            var what = $"{calendar.Country} {start:O} + {days}WD = {due.At:O}";

            var local = TimeZoneInfo.ConvertTime(start, calendar.Zone).DateTime;
            var dueLocal = TimeZoneInfo.ConvertTime(due.At, calendar.Zone).DateTime;
            var from = DateOnly.FromDateTime(local);
            var timeOfDay = local.TimeOfDay;
            if (!calendar.IsWorkingDay(from))
            {
                timeOfDay = TimeSpan.Zero;
                do
                {
                    from = from.AddDays(1);
                }
                while (!calendar.IsWorkingDay(from));
            }

            var dueDate = DateOnly.FromDateTime(dueLocal);
            Assert.True(due.At > start, what);
            Assert.True(calendar.IsWorkingDay(dueDate), what);
            Assert.Equal(days, Enumerable.Range(1, dueDate.DayNumber - from.DayNumber).Count(d => calendar.IsWorkingDay(from.AddDays(d))));
            if (!calendar.Zone.IsInvalidTime(dueLocal.Date + timeOfDay))
            {
                Assert.True(timeOfDay == dueLocal.TimeOfDay, what);
            }

            // Later starts are never due earlier, and more days are never due earlier.
            Assert.True(calendar.AddWorkingDays(start.AddHours(random.Next(1, 72)), days).At >= due.At, what);
            Assert.True(calendar.AddWorkingDays(start, days + 1).At > due.At, what);
        }
    }

    [Theory]
    [InlineData("P2WD", 2, 0)]
    [InlineData("P15WD", 15, 0)]
    [InlineData("PT24H", 0, 24)]
    [InlineData("P2D", 0, 48)]
    public void DurationsAreWorkingDaysOrElapsedTime(string text, int workingDays, int hours)
    {
        Assert.True(DeadlineDuration.TryParse(text, out var duration));
        Assert.Equal((workingDays, TimeSpan.FromHours(hours)), (duration.WorkingDays, duration.Elapsed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("P0WD")]
    [InlineData("P01WD")]
    [InlineData("P2wd")]
    [InlineData("2WD")]
    [InlineData("P2WDT4H")]
    [InlineData("P1.5WD")]
    [InlineData("P401WD")]
    [InlineData("PT0H")]
    [InlineData("-P2D")]
    public void OtherDurationsAreRefused(string? text) => Assert.False(DeadlineDuration.TryParse(text, out _));

    [Fact]
    public void ADefinitionWithAMalformedWorkingDayDurationIsRefusedWithItsLine()
    {
        var yaml = Cases.CalendarDeadlineTests.Drill.Replace("acknowledgeIn: P2WD", "acknowledgeIn: P2DW", StringComparison.Ordinal);

        var error = Assert.Single(Assert.Throws<InvalidDefinitionException>(() => WorkflowCatalog.FromSources([("drill.v1.yaml", yaml)], TestCatalog.Reference)).Errors);

        Assert.Equal(("drill.v1.yaml", "states[0].tasks[2].acknowledgeIn", yaml.Split('\n').ToList().FindIndex(l => l.Contains("P2DW", StringComparison.Ordinal)) + 1), (error.File, error.Path, error.Line));
        Assert.Equal("acknowledgeIn 'P2DW' is neither a positive ISO 8601 duration such as PT24H nor a count of working days such as P2WD (at most P400WD)", error.Message);
        Assert.NotNull(WorkflowCatalog.FromSources([("drill.v1.yaml", Cases.CalendarDeadlineTests.Drill)], TestCatalog.Reference).Find("working-days-drill", 1));
    }

    [Fact]
    public void AnElapsedDurationIgnoresTheCalendar()
    {
        DeadlineDuration.TryParse("PT24H", out var urgent);
        var friday = Local(2025, 7, 25, 10, 0, -5);

        Assert.Equal(friday.AddHours(24), urgent.DueFrom(friday, Peru).At);
    }

    [Fact]
    public void TheShippedCalendarsHoldTheMoveableFeastsOfEachYear()
    {
        foreach (var year in new[] { 2025, 2026, 2027 })
        {
            var easter = Easter(year);
            Assert.Equal("Jueves Santo", Peru.Holidays[easter.AddDays(-3)].Name.Es);
            Assert.Equal("Viernes Santo", Peru.Holidays[easter.AddDays(-2)].Name.Es);
            Assert.Equal("Viernes Santo", Bolivia.Holidays[easter.AddDays(-2)].Name.Es);
            Assert.Equal(["Carnaval", "Carnaval"], [Bolivia.Holidays[easter.AddDays(-48)].Name.Es, Bolivia.Holidays[easter.AddDays(-47)].Name.Es]);
            Assert.Equal("Corpus Christi", Bolivia.Holidays[easter.AddDays(60)].Name.Es);
            Assert.Equal(16, Peru.Holidays.Values.Count(h => h.Date.Year == year && h.Kind == "holiday"));
        }

        Assert.Equal(
            ["2026-01-01", "2026-01-02", "2026-01-23", "2026-02-16", "2026-02-17", "2026-04-03", "2026-05-01", "2026-06-04", "2026-06-05", "2026-06-22", "2026-08-06", "2026-08-07", "2026-11-02", "2026-12-25"],
            Bolivia.Holidays.Keys.Where(d => d.Year == 2026).Order().Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(Peru.Holidays.Values.Concat(Bolivia.Holidays.Values), h => Assert.False(string.IsNullOrWhiteSpace(h.Source)));
        Assert.Equal(["2025-05-02", "2025-12-26", "2026-01-02"], Peru.Holidays.Values.Where(h => h.Kind == "non-working").Select(h => h.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Order());
    }

    private static DateTimeOffset Local(int year, int month, int day, int hour, int minute, int offsetHours) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(offsetHours));

    // Madrid (DST) with a random weekend of at most two days and random holidays.
    private static WorkingCalendar RandomDstCalendar(Random random)
    {
        var weekend = Enum.GetValues<DayOfWeek>().OrderBy(_ => random.Next()).Take(random.Next(0, 3));
        var holidays = Enumerable.Range(0, 60).Select(_ => new DateOnly(2025, 1, 1).AddDays(random.Next(0, 3 * 365))).Distinct()
            .Select(d => new CalendarHoliday(d, new() { Es = "Feriado", En = "Holiday" }, "test", "holiday"));
        return new WorkingCalendar("ES", TimeZoneInfo.FindSystemTimeZoneById("Europe/Madrid"), weekend, [2025, 2026, 2027], holidays);
    }

    // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    private static DateOnly Easter(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
