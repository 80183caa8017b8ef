using BambuserCart.Contract;
using BambuserCart.Contract.Scenarios;
using BambuserCart.Harness.Hosting;
using BambuserCart.Harness.Scenarios;
using BambuserCart.Harness.Validation;
using BambuserCart.Simulator;

namespace BambuserCart.Harness.Tests.RealBrowser.Validation;

/// <summary>
/// Cart requests the page's own fetch never sees. A same-origin frame's fetch (a page may borrow a
/// hidden iframe's untouched one) records into the page's timeline, so it is judged like any other.
/// A Web Worker's requests cannot be seen at all, only the messages it sends the page:
/// callback.confirmed must neither fail a correct integration whose cart requests go through a
/// worker, nor let a message from an idle worker excuse a callback(true) no cart request stands behind.
/// </summary>
public sealed class RequestsFromWorkersAndFramesTests
{
    // The worker does the cart request and posts its answer back; the page answers from that.
    private static readonly string WorkerPostCart = PostCartThroughWorker(
        listen: "const listen = (handle) => { onmessage = (event) => handle(event.data, postMessage); };",
        connect: "new Worker(workerUrl)");

    // The same through a SharedWorker, which talks to the page over a port.
    private static readonly string SharedWorkerPostCart = PostCartThroughWorker(
        listen: "const listen = (handle) => { onconnect = (connected) => { const port = connected.ports[0]; port.onmessage = (event) => handle(event.data, (answer) => port.postMessage(answer)); }; };",
        connect: "new SharedWorker(workerUrl).port");

    private static string PostCartThroughWorker(string listen, string connect) => $$"""
        const workerUrl = URL.createObjectURL(new Blob([`
          {{listen}}
          listen(async ({ id, url, body }, reply) => {
            try {
              const response = await fetch(url, { method: 'POST', body: JSON.stringify(body) });
              reply({ id, ok: response.ok, status: response.status, text: await response.text() });
            } catch (error) {
              reply({ id, error: String(error) });
            }
          });
        `], { type: 'text/javascript' }));
        const cartWorker = {{connect}};
        const waiting = new Map();
        let nextId = 0;
        cartWorker.onmessage = (event) => { waiting.get(event.data.id)(event.data); waiting.delete(event.data.id); };
        async function postCart(path, body) {
          const answer = await new Promise((resolve) => {
            const id = ++nextId;
            waiting.set(id, resolve);
            cartWorker.postMessage({ id, url: new URL(path, location.href).href, body });
          });
          if (answer.error) throw new Error(answer.error);
          const data = JSON.parse(answer.text || '{}');
          if (!answer.ok) throw new Error(data.error || `HTTP ${answer.status}`);
          return data;
        }
        """;

    // The cart requests go through the fetch of a hidden same-origin iframe, bound to this page;
    // with a depth of 2, of an iframe inside such an iframe.
    private static string FramePostCart(int depth = 1) => $$"""
        let frameFetch = null;
        async function postCart(path, body) {
          if (!frameFetch) {
            let frame = null;
            for (let host = document, level = 0; level < {{depth}}; level++, host = frame.contentDocument) {
              frame = host.createElement('iframe');
              frame.hidden = true;
              host.documentElement.appendChild(frame);
            }
            frameFetch = frame.contentWindow.fetch.bind(window);
          }
          const response = await frameFetch(path, { method: 'POST', body: JSON.stringify(body), credentials: 'same-origin' });
          const data = await response.json().catch(() => ({}));
          if (!response.ok) throw new Error(data.error || `HTTP ${response.status}`);
          return data;
        }
        """;

    // The cart requests go through a hidden frame of another origin (a cart bridge on the shop's
    // API domain), which the page asks by postMessage and which posts the answer back.
    private static string CrossOriginFramePostCart(Uri bridgeOrigin) => $$"""
        const bridgeOrigin = '{{bridgeOrigin.GetLeftPart(UriPartial.Authority)}}';
        const bridgeFrame = document.createElement('iframe');
        bridgeFrame.hidden = true;
        bridgeFrame.src = `${bridgeOrigin}/bridge.html`;
        const bridge = new Promise((resolve) => {
          addEventListener('message', function ready(event) {
            if (event.origin === bridgeOrigin && event.data.ready) { removeEventListener('message', ready); resolve(event.source); }
          });
        });
        document.documentElement.appendChild(bridgeFrame);
        const waiting = new Map();
        let nextId = 0;
        addEventListener('message', (event) => {
          if (event.origin !== bridgeOrigin || !waiting.has(event.data.id)) return;
          waiting.get(event.data.id)(event.data);
          waiting.delete(event.data.id);
        });
        async function postCart(path, body) {
          const target = await bridge;
          const answer = await new Promise((resolve) => {
            const id = ++nextId;
            waiting.set(id, resolve);
            target.postMessage({ id, path, body }, bridgeOrigin);
          });
          if (answer.error) throw new Error(answer.error);
          const data = JSON.parse(answer.text || '{}');
          if (!answer.ok) throw new Error(data.error || `HTTP ${answer.status}`);
          return data;
        }
        """;

    // The bridge makes the request it is asked for on its own origin and posts the answer back.
    private const string BridgePage = """
        <!doctype html>
        <script>
          addEventListener('message', async (event) => {
            const { id, path, body } = event.data;
            try {
              const response = await fetch(path, { method: 'POST', body: JSON.stringify(body), credentials: 'include' });
              event.source.postMessage({ id, ok: response.ok, status: response.status, text: await response.text() }, event.origin);
            } catch (error) {
              event.source.postMessage({ id, error: String(error) }, event.origin);
            }
          });
          parent.postMessage({ ready: true }, '*');
        </script>
        """;

    // The cart changes are posted as a classic form into a hidden iframe named 'cart-frame'; the
    // page reads the answer from the document the frame then shows, once it has loaded. With
    // waitForLoad false, it answers as soon as the form is on its way.
    private static string FormIntoFramePostCart(string? origin = null, bool waitForLoad = true) => $$"""
        {{CartForm}}
        let cartFrame = null;
        async function postCart(path, body) {
          if (!cartFrame) {
            cartFrame = document.createElement('iframe');
            cartFrame.name = 'cart-frame';
            cartFrame.hidden = true;
            document.body.appendChild(cartFrame);
          }
          const form = cartForm(document, '{{origin}}' + path, body);
          form.target = 'cart-frame';
          document.body.appendChild(form);
          const loaded = new Promise((resolve) => { cartFrame.onload = resolve; });
          form.submit();
          if (!{{(waitForLoad ? "true" : "false")}}) return {};
          await loaded;
          {{(origin is null ? ReadFrameAnswer : "return {};")}}
        }
        """;

    // The same form, made in a hidden iframe's own document and posted there (no target): the frame
    // navigates itself, and the recorder of the document that sent it goes with it.
    private static readonly string FormInAFramePostCart = $$"""
        {{CartForm}}
        let cartFrame = null;
        async function postCart(path, body) {
          // After a network error the frame shows the browser's error page, which is no document of
          // this page's: a new frame then.
          if (!cartFrame || !cartFrame.contentDocument) {
            if (cartFrame) cartFrame.remove();
            cartFrame = document.createElement('iframe');
            cartFrame.hidden = true;
            document.body.appendChild(cartFrame);
          }
          const own = cartFrame.contentDocument;
          const form = cartForm(own, path, body);
          (own.body || own.documentElement).appendChild(form);
          const loaded = new Promise((resolve) => { cartFrame.onload = resolve; });
          form.submit();
          await loaded;
          {{ReadFrameAnswer}}
        }
        """;

    // A classic cart form in `doc`, posting the body's fields to `action`.
    private const string CartForm = """
        function cartForm(doc, action, body) {
          const form = doc.createElement('form');
          form.method = 'post';
          form.action = action;
          for (const [name, value] of Object.entries(body)) {
            if (value === undefined || value === null) continue;
            const input = doc.createElement('input');
            input.type = 'hidden';
            input.name = name;
            input.value = String(value);
            form.appendChild(input);
          }
          return form;
        }
        """;

    // The frame shows the JSON the cart answered; its status is the frame's document's.
    private const string ReadFrameAnswer = """
        const shown = cartFrame.contentDocument;
        const data = JSON.parse((shown.querySelector('pre') || shown.body).textContent || '{}');
        const status = cartFrame.contentWindow.performance.getEntriesByType('navigation')[0].responseStatus;
        if (status < 200 || status >= 300) throw new Error(data.error || `HTTP ${status}`);
        return data;
        """;

    private static readonly HashSet<CheckId> Judged = [CheckId.AddSuccess, CheckId.AddBackendFailure, CheckId.CallbackConfirmed];

    [Test]
    public async Task Cart_requests_made_from_a_web_worker_leave_callback_confirmed_not_proven_instead_of_failed()
    {
        var report = await ValidatorTests.RunScriptAsync(ReferenceWithPostCart(WorkerPostCart), new ValidationSettings { SampleBackend = true, OnlyChecks = Judged });

        AssertConfirmedNotProvenForTheWorker(report);
        Assert.That(report.Checks.Where(c => c.Id != CheckId.CallbackConfirmed).Select(c => $"{c.Name}: {c.Status}: {c.Message}"), Is.All.Contains(": Passed: "), "the worker's requests reach the native cart and meet the injected failures");
    }

    [Test]
    public async Task Cart_requests_made_from_a_shared_worker_leave_confirmed_and_backend_failure_not_proven_naming_the_worker()
    {
        var report = await ValidatorTests.RunScriptAsync(ReferenceWithPostCart(SharedWorkerPostCart), new ValidationSettings { SampleBackend = true, OnlyChecks = Judged });

        AssertConfirmedNotProvenForTheWorker(report);
        var failure = report.Checks.Single(c => c.Id == CheckId.AddBackendFailure);
        Assert.That(failure.Status, Is.EqualTo(CheckStatus.Skipped), failure.Message);
        Assert.That(failure.Message, Does.StartWith("not proven: no failure could be injected").And.Contain("it answered callback(true) after a message from a Web Worker, whose requests"), "a shared worker's requests pass no route, so no failure meets them");
        var success = report.Checks.Single(c => c.Id == CheckId.AddSuccess);
        Assert.That(success.Status, Is.EqualTo(CheckStatus.Passed), success.Message);
    }

    private static void AssertConfirmedNotProvenForTheWorker(ValidationReport report)
    {
        var confirmed = report.Checks.Single(c => c.Id == CheckId.CallbackConfirmed);
        Assert.That(confirmed.Status, Is.EqualTo(CheckStatus.Skipped), confirmed.Message);
        Assert.That(confirmed.Message, Does.StartWith("not proven: ").And.Contain("came after a message from a Web Worker").And.Contain("a message from a Web Worker at"));
    }

    [Test]
    public async Task Replayed_step_answered_from_a_web_workers_request_is_not_failed_for_a_request_it_cannot_see()
    {
        using var file = await ScriptFile.WriteAsync(ReferenceWithPostCart(WorkerPostCart));
        var line = new CartItem("SNEAKER-42", 1);
        var scenario = new Scenario(
            "worker",
            null,
            ScenarioTarget.LocalFile(file.Path, sampleBackend: true),
            ScenarioSetup.None,
            [new ScenarioStep(ScenarioAction.Add, line.Sku, null, null, null, StepExpectations.None with { Outcome = CallbackOutcome.Success, WidgetCart = [line], NativeCart = [line], FollowsContract = true })]);

        var result = await new ScenarioRunner(BrowserTestEnvironment.Browser, BrowserTestEnvironment.Server).RunAsync(scenario);

        Assert.That(result.Passed, Is.True, result.FailureMessage());
    }

    [Test]
    public async Task Callback_true_without_a_cart_request_still_fails_confirmed_when_the_worker_said_nothing_during_the_event()
    {
        // The worker greets the page once, as the page loads; the add handler answers true with no request at all.
        const string script = """
            const idle = new Worker(URL.createObjectURL(new Blob(['postMessage("ready")'], { type: 'text/javascript' })));
            idle.onmessage = () => {};
            window.onBambuserOneToOneReady = function (BambuserOneToOneEmbed) {
              const embed = new BambuserOneToOneEmbed({ orgId: 'sample-org' });
              embed.on('should-add-item-to-cart', (item, callback) => callback(true));
              embed.on('should-update-item-in-cart', (item, callback) => callback(true));
            };
            """;

        var report = await ValidatorTests.RunScriptAsync(script, new ValidationSettings { SampleBackend = true, OnlyChecks = Judged });

        var confirmed = report.Checks.Single(c => c.Id == CheckId.CallbackConfirmed);
        Assert.That(confirmed.Status, Is.EqualTo(CheckStatus.Failed), confirmed.Message);
        Assert.That(confirmed.Message, Does.Contain("callback(true) with no cart request at all"));
    }

    [Test]
    public async Task Cart_requests_sent_through_a_frame_of_another_origin_leave_callback_confirmed_not_proven_instead_of_failed()
    {
        // The bridge is served by a second shop on another port of this machine: another origin of
        // the same site, as a shop's API domain is, so the session cookie goes with its requests.
        // That shop keeps its own carts, so only the check about the callbacks is judged here.
        using var file = await ScriptFile.WriteAsync(string.Empty, ("bridge.html", BridgePage));
        await using var bridgeHost = await SimulatorServer.StartAsync(new SimulatorOptions { MerchantSiteDirectory = Path.GetDirectoryName(file.Path) });
        await File.WriteAllTextAsync(file.Path, ReferenceWithPostCart(CrossOriginFramePostCart(bridgeHost.BaseUrl)));

        var report = await ValidatorTests.RunAsync(ValidationTarget.Parse(file.Path), new ValidationSettings { SampleBackend = true, OnlyChecks = new HashSet<CheckId> { CheckId.CallbackConfirmed } });

        var confirmed = report.Checks.Single(c => c.Id == CheckId.CallbackConfirmed);
        Assert.That(confirmed.Status, Is.EqualTo(CheckStatus.Skipped), confirmed.Message);
        Assert.That(confirmed.Message, Does.StartWith("not proven: ").And.Contain($"came after a message from {bridgeHost.BaseUrl.GetLeftPart(UriPartial.Authority)} (another origin) with no cart request whose answer the page could read"));
    }

    [Test]
    public async Task Callback_true_without_a_cart_request_still_fails_confirmed_when_the_frame_of_another_origin_spoke_only_before_the_event()
    {
        // The bridge says it is ready as the page loads; the handlers answer true at once, asking no one.
        using var file = await ScriptFile.WriteAsync(string.Empty, ("bridge.html", BridgePage));
        await using var bridgeHost = await SimulatorServer.StartAsync(new SimulatorOptions { MerchantSiteDirectory = Path.GetDirectoryName(file.Path) });
        await File.WriteAllTextAsync(file.Path, CrossOriginFramePostCart(bridgeHost.BaseUrl) + """
            window.onBambuserOneToOneReady = function (BambuserOneToOneEmbed) {
              const embed = new BambuserOneToOneEmbed({ orgId: 'sample-org' });
              // Registered once the bridge has spoken, so its message comes before every event.
              bridge.then(() => {
                embed.on('should-add-item-to-cart', (item, callback) => callback(true));
                embed.on('should-update-item-in-cart', (item, callback) => callback(true));
              });
            };
            """);

        var report = await ValidatorTests.RunAsync(ValidationTarget.Parse(file.Path), new ValidationSettings { SampleBackend = true, OnlyChecks = new HashSet<CheckId> { CheckId.CallbackConfirmed } });

        var confirmed = report.Checks.Single(c => c.Id == CheckId.CallbackConfirmed);
        Assert.That(confirmed.Status, Is.EqualTo(CheckStatus.Failed), confirmed.Message);
        Assert.That(confirmed.Message, Does.Contain("callback(true) with no cart request at all"));
    }

    [Test]
    public async Task Cart_changes_posted_as_a_form_into_a_hidden_frame_are_judged_like_the_pages_own_requests()
    {
        var report = await ValidatorTests.RunScriptAsync(ReferenceWithPostCart(FormIntoFramePostCart()), new ValidationSettings { SampleBackend = true, OnlyChecks = Judged });

        Assert.That(report.Checks.Select(c => $"{c.Name}: {c.Status}: {c.Message}"), Is.All.Contains(": Passed: "), "the form's post is the frame's navigation: recorded from the submission to the frame's load, with its status");
    }

    [Test]
    public async Task Cart_changes_posted_by_a_form_in_a_hidden_frames_own_document_are_judged_like_the_pages_own_requests()
    {
        var report = await ValidatorTests.RunScriptAsync(ReferenceWithPostCart(FormInAFramePostCart), new ValidationSettings { SampleBackend = true, OnlyChecks = Judged });

        Assert.That(report.Checks.Select(c => $"{c.Name}: {c.Status}: {c.Message}"), Is.All.Contains(": Passed: "), "the frame's own navigation is followed by the top page's recorder, which outlives the frame's document");
    }

    [Test]
    public async Task Callback_true_while_the_form_posted_into_a_frame_is_still_loading_fails_confirmed()
    {
        var report = await ValidatorTests.RunScriptAsync(ReferenceWithPostCart(FormIntoFramePostCart(waitForLoad: false)), new ValidationSettings { SampleBackend = true, OnlyChecks = new HashSet<CheckId> { CheckId.CallbackConfirmed } });

        var confirmed = report.Checks.Single(c => c.Id == CheckId.CallbackConfirmed);
        Assert.That(confirmed.Status, Is.EqualTo(CheckStatus.Failed), confirmed.Message);
        Assert.That(confirmed.Message, Does.Contain("callback(true) came before the cart answered (POST ").And.Contain("/cart/add still in flight)"));
    }

    [Test]
    public async Task Cart_changes_posted_as_a_form_into_a_frame_that_shows_another_origin_leave_callback_confirmed_not_proven()
    {
        // The cart form posts to a second shop on another port: the frame then shows a document the
        // page cannot read, so the status of the post is out of its sight.
        await using var otherOrigin = await SimulatorServer.StartAsync(new SimulatorOptions());
        var origin = otherOrigin.BaseUrl.GetLeftPart(UriPartial.Authority);

        var report = await ValidatorTests.RunScriptAsync(ReferenceWithPostCart(FormIntoFramePostCart(origin)), new ValidationSettings { SampleBackend = true, OnlyChecks = new HashSet<CheckId> { CheckId.CallbackConfirmed } });

        var confirmed = report.Checks.Single(c => c.Id == CheckId.CallbackConfirmed);
        Assert.That(confirmed.Status, Is.EqualTo(CheckStatus.Skipped), confirmed.Message);
        Assert.That(confirmed.Message, Does.StartWith("not proven: ").And.Contain($"came after POST {origin}/cart/add, whose frame then showed a page of another origin"));
    }

    [TestCase(1, TestName = "Cart_requests_sent_through_a_same_origin_frames_fetch_confirm_the_callbacks_like_the_pages_own")]
    [TestCase(2, TestName = "Cart_requests_sent_through_a_frame_inside_a_same_origin_frame_confirm_the_callbacks_like_the_pages_own")]
    public async Task Cart_requests_sent_through_a_same_origin_frame_confirm_the_callbacks(int depth)
    {
        var report = await ValidatorTests.RunScriptAsync(ReferenceWithPostCart(FramePostCart(depth)), new ValidationSettings { SampleBackend = true, OnlyChecks = Judged });

        Assert.That(report.Checks.Select(c => $"{c.Name}: {c.Status}: {c.Message}"), Is.All.Contains(": Passed: "));
        var add = report.Events.First(e => e.Event == WidgetContract.Events.AddItem);
        Assert.That(add.Evidence.Requests.Select(r => r.Url), Has.Some.EndsWith("/cart/add"), "the frame's request is the event's own evidence");
    }

    [Test]
    public async Task Callback_true_before_a_same_origin_frames_fetch_answered_still_fails_confirmed()
    {
        // Fire and answer, through the frame's fetch: the answer does not wait for the cart.
        var script = ReferenceWithPostCart(FramePostCart()).Replacing(
            "      postCart('/cart/add', { sku: addedItem.sku, quantity: 1 })\n        .then(() => {\n          track('add_to_cart', addedItem.sku, 1);\n          callback(true);\n        })\n        .catch(answer(callback));",
            "      postCart('/cart/add', { sku: addedItem.sku, quantity: 1 }).catch(() => {});\n      callback(true);");

        var report = await ValidatorTests.RunScriptAsync(script, new ValidationSettings { SampleBackend = true, OnlyChecks = Judged });

        var confirmed = report.Checks.Single(c => c.Id == CheckId.CallbackConfirmed);
        Assert.That(confirmed.Status, Is.EqualTo(CheckStatus.Failed), confirmed.Message);
        Assert.That(confirmed.Message, Does.Contain("callback(true) came before the cart answered (POST "));
    }

    // reference.js with its postCart replaced by another one.
    private static string ReferenceWithPostCart(string postCart) =>
        ReferenceScript.Text().ReplacingFromTo("  async function postCart(path, body) {", "    return data;\n  }\n", postCart);
}
