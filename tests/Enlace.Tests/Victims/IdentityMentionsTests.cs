using Enlace.Grains.Interfaces.Victims;
using Enlace.Grains.Victims;

namespace Enlace.Tests.Victims;

/// <summary>
/// The rule that keeps a case's own names and document numbers out of its free text: word by
/// word, accent- and case-insensitive, two words of a name in a row (one alone is too common),
/// document numbers however punctuated, trivially short strings ignored.
/// </summary>
public sealed class IdentityMentionsTests
{
    private static readonly IdentityMentions Case = IdentityMentions.Of(
    [
        new PersonIdentity("Ana María Quispe Mamani", "PE-44556677"),
        new PersonIdentity("José Ñáñez de la Cruz", "12.345.678"),
        new PersonIdentity("Ximena", null),
    ]);

    [Theory]
    [InlineData("Se entrevistó a Ana María Quispe Mamani en el albergue.")]
    [InlineData("se entrevisto a ANA MARIA QUISPE MAMANI")]
    [InlineData("Ana Quispe llegó acompañada")]
    [InlineData("la familia Quispe  Mamani declaró")]
    [InlineData("QUISPE MAMANI, Ana María")]
    [InlineData("Declaró María Quispe.")]
    [InlineData("jose nanez cruz")]
    [InlineData("José de la Cruz fue trasladado")]
    [InlineData("Ñáñez Cruz (alias)")]
    [InlineData("Ximena no asistió")]
    public void ANameWrittenAnyWayIsAMention(string text) => Assert.True(Case.Mentions(text), text);

    [Theory]
    [InlineData("DNI 44556677 verificado")]
    [InlineData("documento PE-44556677")]
    [InlineData("documento pe 44556677")]
    [InlineData("CI 12.345.678 LP")]
    [InlineData("CI 12345678")]
    [InlineData("CI 12 345 678")]
    public void ADocumentNumberHoweverPunctuatedIsAMention(string text) => Assert.True(Case.Mentions(text), text);

    [Theory]
    [InlineData("V-1 fue entrevistada en el albergue; P-2 sigue prófugo.")]
    [InlineData("Quispe es un apellido frecuente en Puno")]
    [InlineData("Ana llegó temprano")]
    [InlineData("Anabel Quispeña y Mamanisa")]
    [InlineData("la Cruz Roja atendió a José")]
    [InlineData("Ximenas y Ximeno")]
    [InlineData("teléfono 944556677 y expediente 123456789")]
    [InlineData("monto 12.345 soles, 678 km")]
    [InlineData("")]
    [InlineData(null)]
    public void OtherWordsAndNumbersAreNot(string? text) => Assert.False(Case.Mentions(text), text);

    [Fact]
    public void TriviallyShortNamesAndNumbersAreIgnoredSoTheyDoNotRefuseOrdinaryText()
    {
        var shortOnes = IdentityMentions.Of([new PersonIdentity("Li Bo", "1234"), new PersonIdentity("de la", "A-12")]);

        Assert.True(shortOnes.IsEmpty);
        Assert.False(shortOnes.Mentions("Li Bo, documento 1234, vive de la pesca"));
    }

    [Fact]
    public void WordsAreFoldedAndSplitAtEverythingButLettersAndDigits() =>
        Assert.Equal(["jose", "nanez", "de", "la", "cruz", "12", "345", "678", "istanbul"], IdentityMentions.Words("  JOSÉ\tÑáñez-de la\nCruz; 12.345.678 İstanbul "));

    [Fact]
    public void NothingRecordedMentionsNothingAndTheRuleNeverPrintsWhatItLooksFor()
    {
        Assert.False(IdentityMentions.None.Mentions("Ana María Quispe Mamani"));
        Assert.False(IdentityMentions.Of([]).Mentions("Ana María Quispe Mamani"));
        Assert.DoesNotContain("Quispe", Case.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
