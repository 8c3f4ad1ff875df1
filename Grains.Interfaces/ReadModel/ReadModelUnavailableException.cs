namespace Enlace.Grains.Interfaces.ReadModel;

/// <summary>The read model could not be brought up to date (the database did not answer or refused).</summary>
[GenerateSerializer, Alias("Enlace.ReadModelUnavailableException")]
public sealed class ReadModelUnavailableException : OrleansException
{
    /// <summary>Creates the exception.</summary>
    public ReadModelUnavailableException(string message)
        : base(message)
    {
    }
}
