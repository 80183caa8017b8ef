using System.Globalization;

namespace BambuserCart.Harness.Tests.RealBrowser.ModelChecked;

/// <summary>
/// How much the model check explores: a bounded default for every dotnet test, larger on request
/// (scripts/model-check.sh): BAMBUSER_CART_MODEL_SESSIONS, _MAX_STEPS and _SEED.
/// </summary>
internal sealed record ModelCheckBudget(int Sessions, int MaxSteps, ulong Seed)
{
    public static ModelCheckBudget FromEnvironment() => new(
        Read("BAMBUSER_CART_MODEL_SESSIONS", 8),
        Read("BAMBUSER_CART_MODEL_MAX_STEPS", 30),
        (ulong)Read("BAMBUSER_CART_MODEL_SEED", 20_261_129));

    private static int Read(string name, int fallback)
    {
        var text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name}: expected a whole number of 1 or more, got '{text}'");
    }
}
