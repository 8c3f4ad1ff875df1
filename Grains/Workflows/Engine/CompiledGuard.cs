namespace Enlace.Grains.Workflows.Engine;

/// <summary>A guard of a trigger: what it asks, in words for people (both languages), and the predicate.</summary>
public sealed record CompiledGuard(Localized Description, Func<IWorkflowSubject, bool> Holds);
