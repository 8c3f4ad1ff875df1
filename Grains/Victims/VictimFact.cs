namespace Enlace.Grains.Victims;

/// <summary>
/// One victim as the statistics projection holds it (<c>rm_victim_facts</c>): no victim code,
/// case id, agency, free text or date. Absent optional values stay null here; the statistics
/// query reports them as <c>unknown</c>.
/// </summary>
/// <param name="FactId">The victim's random <see cref="VictimRecord.StatisticsId"/>.</param>
/// <param name="Country">The case's lead country: each victim counts in one country.</param>
/// <param name="Year">The year (UTC) the case was opened.</param>
/// <param name="AgeBroad">The broad age band of the victim's age group.</param>
/// <param name="Counts">True when the victim may be counted (see <see cref="VictimFacts.Counts"/>).</param>
public sealed record VictimFact(
    Guid FactId,
    string Country,
    int Year,
    string Sex,
    string AgeBroad,
    string Citizenship,
    IReadOnlyList<string> Exploitation,
    string? CountryOfExploitation,
    string IdentificationStatus,
    bool Counts);
