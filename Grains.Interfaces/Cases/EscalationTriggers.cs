namespace Enlace.Grains.Interfaces.Cases;

/// <summary>The <c>trigger</c> of a <c>task-escalated</c> audit event: which deadline was missed (absent on events written before it was recorded).</summary>
public static class EscalationTriggers
{
    /// <summary>A referral's acknowledgement date passed while it waited for its receiving agency.</summary>
    public const string Acknowledgement = "acknowledgement";

    /// <summary>The task's due date passed.</summary>
    public const string DueDate = "due-date";
}
