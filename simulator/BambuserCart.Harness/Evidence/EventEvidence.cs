namespace BambuserCart.Harness.Evidence;

/// <summary>
/// What the page did during one event's window: the callback calls, the requests it made, the
/// errors it threw and its console errors, with times relative to the emit. Check messages and
/// reports describe events through it ("callback(true) at 3 ms; POST /cart/add answered 200 at 152 ms").
/// </summary>
public sealed record EventEvidence(
    double EmittedAt,
    int EmitOrder,
    IReadOnlyList<EventMark> Marks,
    IReadOnlyList<RequestRecord> Requests,
    IReadOnlyList<PageErrorRecord> Errors,
    IReadOnlyList<ConsoleRecord> ConsoleErrors)
{
    private const int MaxTimelineItems = 8;

    public static EventEvidence None { get; } = new(0, 0, [], [], [], []);

    /// <summary>What was still going on when the harness stopped waiting for the event to end; null when it ended.</summary>
    public string? StillBusy { get; init; }

    /// <summary>
    /// Requests the page's background work sent while this event's window was open (a poll, a
    /// heartbeat, a queue flushed by an interval set up before the event): not the event's, so they
    /// neither hold it open nor answer for its callback, but a message may name them.
    /// </summary>
    public IReadOnlyList<RequestRecord> BackgroundRequests { get; init; } = [];

    /// <summary>The event's own requests still waiting for their answers when the evidence was read.</summary>
    public IReadOnlyList<RequestRecord> Unanswered => Requests.Where(r => !r.Answered).ToList();

    /// <summary>The first callback call: the one that counts.</summary>
    public EventMark? FirstAnswer => Marks.FirstOrDefault(m => m.Kind == "answer");

    /// <summary>
    /// What happened in this event's window, before its first callback, out of the page recorder's
    /// sight: a message from a Web Worker or from a frame or window of another origin (whose
    /// requests the page cannot see), or a navigation into a frame that then showed a page of another
    /// origin or the browser's error page (whose status it cannot read): "a message from a Web Worker", "a message from
    /// http://cart.example (another origin)", "POST /cart/add, whose frame then showed a page of another origin".
    /// That callback may rest on a request made there. Empty when nothing was.
    /// </summary>
    public IReadOnlyList<string> OutOfSightBeforeAnswer =>
        FirstAnswer is { } answer
            ? Marks.Where(m => m.Order < answer.Order && m.Kind is WorkerMessage or ForeignMessage).Select(Sender)
                .Concat(Requests.Where(r => r.Unreadable && r.EndOrder < answer.Order).Select(r => $"{r.Method} {r.Url}, whose frame then showed a page of another origin"))
                .Distinct().ToList()
            : [];

    /// <summary>Whether anything out of the recorder's sight happened before the first callback (see <see cref="OutOfSightBeforeAnswer"/>).</summary>
    public bool HeardFromOutOfSightBeforeAnswer => OutOfSightBeforeAnswer.Count > 0;

    /// <summary>The mark of a message a Web Worker sent the page.</summary>
    internal const string WorkerMessage = "worker-message";

    /// <summary>The mark of a message a frame or window of another origin posted the page; its detail is that origin.</summary>
    internal const string ForeignMessage = "foreign-message";

    /// <summary>Milliseconds after the emit.</summary>
    public int Ms(double at) => (int)Math.Round(at - EmittedAt, MidpointRounding.AwayFromZero);

    public IReadOnlyList<RequestRecord> CartRequests(CartApiPattern cart) => Requests.Where(cart.Matches).ToList();

    /// <summary>"POST /cart/add answered 200 at 152 ms (sent at 1 ms)".</summary>
    public string Describe(RequestRecord request, Uri? page)
    {
        var what = $"{request.Method} {ShortUrl(request.Url, page)}";
        var sent = Ms(request.At);
        if (!request.Answered)
        {
            return $"{what} sent at {sent} ms, still unanswered";
        }

        var answered = Ms(request.EndAt!.Value);
        return request.Status is null
            ? $"{what} failed ({request.Error}) at {answered} ms (sent at {sent} ms)"
            : $"{what} answered {request.Status} at {answered} ms (sent at {sent} ms)";
    }

    /// <summary>
    /// The event as it happened, in page order: callback calls, cart requests (or every request,
    /// when <paramref name="cart"/> is null), errors and console errors.
    /// </summary>
    public string Timeline(CartApiPattern? cart, Uri? page)
    {
        var items = new List<(int Order, string Text)>();
        foreach (var mark in Marks)
        {
            items.Add((mark.Order, mark.Kind switch
            {
                "answer" => $"callback({mark.Detail}) at {Ms(mark.At)} ms",
                "timeout" => $"no callback within {mark.Detail} ms",
                "threw" => $"the handler threw {mark.Detail} at {Ms(mark.At)} ms",
                "navigate" => $"checkout went {mark.Detail} at {Ms(mark.At)} ms",
                WorkerMessage or ForeignMessage => $"{Sender(mark)} at {Ms(mark.At)} ms",
                _ => $"{mark.Kind} at {Ms(mark.At)} ms",
            }));
        }

        foreach (var request in cart is null ? Requests : CartRequests(cart))
        {
            items.Add((request.EndOrder ?? request.Order, Describe(request, page)));
        }

        foreach (var error in Errors)
        {
            items.Add((error.Order, $"{(error.Kind == "unhandled-rejection" ? "unhandled rejection" : "uncaught")} {error.Describe()} at {Ms(error.At)} ms"));
        }

        foreach (var line in ConsoleErrors)
        {
            items.Add((line.Order, $"console.error \"{line.Message}\" at {Ms(line.At)} ms"));
        }

        var ordered = items.OrderBy(i => i.Order).Select(i => i.Text).ToList();
        var text = ordered.Count <= MaxTimelineItems
            ? string.Join("; ", ordered)
            : string.Join("; ", ordered.Take(MaxTimelineItems)) + $"; … {ordered.Count - MaxTimelineItems} more";
        return StillBusy is null ? text : $"{text}; still busy when the harness stopped waiting: {StillBusy}";
    }

    private static string Sender(EventMark mark) =>
        mark.Kind == ForeignMessage ? $"a message from {mark.Detail ?? "a frame"} (another origin)" : "a message from a Web Worker";

    /// <summary>"POST /cart/add → 200, GET /api/cart → 200", or "none".</summary>
    public string RequestsSeen(Uri? page) =>
        Requests.Count == 0 ? "none" : string.Join(", ", Requests.Select(r => $"{r.Method} {ShortUrl(r.Url, page)} → {r.Result}"));

    /// <summary>A URL on the page's own origin by its path; any other in full.</summary>
    public static string ShortUrl(string url, Uri? page)
    {
        if (page is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return url;
        }

        return string.Equals(uri.GetLeftPart(UriPartial.Authority), page.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)
            ? uri.PathAndQuery
            : url;
    }
}
