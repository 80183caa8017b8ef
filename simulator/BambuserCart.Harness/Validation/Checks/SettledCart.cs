using System.Globalization;
using BambuserCart.Harness.Validation.Run;

namespace BambuserCart.Harness.Validation.Checks;

/// <summary>
/// The native cart is judged after an event only once the event's own requests are answered: a
/// cart read while the add is still on its way would fail a correct integration on a slow backend
/// or a starved machine. The run waits for them up to the real widget's 30 s; one still
/// unanswered then leaves the check not proven, naming the request.
/// </summary>
internal static class SettledCart
{
    /// <summary>
    /// "not proven: …" when the native cart cannot be judged after <paramref name="observed"/>
    /// because one of its requests was still unanswered; null when they were all answered, or when
    /// there is no probe (then nothing is read from the native cart).
    /// </summary>
    public static string? NotProvenAfter(ObservedEvent observed, RunContext run)
    {
        var pending = observed.Evidence.Unanswered;
        if (!run.HasProbe || pending.Count == 0)
        {
            return null;
        }

        var requests = string.Join(", ", pending.Select(r => observed.Evidence.Describe(r, run.PageUri)));
        var waited = run.RequestWaitLimit.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        return $"not proven: {observed.Label} was answered {observed.AnswerText}, but the run waited {waited} s for its requests in vain ({requests}), "
            + "so the native cart would be read with the change still on its way";
    }
}
