namespace BambuserCart.Harness.Driver;

/// <summary>How a wait for a page's handlers ended (<see cref="WidgetDriver.WaitForHandlersAsync"/>).</summary>
internal enum HandlerWait
{
    /// <summary>The page has them.</summary>
    Registered,

    /// <summary>The bound after the widget started went by without them (or the page went away).</summary>
    BoundOver,

    /// <summary>The caller's cap (a run's --max-time) ended the wait before the bound did.</summary>
    CutShort,
}
