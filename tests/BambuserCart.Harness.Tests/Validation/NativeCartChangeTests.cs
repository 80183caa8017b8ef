using BambuserCart.Contract;
using BambuserCart.Harness.Validation.Checks;

namespace BambuserCart.Harness.Tests.Validation;

/// <summary>The native cart must change by what the widget did, and by nothing else.</summary>
public sealed class NativeCartChangeTests
{
    private static readonly CartItem[] Kept = [new("HAT", 1)];

    [Test]
    public void Add_of_one_beside_an_untouched_line_is_mirrored()
    {
        var change = NativeCartChange.Of(Kept, [new("HAT", 1), new("SHIRT", 1)], "SHIRT", 1);

        Assert.That((change.Mirrored, change.Wrong, change.Extra), Is.EqualTo((true, (string?)null, (string?)null)));
    }

    [Test]
    public void Two_where_the_widget_shows_one_is_named_with_both_quantities()
    {
        var change = NativeCartChange.Of([], [new("SHIRT", 2)], "SHIRT", 1);

        Assert.That(change.Wrong, Is.EqualTo("'SHIRT' × 2 (expected × 1)"));
    }

    [Test]
    public void Line_the_event_did_not_touch_that_is_gone_is_not_mirrored_though_the_skus_own_line_is_right()
    {
        var change = NativeCartChange.Of(Kept, [new("SHIRT", 1)], "SHIRT", 1);

        Assert.That(change.Wrong, Is.EqualTo("'HAT' × 1, a line the event did not touch, is gone"));
    }

    [Test]
    public void Line_the_event_did_not_touch_that_changed_quantity_is_named()
    {
        var change = NativeCartChange.Of([new("HAT", 3), new("SHIRT", 1)], [new("HAT", 1), new("SHIRT", 4)], "SHIRT", 4);

        Assert.That(change.Wrong, Is.EqualTo("'HAT', a line the event did not touch, went from × 3 to × 1"));
    }

    [Test]
    public void Removal_that_empties_the_cart_names_every_lost_line_and_not_the_removed_one()
    {
        var change = NativeCartChange.Of([new("HAT", 1), new("SHIRT", 2), new("SOCKS", 3)], [], "SHIRT", 0);

        Assert.That(change.Wrong, Is.EqualTo("'HAT' × 1, a line the event did not touch, is gone; 'SOCKS' × 3, a line the event did not touch, is gone"));
    }

    [Test]
    public void Line_of_another_sku_that_appears_is_named_but_not_held_against_the_event()
    {
        var change = NativeCartChange.Of([], [new("SHIRT", 1), new("GIFT-WRAP", 1)], "SHIRT", 1);

        Assert.That(change.Mirrored, Is.True, "a shop may add its own lines with a product");
        Assert.That(change.Extra, Does.StartWith("'GIFT-WRAP' × 1 appeared beside it"));
    }

    [Test]
    public void Sku_split_over_two_lines_counts_as_its_total()
    {
        var change = NativeCartChange.Of([new("SHIRT", 1)], [new("SHIRT", 1), new("SHIRT", 1)], "SHIRT", 2);

        Assert.That(change.Mirrored, Is.True, change.Wrong);
    }
}
