namespace Enlace.Grains.Workflows.Engine;

/// <summary>An exit criterion: a pure predicate over the subject and the description shown when it fails.</summary>
public sealed record CompiledGuard(string Description, Func<IWorkflowSubject, bool> Holds);
