using BambuserCart.Harness.Driver;

namespace BambuserCart.Harness.Evidence;

/// <summary>
/// One fetch, XMLHttpRequest, beacon or navigation into a frame of the page that the page made (evidence.js). <see cref="Order"/> and
/// <see cref="EndOrder"/> come from one counter shared with the event marks, so "answered before
/// the callback" is a fact about this page, not about the machine's speed.
/// </summary>
/// <param name="Seq">The event whose window it started in; null: outside any event.</param>
/// <param name="ByHarness">Made by the harness itself (a cart probe), never judged.</param>
/// <param name="Unreadable">A navigation into a frame (<see cref="Via"/> <c>frame</c>) that loaded a
/// document of another origin, whose status the page cannot read: out of its sight.</param>
/// <param name="During">For a request of the page's background work (a timer, interval or animation
/// frame it scheduled while no event was open), which is no event's: the event whose window it was
/// sent in, if any.</param>
public sealed record RequestRecord(
    int Id,
    string Via,
    string Method,
    string Url,
    string? Body,
    bool ByHarness,
    double At,
    int Order,
    int? Seq,
    double? EndAt,
    int? EndOrder,
    int? Status,
    string? Error,
    string? Response,
    bool Done,
    bool Unreadable = false,
    int? During = null)
{
    public bool Answered => EndOrder is not null;

    public bool Succeeded => Status is >= 200 and < 300;

    /// <summary>Not a read: it can change the cart (POST, PUT, PATCH, DELETE…).</summary>
    public bool CanChange => Method is not ("GET" or "HEAD" or "OPTIONS");

    /// <summary>"200", "HTTP 500", "network error", "no answer".</summary>
    public string Result => Status is { } status
        ? (Succeeded ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"HTTP {status}")
        : Error ?? "no answer";
}

/// <summary>An uncaught error or unhandled promise rejection in the page, with the script location that threw.</summary>
/// <param name="Kind"><c>error</c> or <c>unhandled-rejection</c>.</param>
public sealed record PageErrorRecord(string Kind, string Message, string? Source, double At, int Order, int? Seq)
{
    /// <summary>A cross-origin script's error without details: nothing to attribute it by.</summary>
    public bool Opaque => Message == "Script error." && Source is null;

    public string Describe() => Source is null ? Message : $"{Message} (at {Source})";
}

/// <summary>A <c>console.error</c> line.</summary>
public sealed record ConsoleRecord(string Message, string? Source, double At, int Order, int? Seq);

/// <summary>What the fake embed marked: <c>emit</c>, <c>answer</c> (a callback call), <c>timeout</c>, <c>threw</c>, <c>navigate</c>.</summary>
public sealed record EventMark(string Kind, string? Detail, double At, int Order, int? Seq);

/// <summary>
/// A navigation away from the page that work an event left for later started once that event was
/// over (a reload, a new URL, a form posted into the page): the recorder stopped it and kept it here,
/// under that event (evidence.js, "Leaving the document").
/// </summary>
/// <param name="Href">Where it was going: for a reload, the page's own URL.</param>
public sealed record DepartureRecord(string Href, bool Reload, double At, int Order, int? Seq)
{
    /// <summary>"reloaded the page", "navigated to https://…".</summary>
    public string Describe() => Reload ? "reloaded the page" : $"navigated to {Href}";
}

/// <summary>Everything the recorder kept in one page, as read at one moment.</summary>
internal sealed record PageEvidence(
    IReadOnlyList<RequestRecord> Requests,
    IReadOnlyList<PageErrorRecord> Errors,
    IReadOnlyList<ConsoleRecord> Console,
    IReadOnlyList<EventMark> Marks,
    int Dropped)
{
    public static PageEvidence Empty { get; } = new([], [], [], [], 0);

    /// <summary>The document that was read, and whether it had begun to leave; null when nothing was read.</summary>
    public PageDocument? Document { get; init; }

    /// <summary>Navigations that work left for later started after its event, which the recorder stopped.</summary>
    public IReadOnlyList<DepartureRecord> Departures { get; init; } = [];

    /// <summary>What belongs to one event: the records made while its window was open.</summary>
    public EventEvidence ForEvent(int seq, string? stillBusy = null)
    {
        var emitted = Marks.FirstOrDefault(m => m.Seq == seq && m.Kind == "emit");
        return new EventEvidence(
            emitted?.At ?? 0,
            emitted?.Order ?? 0,
            Marks.Where(m => m.Seq == seq && m.Kind != "emit").ToList(),
            Requests.Where(r => r.Seq == seq && !r.ByHarness).ToList(),
            Errors.Where(e => e.Seq == seq).ToList(),
            Console.Where(c => c.Seq == seq).ToList())
        {
            StillBusy = stillBusy,
            BackgroundRequests = Requests.Where(r => r.During == seq && !r.ByHarness).ToList(),
        };
    }

    /// <summary>Errors thrown while no event was being handled (page load, between events).</summary>
    public IEnumerable<PageErrorRecord> ErrorsOutsideEvents => Errors.Where(e => e.Seq is null);

    /// <summary>Requests the page made itself (not the harness), in any window.</summary>
    public IEnumerable<RequestRecord> PageRequests => Requests.Where(r => !r.ByHarness);
}
