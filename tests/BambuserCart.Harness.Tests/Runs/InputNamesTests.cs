using BambuserCart.Harness.Exploration;
using BambuserCart.Harness.Inputs;

namespace BambuserCart.Harness.Tests.Runs;

/// <summary>
/// A message names an input as its caller knows it: the setting in a merchant's test, the option on
/// the command line (the CLI tests prove its side by running the tool).
/// </summary>
public sealed class InputNamesTests
{
    [Test]
    public void Messages_name_inputs_by_the_library_setting_by_default()
    {
        Assert.That(new ExploreSettings { Runs = 0 }.Problem(), Is.EqualTo("Runs: must be from 1 to 100000, got 0"));
        Assert.That(new ExploreSettings { MaxSteps = 0 }.Problem(), Does.StartWith("MaxSteps: "));
    }

    [Test]
    public async Task Names_a_front_end_chose_hold_in_its_own_flow_and_nowhere_else()
    {
        var inFrontEnd = await Task.Run(() =>
        {
            InputNames.Use(new InputNames(input => $"<{input}>"));
            return new ExploreSettings { Runs = 0 }.Problem();
        });

        Assert.That(inFrontEnd, Is.EqualTo("<Runs>: must be from 1 to 100000, got 0"));
        Assert.That(new ExploreSettings { Runs = 0 }.Problem(), Does.StartWith("Runs: "), "the front end's names leaked out of its flow");
    }

    [Test]
    public void Every_input_has_a_library_name_of_its_own()
    {
        var names = Enum.GetValues<RunInput>().Select(input => InputNames.Library[input]).ToList();

        Assert.That(names, Is.Unique);
        Assert.That(names, Has.None.StartsWith("--"), "library names are settings, not options");
    }
}
