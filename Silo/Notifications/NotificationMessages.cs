using System.Globalization;
using Enlace.Grains.Interfaces.Notifications;

namespace Enlace.Silo.Notifications;

/// <summary>
/// The text of a notification e-mail in Spanish or English (pure): what happened, the case's or
/// action's reference, the agency's code, the time and a link. Built from system fields only.
/// </summary>
public static class NotificationMessages
{
    /// <summary>The subject and plain-text body for <paramref name="delivery"/>, links under <paramref name="baseUrl"/>.</summary>
    public static (string Subject, string Body) Compose(Delivery delivery, string baseUrl)
    {
        var english = delivery.Language == "en";
        var what = What(delivery.Kind, english);
        var link = Link(delivery, baseUrl);
        var at = delivery.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var lines = new List<string>
        {
            $"{what}.",
            "",
            $"{(english ? "Reference" : "Referencia")}: {delivery.Reference}",
        };
        if (delivery.TaskId is not null)
        {
            lines.Add($"{(english ? "Task" : "Tarea")}: {delivery.TaskId}");
        }

        if (delivery.Agency is not null)
        {
            lines.Add($"{(english ? "Agency" : "Institución")}: {delivery.Agency}");
        }

        lines.Add($"{(english ? "When" : "Cuándo")}: {at} UTC");
        lines.Add("");
        lines.Add(english ? $"Open it in Enlace: {link}" : $"Ábralo en Enlace: {link}");
        lines.Add("");
        lines.Add(english
            ? "This message holds no personal data; sign in to Enlace to see the details."
            : "Este mensaje no contiene datos personales; ingrese a Enlace para ver el detalle.");
        return ($"[Enlace] {what}: {delivery.Reference}", string.Join("\r\n", lines) + "\r\n");
    }

    /// <summary>The page of the notification's case or roadmap action in the web UI.</summary>
    public static string Link(Delivery delivery, string baseUrl)
    {
        var root = baseUrl.TrimEnd('/');
        if (delivery.SourceKind == "roadmap-action")
        {
            var slash = delivery.SourceId.LastIndexOf('/');
            return $"{root}/hojas-de-ruta/{Uri.EscapeDataString(delivery.SourceId[..Math.Max(slash, 0)])}/acciones/{Uri.EscapeDataString(delivery.SourceId[(slash + 1)..])}";
        }

        return $"{root}/casos/{Uri.EscapeDataString(delivery.SourceId)}";
    }

    private static string What(string kind, bool english) => (kind, english) switch
    {
        (NotificationKinds.TaskEscalated, false) => "Tarea escalada: venció su plazo",
        (NotificationKinds.TaskEscalated, true) => "Task escalated: its due date passed",
        (NotificationKinds.ReferralUnacknowledged, false) => "Derivación sin aceptar: venció el plazo de acuse",
        (NotificationKinds.ReferralUnacknowledged, true) => "Referral not acknowledged: its deadline passed",
        (NotificationKinds.TaskAssigned, false) => "Nueva tarea asignada a su institución",
        (NotificationKinds.TaskAssigned, true) => "New task assigned to your agency",
        (NotificationKinds.ActionOverdue, false) => "Actividad de la hoja de ruta vencida",
        (NotificationKinds.ActionOverdue, true) => "Roadmap activity overdue",
        (_, false) => "Aviso de Enlace",
        (_, true) => "Enlace notice",
    };
}
