using BambuserCart.Harness.Scenarios;

namespace BambuserCart.Harness.Tests.Scenarios;

/// <summary>The callback timeout a scenario gives the fake: its own, plus the slow backend's delay when a step asks for it.</summary>
public sealed class ScenarioTimeoutTests
{
    [TestCase(null, null, null, TestName = "No_timeout_in_the_scenario_leaves_the_widget_its_own")]
    [TestCase(2_000, null, 2_000, TestName = "A_scenario_timeout_with_a_working_backend_is_given_as_written")]
    [TestCase(2_000, "http-500", 2_000, TestName = "A_failing_backend_adds_nothing_to_the_timeout")]
    [TestCase(2_000, "slow", 2_400, TestName = "A_slow_backend_step_adds_its_400_ms_to_the_timeout")]
    [TestCase(1_000, "slow", 1_250, TestName = "A_slow_backend_step_adds_a_quarter_of_a_short_timeout")]
    public void Widget_timeout_adds_the_slow_backend_delay_only_when_a_step_asks_for_it(int? timeout, string? backend, int? expected)
    {
        var scenario = new Scenario(
            "timeout",
            null,
            ScenarioTarget.Shop(),
            ScenarioSetup.None with { CallbackTimeoutMs = timeout },
            [new ScenarioStep(ScenarioAction.Add, "SNEAKER-42", null, null, null, StepExpectations.None), new ScenarioStep(ScenarioAction.Add, "SNEAKER-42", null, backend, null, StepExpectations.None)]);

        Assert.That(StepExecutor.WidgetTimeoutMs(scenario), Is.EqualTo(expected));
    }
}
