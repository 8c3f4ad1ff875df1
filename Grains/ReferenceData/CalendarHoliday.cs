using Enlace.Grains.Workflows.Definitions;

namespace Enlace.Grains.ReferenceData;

/// <summary>A public holiday, or a non-working day the government declared, of a country's calendar.</summary>
public sealed record CalendarHoliday(DateOnly Date, LocalizedText Name, string Source, string Kind);
