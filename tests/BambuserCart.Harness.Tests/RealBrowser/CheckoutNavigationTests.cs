using BambuserCart.Contract;
using BambuserCart.Harness.Browsers;
using BambuserCart.Harness.Evidence;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Navigations = BambuserCart.Contract.WidgetContract.Navigations;

namespace BambuserCart.Harness.Tests.RealBrowser;

/// <summary>
/// goto-checkout either floats the call as a miniplayer above the checkout page or opens the
/// checkout in a new tab; navigating the current tab would end the call.
/// </summary>
public sealed class CheckoutNavigationTests : BrowserTest
{
    [Test]
    public async Task Miniplayer_checkout_floats_the_widget_above_the_checkout_page_with_the_native_cart()
    {
        await OpenShopAsync("miniplayer");
        await Widget.AddToCartAsync("SHIRT-BLUE-M");
        await Widget.AddToCartAsync("SHIRT-BLUE-M");
        await Widget.AddToCartAsync("SNEAKER-42");

        var checkout = await Widget.CheckoutAsync();

        Assert.That(checkout.Navigation, Is.EqualTo(CheckoutNavigation.Miniplayer), await TraceTextAsync());
        Assert.That(checkout.Url, Is.EqualTo(Server.Url("checkout").ToString()));
        Assert.That(
            checkout.Payload.GetProperty("cart").GetProperty("items").GetRawText(),
            Is.EqualTo("""[{"sku":"SHIRT-BLUE-M","name":"Oxford shirt, blue, M","count":2},{"sku":"SNEAKER-42","name":"Canvas sneaker, size 42","count":1}]"""));
        var state = await Widget.StateAsync();
        Assert.That((state.Mode, state.FloatAboveUrl), Is.EqualTo((WidgetMode.Miniplayer, checkout.Url)));
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Calls Widget" })).ToHaveAttributeAsync("data-mode", "miniplayer");
        var checkoutPage = Page.FrameLocator("iframe[title='Miniplayer page']");
        await Expect(checkoutPage.GetByRole(AriaRole.Heading, new() { Name = "Checkout" })).ToBeVisibleAsync();
        await Expect(checkoutPage.GetByRole(AriaRole.List, new() { Name = "Native cart" }).GetByRole(AriaRole.Listitem))
            .ToHaveTextAsync(["Oxford shirt, blue, M × 2 — 118.00 EUR", "Canvas sneaker, size 42 × 1 — 89.00 EUR"]);
        Assert.That(Page.Url, Does.StartWith(Server.BaseUrl.ToString()).And.Not.Contains("/checkout"), "the page holding the call must not navigate");
    }

    [Test]
    public async Task New_tab_checkout_opens_the_checkout_page_and_keeps_the_widget_full_size()
    {
        await OpenShopAsync("new-tab");
        await Widget.AddToCartAsync("SNEAKER-42");

        var checkout = await Widget.CheckoutAsync();

        Assert.That(checkout.Navigation, Is.EqualTo(CheckoutNavigation.NewTab), await TraceTextAsync());
        Assert.That(checkout.NewTab, Is.Not.Null);
        Assert.That(checkout.NewTab!.Url, Is.EqualTo(Server.Url("checkout").ToString()));
        await Expect(checkout.NewTab.GetByRole(AriaRole.List, new() { Name = "Native cart" })).ToHaveTextAsync("Canvas sneaker, size 42 × 1 — 89.00 EUR");
        Assert.That((await Widget.StateAsync()).Mode, Is.EqualTo(WidgetMode.Open));
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Calls Widget" })).ToHaveAttributeAsync("data-mode", "open");
    }

    private const string Link = "const a = document.createElement('a'); a.href = '/checkout';";
    private const string Form = "const f = document.createElement('form'); f.action = '/checkout'; f.method = 'get'; f.target = '_blank'; document.body.append(f);";

    [TestCase("a link clicked", $"{Link} a.target = '_blank'; document.body.append(a); a.click();")]
    [TestCase("a link in no document", $"{Link} a.target = '_blank'; a.rel = 'noopener'; a.click();")]
    [TestCase("a click event dispatched on a link", $"{Link} a.target = 'checkout'; document.body.append(a); a.dispatchEvent(new MouseEvent('click', {{ bubbles: true, cancelable: true }}));")]
    [TestCase("a link under <base target>", $"const b = document.createElement('base'); b.target = '_blank'; document.head.append(b); {Link} document.body.append(a); a.click();")]
    [TestCase("form.submit()", $"{Form} f.submit();")]
    [TestCase("form.requestSubmit()", $"{Form} f.requestSubmit();")]
    public async Task Checkout_opened_in_a_new_tab_by_a_link_or_a_form_is_reported_as_new_tab(string how, string handler)
    {
        await OpenIntegrationAsync(CheckoutHandler(handler));
        await Widget.AddToCartAsync("SHIRT-BLUE-M");

        var checkout = await Widget.CheckoutAsync();

        Assert.That((checkout.Navigation, checkout.Url), Is.EqualTo((CheckoutNavigation.NewTab, Server.Url("checkout").ToString())), $"{how}: {await TraceTextAsync()}");
        Assert.That(checkout.NewTab?.Url, Does.StartWith(Server.Url("checkout").ToString()), "the tab the browser opened");
        Assert.That((await Widget.StateAsync()).Mode, Is.EqualTo(WidgetMode.Open), "the call goes on in this tab");
    }

    [Test]
    public async Task New_tab_link_whose_click_the_page_cancels_is_not_reported_as_new_tab()
    {
        await OpenIntegrationAsync(CheckoutHandler($"{Link} a.target = '_blank'; a.addEventListener('click', (e) => e.preventDefault()); document.body.append(a); a.click();"));
        await Widget.ConfigureAsync(checkoutSettleMs: 200);
        await Widget.AddToCartAsync("SHIRT-BLUE-M");

        var checkout = await Widget.CheckoutAsync();

        Assert.That((checkout.Navigation, checkout.NewTab), Is.EqualTo((CheckoutNavigation.None, (IPage?)null)), await TraceTextAsync());
    }

    [TestCase("into a new tab, in the document", "a.target = '_blank'; document.body.append(a); a.click();")]
    [TestCase("into a new tab, in no document", "a.target = '_blank'; a.click();")]
    [TestCase("in this tab", "document.body.append(a); a.click();")]
    public async Task Link_that_downloads_its_target_is_reported_as_no_navigation(string where, string click)
    {
        // The browser saves this origin's file instead of opening it: no tab opens, this page stays,
        // and the shopper sees no checkout.
        await OpenIntegrationAsync(CheckoutHandler($"{Link} a.download = 'order.html'; {click}"));
        await Widget.ConfigureAsync(checkoutSettleMs: 200);
        await Widget.AddToCartAsync("SHIRT-BLUE-M");

        var checkout = await Widget.CheckoutAsync();

        Assert.That((checkout.Navigation, checkout.NewTab), Is.EqualTo((CheckoutNavigation.None, (IPage?)null)), $"a download link {where}: {await TraceTextAsync()}");
    }

    // A page frame named 'order-log' in which the handler records the checkout before floating the call.
    private const string NamedFrame = "const frame = document.createElement('iframe'); frame.name = 'order-log'; frame.hidden = true; document.body.append(frame);";

    [TestCase("a link clicked", $"{NamedFrame} {Link} a.target = 'order-log'; document.body.append(a); a.click();")]
    [TestCase("a link under <base target>", $"{NamedFrame} const b = document.createElement('base'); b.target = 'order-log'; document.head.append(b); {Link} document.body.append(a); a.click();")]
    [TestCase("form.submit()", $"{NamedFrame} const f = document.createElement('form'); f.action = '/checkout'; f.method = 'get'; f.target = 'order-log'; document.body.append(f); f.submit();")]
    [TestCase("form.requestSubmit()", $"{NamedFrame} const f = document.createElement('form'); f.action = '/checkout'; f.method = 'get'; f.target = 'order-log'; document.body.append(f); f.requestSubmit();")]
    [TestCase("window.open", $"{NamedFrame} window.open('/checkout', 'order-log');")]
    [TestCase("window.open into a frame of a frame", "const outer = document.createElement('iframe'); outer.hidden = true; document.body.append(outer); const inner = outer.contentDocument.createElement('iframe'); inner.name = 'order-log'; outer.contentDocument.body.append(inner); window.open('/checkout', 'order-log');")]
    public async Task Navigation_into_a_frame_of_the_page_is_no_new_tab_and_leaves_the_checkout_to_what_the_handler_does_next(string how, string intoFrame)
    {
        // The frame's name is a target like a new window's, but the browser loads the URL in that
        // frame: no tab opens and the call stays. The checkout is what the handler does after it,
        // here in a later task, so no order of the two within one task can decide the outcome.
        await OpenIntegrationAsync(CheckoutHandler($"{intoFrame} setTimeout(() => embed.floatAbove('/checkout'));"));
        await Widget.AddToCartAsync("SHIRT-BLUE-M");

        var checkout = await Widget.CheckoutAsync();

        Assert.That((checkout.Navigation, checkout.Url, checkout.NewTab), Is.EqualTo((CheckoutNavigation.Miniplayer, Server.Url("checkout").ToString(), (IPage?)null)), $"{how}: {await TraceTextAsync()}");
        // The browser's side of it: the frame itself shows the URL it was sent.
        await Page.WaitForFunctionAsync(FrameShowsCheckout, null, new() { Timeout = 10_000 });
    }

    private const string FrameShowsCheckout = """
        () => {
          const shows = (w) => Array.from({ length: w.frames.length }, (_, i) => w.frames[i])
            .some((f) => (f.name === 'order-log' && f.location.pathname === '/checkout') || shows(f));
          return shows(window);
        }
        """;

    [TestCase("_SELF")]
    [TestCase("_Top")]
    public async Task Window_open_into_this_tab_is_reported_as_same_tab_whatever_the_case_of_its_target(string target)
    {
        // Browsers match the special target names without regard to case.
        await OpenIntegrationAsync(CheckoutHandler($"window.open('/checkout', '{target}');"));
        await Widget.AddToCartAsync("SHIRT-BLUE-M");

        var checkout = await Widget.CheckoutAsync();

        // The page and its trace went with the navigation: the result is all there is to read.
        Assert.That((checkout.Navigation, checkout.Url), Is.EqualTo((CheckoutNavigation.SameTab, Server.Url("checkout").ToString())), $"window.open('/checkout', '{target}')");
    }

    [TestCase("with a download attribute", "a.download = 'order.html';")]
    [TestCase("without one", "")]
    public async Task Link_into_a_new_tab_whose_href_cannot_be_parsed_is_reported_as_the_new_tab_the_browser_opens_without_an_error_of_the_fakes(string which, string download)
    {
        // Chromium opens its blocked blank page in a new tab for such a link, download attribute or
        // not, so the call reports a new tab (whose checkout never loads: validate fails it for
        // that). Reading the link must not throw in the fake's own listener, or the page would seem
        // to have failed.
        var errors = new List<string>();
        Page.PageError += (_, error) => errors.Add(error);
        await OpenIntegrationAsync(CheckoutHandler($"const a = document.createElement('a'); a.href = 'http://['; a.target = '_blank'; {download} document.body.append(a); a.click();"));
        await Widget.AddToCartAsync("SHIRT-BLUE-M");

        var checkout = await Widget.CheckoutAsync();

        Assert.That((checkout.Navigation, checkout.Url), Is.EqualTo((CheckoutNavigation.NewTab, "http://[")), $"an unparseable link {which}: {await TraceTextAsync()}");
        Assert.That(checkout.NewTab, Is.Not.Null, "the tab the browser opened");
        Assert.That(errors, Is.Empty, "errors thrown in the page");
    }

    [Test]
    public async Task Navigating_the_current_tab_is_reported_as_same_tab()
    {
        await OpenIntegrationAsync(CheckoutHandler("window.location.href = '/checkout';"));
        await Widget.AddToCartAsync("SHIRT-BLUE-M");

        var checkout = await Widget.CheckoutAsync();

        Assert.That(checkout.Navigation, Is.EqualTo(CheckoutNavigation.SameTab));
        Assert.That(checkout.Url, Is.EqualTo(Server.Url("checkout").ToString()));
    }

    [Test]
    public async Task Handler_that_goes_nowhere_is_reported_as_none()
    {
        await OpenIntegrationAsync(CheckoutHandler("/* forgot to navigate */"));
        await Widget.ConfigureAsync(checkoutSettleMs: 200);
        await Widget.AddToCartAsync("SHIRT-BLUE-M");

        var checkout = await Widget.CheckoutAsync();

        Assert.That((checkout.Navigation, checkout.Url), Is.EqualTo((CheckoutNavigation.None, (string?)null)));
    }

    [Test]
    public async Task Cross_origin_float_above_is_recorded_as_a_diagnostic()
    {
        // localhost and 127.0.0.1 are different origins for the browser, and both stay on this machine.
        var crossOrigin = $"http://localhost:{Server.BaseUrl.Port}/checkout";
        await OpenIntegrationAsync(CheckoutHandler($"embed.floatAbove('{crossOrigin}');"));
        await Widget.AddToCartAsync("SHIRT-BLUE-M");

        var checkout = await Widget.CheckoutAsync();

        Assert.That(checkout.Navigation, Is.EqualTo(CheckoutNavigation.Miniplayer));
        Assert.That((await Widget.StateAsync()).Diagnostics.Select(d => d.Code), Does.Contain(DiagnosticCode.FloatAboveCrossOrigin));
    }

    [TestCase("X-Frame-Options", "DENY")]
    [TestCase("Content-Security-Policy", "frame-ancestors 'none'")]
    // Refusals that a reading of the headers alone would pass: the browser's own verdict catches them.
    [TestCase("Content-Security-Policy", "frame-ancestors https://payments.example")]
    [TestCase("X-Frame-Options", "DENY, SAMEORIGIN")]
    public async Task Float_above_a_page_that_refuses_framing_is_recorded_as_a_diagnostic(string header, string value)
    {
        var refusing = Server.Url("__merchant/refuses-framing").ToString();
        await Page.ServeHtmlAsync(refusing, "<h1>Checkout</h1>", new Dictionary<string, string> { [header] = value });
        await OpenIntegrationAsync(CheckoutHandler($"embed.floatAbove('{refusing}');"));
        await Widget.AddToCartAsync("SHIRT-BLUE-M");

        await Widget.CheckoutAsync();

        var state = await Widget.StateAsync();
        var diagnostic = state.Diagnostics.Single(d => d.Code == DiagnosticCode.FloatAboveFramingRefused);
        Assert.That(diagnostic.Detail, Does.Contain(value));
        Assert.That(state.FloatAboveFraming, Is.EqualTo(FramingVerdict.Refused), "the browser's own frame refused it");
    }

    [TestCase("X-Frame-Options", "SAMEORIGIN")]
    [TestCase("Content-Security-Policy", "frame-ancestors 'self'")]
    public async Task Float_above_a_page_that_allows_its_own_origin_to_frame_it_has_no_framing_diagnostic(string header, string value)
    {
        var allowing = Server.Url("__merchant/allows-framing").ToString();
        await Page.ServeHtmlAsync(allowing, "<h1>Checkout</h1>", new Dictionary<string, string> { [header] = value });
        await OpenIntegrationAsync(CheckoutHandler($"embed.floatAbove('{allowing}');"));
        await Widget.AddToCartAsync("SHIRT-BLUE-M");

        var checkout = await Widget.CheckoutAsync();

        Assert.That(checkout.Navigation, Is.EqualTo(CheckoutNavigation.Miniplayer));
        var state = await Widget.StateAsync();
        Assert.That(state.Diagnostics.Select(d => $"{d.Code}: {d.Detail}"), Is.Empty);
        Assert.That(state.FloatAboveFraming, Is.EqualTo(FramingVerdict.Shown), "the browser's own frame showed it");
    }

    [Test]
    public async Task Float_above_a_page_that_never_finishes_loading_gives_no_framing_verdict_and_no_diagnostic()
    {
        var slow = Server.Url("__merchant/slow-checkout").ToString();
        var neverAnswers = Server.Url("__merchant/never-answers.png").ToString();
        // Left pending: the frame's load event waits for the image, so it never fires.
        await Page.RouteAsync(neverAnswers, _ => Task.CompletedTask);
        await Page.ServeHtmlAsync(slow, $"<h1>Checkout</h1><img src='{neverAnswers}' alt=''>");
        await OpenIntegrationAsync(CheckoutHandler($"embed.floatAbove('{slow}');"));
        await Widget.AddToCartAsync("SHIRT-BLUE-M");
        await Widget.ConfigureAsync(callbackTimeoutMs: 300);

        var checkout = await Widget.CheckoutAsync();

        Assert.That(checkout.Navigation, Is.EqualTo(CheckoutNavigation.Miniplayer));
        var state = await Widget.StateAsync();
        Assert.That(state.FloatAboveFraming, Is.EqualTo(FramingVerdict.Unknown), await TraceTextAsync());
        Assert.That(state.Diagnostics.Select(d => $"{d.Code}: {d.Detail}"), Is.Empty, "no verdict is not a refusal");
    }

    [Test]
    public async Task Float_above_the_page_the_miniplayer_already_shows_keeps_its_framing_verdict()
    {
        await OpenIntegrationAsync(CheckoutHandler("embed.floatAbove('/checkout');"));
        await Widget.AddToCartAsync("SHIRT-BLUE-M");
        await Widget.CheckoutAsync();

        var second = await Widget.CheckoutAsync();

        Assert.That(second.Navigation, Is.EqualTo(CheckoutNavigation.Miniplayer));
        Assert.That((await Widget.StateAsync()).FloatAboveFraming, Is.EqualTo(FramingVerdict.Shown), await TraceTextAsync());
    }

    [Test]
    public async Task Float_above_the_page_the_miniplayer_is_still_loading_waits_for_that_loads_verdict()
    {
        var slow = Server.Url("__merchant/slow-checkout").ToString();
        var held = Server.Url("__merchant/held.png").ToString();
        using var loading = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        // The frame's load event waits for this image, which is answered only once the test says so.
        await Page.RouteAsync(held, async route =>
        {
            loading.Release();
            await release.WaitAsync();
            await route.FulfillAsync(new() { Status = 204 });
        });
        await Page.ServeHtmlAsync(slow, $"<h1>Checkout</h1><img src='{held}' alt=''>");
        await OpenIntegrationAsync(CheckoutHandler($"embed.floatAbove('{slow}');"));
        await Widget.AddToCartAsync("SHIRT-BLUE-M");

        // Two clicks: the second floatAbove names the URL the frame is still loading for the first.
        // What the second checkout settles with is read when it settles, as validate reads it.
        var settledWith = Page.EvaluateAsync<string>("""
            async () => {
              const shopper = window.bambuserSimulator.shopper;
              const first = shopper.checkout();
              await shopper.checkout();
              const framing = window.bambuserSimulator.state().floatAboveFraming;
              await first;
              return framing;
            }
            """);
        Assert.That(await loading.WaitAsync(TimeSpan.FromSeconds(10)), Is.True, "the miniplayer's frame never asked for the checkout page's image");
        release.Release();

        Assert.That(await settledWith, Is.EqualTo(FramingVerdict.Shown.Wire()), await TraceTextAsync());
    }

    [Test]
    public async Task Requests_of_the_page_the_miniplayer_shows_stay_out_of_the_calls_own_evidence()
    {
        var polling = Server.Url("__merchant/polling-checkout").ToString();
        var longPoll = Server.Url("__merchant/long-poll").ToString();
        using var polled = new SemaphoreSlim(0);
        using var answerFirstPoll = new SemaphoreSlim(0);
        var polls = 0;
        // A checkout page that long-polls: each poll is held open; the first is answered only when
        // the test says so, so the next one starts while a later cart event's window is open.
        await Page.RouteAsync(longPoll, async route =>
        {
            polled.Release();
            if (Interlocked.Increment(ref polls) == 1)
            {
                await answerFirstPoll.WaitAsync();
                await route.FulfillAsync(new() { Status = 204 });
            }
        });
        await Page.ServeHtmlAsync(polling, $"<h1>Checkout</h1><script>const poll = () => fetch('{longPoll}').then(poll, poll); poll();</script>");
        await OpenIntegrationAsync(CheckoutHandler($"embed.floatAbove('{polling}');"));
        await Widget.AddToCartAsync("SHIRT-BLUE-M");
        await Widget.CheckoutAsync();
        Assert.That(await polled.WaitAsync(TimeSpan.FromSeconds(10)), Is.True, "the checkout page in the miniplayer never polled");

        var outcome = await Widget.AddToCartAsync("SNEAKER-42");
        answerFirstPoll.Release();
        Assert.That(await polled.WaitAsync(TimeSpan.FromSeconds(10)), Is.True, "the checkout page never polled again");
        var busy = await PageEvidenceReader.WaitForEventToEndAsync(Page, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(2));

        var evidence = await PageEvidenceReader.ReadAsync(Page);
        var added = evidence.ForEvent(outcome.Seq, busy);
        Assert.That(busy, Is.Null, "the checkout page's poll is not the call's cart work");
        Assert.That(evidence.Requests.Select(r => r.Url), Has.None.EqualTo(longPoll), "the page's own timeline");
        Assert.That(added.Requests, Is.Empty, added.Timeline(null, null));
    }

    [Test]
    public async Task Float_above_a_page_that_answers_an_error_is_still_a_miniplayer_with_a_diagnostic_naming_the_status()
    {
        await OpenIntegrationAsync(CheckoutHandler("embed.floatAbove('/no-such-page');"));
        await Widget.AddToCartAsync("SHIRT-BLUE-M");

        var checkout = await Widget.CheckoutAsync();

        Assert.That(checkout.Navigation, Is.EqualTo(CheckoutNavigation.Miniplayer));
        var diagnostic = (await Widget.StateAsync()).Diagnostics.Single(d => d.Code == DiagnosticCode.FloatAboveTargetError);
        Assert.That(diagnostic.Detail, Does.Contain("/no-such-page'): the page answered HTTP 404"));
    }

    [Test]
    public async Task Each_checkout_click_settles_its_own_checkout_even_while_an_earlier_one_is_settling()
    {
        await OpenIntegrationAsync(CheckoutHandler("setTimeout(() => embed.floatAbove('/checkout'), 150);"));
        await Widget.AddToCartAsync("SHIRT-BLUE-M");

        var navigations = await Page.EvaluateAsync<string[]>("""
            async () => {
              const first = window.bambuserSimulator.shopper.checkout();
              const second = window.bambuserSimulator.shopper.checkout();
              return (await Promise.all([first, second])).map((c) => c.navigation);
            }
            """);

        Assert.That(navigations, Is.EqualTo(new[] { Navigations.Miniplayer, Navigations.Miniplayer }));
        Assert.That((await Widget.TraceAsync()).Where(e => e.Event == WidgetContract.Events.GotoCheckout).Select(e => e.Outcome), Is.All.EqualTo(Navigations.Miniplayer), "no checkout left unsettled");
    }

    [Test]
    public async Task Routing_within_the_page_is_not_reported_as_ending_the_call()
    {
        await OpenIntegrationAsync(CheckoutHandler("history.pushState({}, '', '/checkout');"));
        await Widget.ConfigureAsync(checkoutSettleMs: 200);
        await Widget.AddToCartAsync("SHIRT-BLUE-M");

        var checkout = await Widget.CheckoutAsync();

        var state = await Widget.StateAsync();
        Assert.That(checkout.Navigation, Is.EqualTo(CheckoutNavigation.None), "the page and the call go on");
        Assert.That(state.Diagnostics.Single().Code, Is.EqualTo(DiagnosticCode.SameDocumentNavigation));
        Assert.That(state.Diagnostics.Single().Detail, Does.Contain($"routed within the page to {Server.Url("checkout")}"));
    }

    [Test]
    public async Task Checkout_waits_while_the_handler_is_still_syncing_the_cart_before_it_floats()
    {
        await Page.RouteAsync("**/api/sync", async route =>
        {
            // A backend that takes longer than the settle time: the verdict must not depend on it.
            await Task.Delay(600);
            await route.FulfillAsync(new() { Status = 204 });
        });
        await OpenIntegrationAsync(CheckoutHandler("fetch('/api/sync', { method: 'POST' }).then(() => embed.floatAbove('/checkout'));"));
        await Widget.ConfigureAsync(checkoutSettleMs: 200);
        await Widget.AddToCartAsync("SHIRT-BLUE-M");

        var checkout = await Widget.CheckoutAsync();

        Assert.That(checkout.Navigation, Is.EqualTo(CheckoutNavigation.Miniplayer));
    }

    [Test]
    public async Task Float_above_after_the_checkout_was_given_up_on_is_recorded_as_what_it_was()
    {
        await OpenIntegrationAsync(CheckoutHandler("window.setTimeout(() => embed.floatAbove('/checkout'), 1500);"));
        await Widget.ConfigureAsync(checkoutSettleMs: 200);
        await Widget.AddToCartAsync("SHIRT-BLUE-M");

        var checkout = await Widget.CheckoutAsync();
        await Page.WaitForFunctionAsync("() => window.bambuserSimulator.state().mode === 'miniplayer'");

        var entry = (await Widget.TraceAsync()).Last(e => e.Event == WidgetContract.Events.GotoCheckout);
        var late = (await Widget.StateAsync()).Diagnostics.Single(d => d.Code == DiagnosticCode.LateCheckoutNavigation);
        Assert.That(checkout.Navigation, Is.EqualTo(CheckoutNavigation.None), "when the shopper had waited long enough");
        Assert.That(entry.Outcome, Is.EqualTo(CheckoutNavigation.Miniplayer.Wire()), "the trace says what it became");
        Assert.That(late.Detail, Does.Match(@"^'goto-checkout' #2: miniplayer http://127\.0\.0\.1:\d+/checkout came \d+ ms after the Checkout click; until then the shopper saw nothing happen$"));
    }

    private static string CheckoutHandler(string body) => $$"""
        window.onBambuserOneToOneReady = (Embed) => {
          const embed = new Embed({ orgId: 'test-org' });
          embed.on('should-add-item-to-cart', (item, callback) => callback(true));
          embed.on('goto-checkout', (event) => { {{body}} });
        };
        """;
}
