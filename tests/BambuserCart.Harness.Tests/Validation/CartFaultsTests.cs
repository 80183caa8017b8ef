using BambuserCart.Contract;
using BambuserCart.Harness.Evidence;
using BambuserCart.Harness.Validation;

namespace BambuserCart.Harness.Tests.Validation;

/// <summary>
/// A run that puts the cart backend in no condition sets no route for it; a fault asked of such a
/// backend would meet no request, so it is refused instead of leaving a check with nothing injected.
/// </summary>
public sealed class CartFaultsTests
{
    [TestCase(BackendCondition.Http500)]
    [TestCase(BackendCondition.NetworkError)]
    [TestCase(BackendCondition.Slow)]
    public void Untouched_backend_refuses_a_fault_no_request_would_meet(BackendCondition fault)
    {
        var faults = CartFaults.Untouched(CartApiPattern.Default);

        var refused = Assert.Throws<InvalidOperationException>(() => faults.Switch(fault));

        Assert.That(refused!.Message, Is.EqualTo($"the cart backend was set up untouched, so the fault '{fault.Wire()}' would meet no request"));
        Assert.That(faults.Mode, Is.EqualTo(BackendCondition.Ok));
    }

    [Test]
    public void Untouched_backend_stays_as_it_is_when_switched_back_to_ok()
    {
        var faults = CartFaults.Untouched(CartApiPattern.Default);

        faults.Switch(BackendCondition.Ok);

        Assert.That((faults.Mode, faults.Faulted), Is.EqualTo((BackendCondition.Ok, 0)));
    }
}
