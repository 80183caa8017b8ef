using BambuserCart.Contract;
using CsCheck;

namespace BambuserCart.Harness.Exploration;

/// <summary>
/// Random agent sessions from a seed, with CsCheck. Every choice lists its simplest value first
/// (an add, the first SKU, a working backend), which is where shrinking heads.
/// </summary>
internal static class MoveGenerator
{
    private static readonly Gen<AgentMove> Move = Gen.Select(
        Gen.Frequency((6, MoveKind.Add), (4, MoveKind.SetQuantity), (2, MoveKind.Remove), (2, MoveKind.Lookup), (1, MoveKind.Checkout)),
        Gen.Int[0, 63],
        Gen.Frequency((4, QuantityChange.Up), (3, QuantityChange.Down), (3, QuantityChange.Jump), (2, QuantityChange.DropToOne), (1, QuantityChange.Zero), (2, QuantityChange.PastStock)),
        Gen.Frequency((12, BackendCondition.Ok), (1, BackendCondition.Http500), (1, BackendCondition.NetworkError), (1, BackendCondition.Slow)),
        (kind, sku, change, backend) => new AgentMove(kind, sku, change, backend));

    /// <summary>
    /// Sessions of half of <paramref name="maxSteps"/> to all of it: orders that hide bugs need a
    /// few moves, and shrinking takes away what is not needed.
    /// </summary>
    public static Gen<AgentMove[]> Sessions(int maxSteps) =>
        Gen.Int[Math.Max(1, maxSteps / 2), maxSteps].SelectMany(length => Move.Array[length]);

    /// <summary>Session <paramref name="run"/> (0-based) of <paramref name="seed"/>: the same moves every time.</summary>
    public static AgentMove[] Session(ulong seed, int run, int maxSteps) =>
        Sessions(maxSteps).Generate(new PCG((uint)run, seed), null, out _);
}
