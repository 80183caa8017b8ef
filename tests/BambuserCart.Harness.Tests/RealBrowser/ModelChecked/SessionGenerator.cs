using CsCheck;

namespace BambuserCart.Harness.Tests.RealBrowser.ModelChecked;

/// <summary>
/// Random agent sessions, from a seed. Each choice lists its simplest value first, which is where
/// CsCheck's shrinking heads: a failing session shrinks towards few steps of plain adds of the
/// first SKU answered by mirroring.
/// </summary>
internal static class SessionGenerator
{
    /// <summary>The catalog's stock for the SKUs used: plenty, low, out of stock, and one the shop does not sell.</summary>
    public static readonly IReadOnlyDictionary<string, int> Stock = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["SHIRT-BLUE-M"] = 25,
        ["WATCH-STEEL"] = 2,
        ["SCARF-WOOL"] = 8,
        ["BAG-LEATHER"] = 0,
    };

    private static readonly string[] Skus = [.. Stock.Keys, "NO-SUCH-SKU"];

    /// <summary>Where shrinking heads for a SKU.</summary>
    public static string SimplestSku => Skus[0];

    private static readonly Gen<SessionStep> Step = Gen.Select(
        Gen.Frequency((5, AgentAction.Add), (3, AgentAction.SetQuantity), (2, AgentAction.Remove)),
        Gen.OneOf(Skus),
        Gen.Int[0, 10],
        Gen.Frequency(
            (10, PlannedAnswer.Mirror),
            (1, PlannedAnswer.Refuse),
            (1, PlannedAnswer.OutOfStock),
            (1, PlannedAnswer.Invalid),
            (1, PlannedAnswer.Silent),
            (1, PlannedAnswer.Throw),
            (1, PlannedAnswer.Twice),
            (1, PlannedAnswer.Late)),
        (action, sku, quantity, answer) => new SessionStep(action, sku, quantity, answer));

    /// <summary>Sessions of 1 to <paramref name="maxSteps"/> steps.</summary>
    public static Gen<SessionStep[]> Sessions(int maxSteps) => Step.Array[1, maxSteps];

    public static string Print(SessionStep[] session) =>
        string.Join("\n", session.Select((step, i) => $"  {i + 1}. {step}"));
}
