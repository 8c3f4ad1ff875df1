using Enlace.Grains.Cases;
using Enlace.Grains.Monitoring;
using Enlace.Grains.ReadModel;
using Enlace.Grains.Victims;
using Enlace.Grains.Workflows.Definitions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Enlace.Grains.Hosting;

/// <summary>Registers what the grains need from the host.</summary>
public static class GrainServiceCollectionExtensions
{
    /// <summary>The folder of definitions and reference data next to the binaries, used when none is configured.</summary>
    public static string DefaultWorkflowsPath => Path.Combine(AppContext.BaseDirectory, "workflows");

    /// <summary>Adds the workflow catalog, the identity vault, the privacy and participation policies, the clock and the grains' metrics.</summary>
    public static IServiceCollection AddEnlaceGrains(this IServiceCollection services, WorkflowCatalog catalog, IdentityVault vault, PrivacyOptions? privacy = null)
    {
        services.AddSingleton(catalog);
        services.AddSingleton(vault);
        services.AddOptions<PrivacyOptions>().Configure(o =>
        {
            if (privacy is not null)
            {
                o.IdentityEntitledAgencyKinds = privacy.IdentityEntitledAgencyKinds;
            }
        });
        services.AddOptions<DeadlineOptions>();
        services.AddOptions<ParticipationOptions>()
            .Validate(o => o.GraceDays is >= 0 and <= ParticipationOptions.MaxGraceDays,
                $"{ParticipationOptions.SectionName}:{nameof(ParticipationOptions.GraceDays)} must be a whole number of days from 0 to {ParticipationOptions.MaxGraceDays}.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICaseProjection, NoCaseProjection>();
        services.TryAddSingleton<IRoadmapProjection, NoRoadmapProjection>();
        services.TryAddSingleton<IRunningCases, NoRunningCases>();
        services.AddMetrics();
        services.TryAddSingleton<EnlaceMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IIncomingGrainCallFilter, CommandMetricsFilter>());
        return services;
    }
}
