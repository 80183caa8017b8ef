// BambuserCart's evidence recorder. The harness installs it in every page under test before any
// page script runs (a Playwright init script), so that a verdict rests on what the page did, not
// on what its end state happened to be when it was looked at:
//
//  - every fetch and XMLHttpRequest: method, URL, a body excerpt, when it started and answered,
//    its status or network error, and an excerpt of the answer;
//  - uncaught errors and unhandled promise rejections (unless handled a moment later), with the
//    script location that threw;
//  - console.error lines;
//  - marks from the fake embed: an event was emitted, its callback was called, checkout navigated;
//  - each message a Web Worker, or a frame or window of another origin, sent the page (their own
//    requests are out of its sight).
//
// Everything gets a number from one counter (`order`) as well as a time, so "the callback came
// before the cart request answered" is decided by the order things happened in this page, never by
// how fast the backend or the machine was. Records made while an event's window is open carry its
// `seq`: that is how each request or error is attributed to the event it belongs to. What the page
// does on its own in the background (a carousel's interval, a cart poll, a chat widget's heartbeat,
// set up before the event) is not the event's, though it happens while the window is open: see
// "Background work" below. What a handler leaves for later (a timer of more than a second, an
// interval) is the event's whenever it runs, and the harness runs what is still pending once the
// page is done: see "Work left for later" below.
//
// `quiet()` tells the harness when the event's consequences are over: no request started in its
// window is still in flight, no short timer or idle callback scheduled from its handling is pending
// (a merchant who answers first and sends the cart request from a debounce timer is still waited
// for), and no short animation started in its window is still running (a mini cart redrawn when a
// "fly to cart" animation lands is read once it has been redrawn).
(function () {
  'use strict';

  if (window.__bambuserCartEvidence) return;

  const MAX_RECORDS = 5000;
  const EXCERPT = 300;
  // Timers are followed only when they are short and a few generations deep, so a page's own
  // pollers cannot keep an event open forever (the harness bounds the wait as well).
  const TIMER_LIMIT_MS = 1000;
  const TIMER_MAX_DEPTH = 3;
  // quiet() must see the page idle on this many consecutive polls (animation frames).
  const QUIET_POLLS = 2;
  // A finite animation (CSS transition or animation, or element.animate) that starts while an event
  // is open and ends within this long of its start holds the event open: a shop may redraw its mini
  // cart when a "fly to cart" animation ends, and reading the cart before that would fail a correct
  // page on how fast it animates. Endless ones (a spinner) and long ones (a banner) never hold it.
  const ANIMATION_LIMIT_MS = 2000;

  const nativeFetch = window.fetch;
  const nativeSetTimeout = window.setTimeout;
  const nativeClearTimeout = window.clearTimeout;
  const nativeSetInterval = window.setInterval;
  const nativeRequestAnimationFrame = window.requestAnimationFrame;
  const nativeThen = Promise.prototype.then;
  const nativeQueueMicrotask = window.queueMicrotask;
  const nativeConsoleError = console.error;

  let order = 0;
  let openSeq = 0;
  let harnessDepth = 0;
  let dropped = 0;
  let nextRequestId = 0;
  let quietPolls = 0;
  // The depth of the timer whose callback is running now; 0 outside any timer callback, BACKGROUND
  // in a callback the page scheduled while no event was open (or that such a callback scheduled).
  let runningTimerDepth = 0;
  const trackedTimers = new Set();
  const trackedIdleCallbacks = new Set();
  // Work an event's handling left for later (see "Work left for later" below): the event a
  // callback of it that is running now belongs to, 0 outside one; and the timers and intervals of
  // it still pending, id → { fire, cancel, seq, ms, kind }.
  let laterSeq = 0;
  const laterWork = new Map();
  // The record order at which the harness ran the work left for later (runLater); 0 before.
  let laterRunFrom = 0;
  // The animations already there when the open event was emitted: not the event's doing.
  let animationsBefore = null;

  const requests = [];
  const errors = [];
  const consoleLines = [];
  const marks = [];

  const now = () => Math.round(performance.now() * 10) / 10;

  function keep(list, record) {
    if (requests.length + errors.length + consoleLines.length + marks.length >= MAX_RECORDS) {
      dropped += 1;
      return record;
    }
    list.push(record);
    return record;
  }

  // A record of the page's background work belongs to no event; `during` names the event whose
  // window it fell in, so that a message can still mention it. A record of work an event left for
  // later belongs to that event, whenever it runs; `later` says it came outside the event's window.
  function stamp(record, background = false, owner = laterSeq) {
    record.order = ++order;
    record.at = now();
    record.seq = background ? null : owner || openSeq || null;
    if (background) {
      record.background = true;
      record.during = openSeq || null;
    } else if (owner !== 0 && owner !== openSeq) {
      record.later = true;
    }
    return record;
  }

  function excerpt(text) {
    if (text == null) return null;
    const value = String(text);
    return value.length > EXCERPT ? `${value.slice(0, EXCERPT)}…` : value;
  }

  function bodyText(body) {
    if (body == null) return null;
    if (typeof body === 'string') return body;
    if (body instanceof URLSearchParams) return body.toString();
    if (typeof FormData !== 'undefined' && body instanceof FormData) {
      return [...body.entries()].map(([key, value]) => `${key}=${typeof value === 'string' ? value : '[file]'}`).join('&');
    }
    if (typeof Blob !== 'undefined' && body instanceof Blob) return `[binary ${body.size} bytes]`;
    if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return `[binary ${body.byteLength} bytes]`;
    return String(body);
  }

  function describe(value) {
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    if (value === undefined) return 'undefined';
    if (typeof value === 'string') return value;
    try { return JSON.stringify(value); } catch (_) { return String(value); }
  }

  // The first frame of a stack that points into a page script (not this recorder, not the fake
  // embed, which the harness serves at Bambuser's address): "http://127.0.0.1:5080/app.js:12:7".
  function sourceOf(error) {
    const stack = error && typeof error.stack === 'string' ? error.stack : '';
    for (const line of stack.split('\n')) {
      const match = /(https?:\/\/[^\s()]+):(\d+):(\d+)/.exec(line);
      if (match && !match[1].includes('one-to-one.bambuser.com')) return `${match[1]}:${match[2]}:${match[3]}`;
    }
    return null;
  }

  function resolveUrl(url) {
    try { return new URL(String(url), location.href).href; } catch (_) { return String(url); }
  }

  // ---- Requests ------------------------------------------------------------------------------

  function startRequest(via, method, url, body) {
    const background = inBackground();
    if (!background) quietPolls = 0;
    return keep(requests, stamp({
      id: ++nextRequestId,
      via,
      method: String(method || 'GET').toUpperCase(),
      url: resolveUrl(url),
      body: excerpt(bodyText(body)),
      byHarness: harnessDepth > 0,
      endAt: null,
      endOrder: null,
      doneAt: null,
      status: null,
      error: null,
      response: null,
      done: false,
      unreadable: false,
    }, background));
  }

  // The answer arrived (status known, or the request failed): recorded before any page code sees it.
  function answerRequest(record, status, error) {
    if (record.endOrder !== null) return;
    record.endOrder = ++order;
    record.endAt = now();
    record.status = status;
    record.error = error;
  }

  function finishRequest(record) {
    record.done = true;
    record.doneAt = now();
    if (!record.background) quietPolls = 0;
  }

  // A same-origin frame's requests go into the top page's timeline, under its counter and its open
  // event, where the harness reads them: a page may send its cart requests through a hidden
  // iframe's untouched fetch. A frame of another origin cannot reach the top page and keeps its own.
  // So does the page the fake's miniplayer shows (and any frame inside it): that is the checkout page
  // after the call floated, not the merchant's cart work, and a request it holds open (a long poll)
  // would otherwise sit in a later cart event's window and leave that event's native cart unproven.
  function insideFakesOwnFrame() {
    try {
      for (let w = window; w !== w.top; w = w.parent) {
        const frame = w.frameElement;
        if (frame && frame.hasAttribute('data-bambuser-cart-frame')) return true;
      }
    } catch (_) {
      return false;
    }
    return false;
  }

  function topSink() {
    if (insideFakesOwnFrame()) return null;
    let top = null;
    try {
      top = window !== window.top && window.top.__bambuserCartEvidence ? window.top.__bambuserCartEvidence.requestSink : null;
    } catch (_) {
      return null;
    }
    if (!top) return null;
    // A URL is resolved here, against this frame's base URL, as its own fetch resolves it.
    const ownUrl = (url) => { try { return new URL(String(url), document.baseURI).href; } catch (_) { return String(url); } };
    return {
      startRequest: (via, method, url, body) => top.startRequest(via, method, ownUrl(url), body),
      // Followed by the top page's recorder, so the frame's load is heard even when the frame that
      // asked is the one navigating (a form posting itself), whose own listeners die with it.
      followIntoFrame: (frame, method, url, body) => top.followIntoFrame(frame, method, ownUrl(url), body),
      answerRequest: top.answerRequest,
      finishRequest: top.finishRequest,
    };
  }
  const sink = topSink() || { startRequest, answerRequest, finishRequest, followIntoFrame };

  if (typeof nativeFetch === 'function') {
    const trackedFetch = function fetch(input, init) {
      let method = 'GET';
      let url = '';
      let body = null;
      try {
        if (typeof Request !== 'undefined' && input instanceof Request) {
          method = input.method;
          url = input.url;
        } else {
          url = String(input);
        }
        if (init && init.method) method = init.method;
        if (init && init.body != null) body = init.body;
      } catch (_) {
        // An argument the browser will refuse anyway; record what we have.
      }
      const record = sink.startRequest('fetch', method, url, body);
      let pending;
      try {
        pending = nativeFetch.apply(window, arguments);
      } catch (error) {
        sink.answerRequest(record, null, describe(error));
        sink.finishRequest(record);
        throw error;
      }
      return pending.then((response) => {
        sink.answerRequest(record, response.status, null);
        try {
          // A copy of the body: 'done' means the whole answer arrived, and the excerpt shows it.
          response.clone().text().then(
            (text) => { record.response = excerpt(text); sink.finishRequest(record); },
            () => sink.finishRequest(record));
        } catch (_) {
          sink.finishRequest(record);
        }
        return response;
      }, (error) => {
        sink.answerRequest(record, null, describe(error));
        sink.finishRequest(record);
        throw error;
      });
    };
    window.fetch = trackedFetch;
  }

  const NativeXhr = window.XMLHttpRequest;
  if (typeof NativeXhr === 'function') {
    const open = NativeXhr.prototype.open;
    const send = NativeXhr.prototype.send;
    // A subclass, so that this listener is registered before any of the page's own: the answer is
    // recorded before a readystatechange or load handler can call back.
    class XMLHttpRequest extends NativeXhr {
      constructor(...args) {
        super(...args);
        this.addEventListener('readystatechange', () => {
          const record = this.__bambuserCartRecord;
          if (!record || this.readyState !== 4) return;
          sink.answerRequest(record, this.status || null, this.status ? null : 'network error');
          try {
            if (this.responseType === '' || this.responseType === 'text') record.response = excerpt(this.responseText);
          } catch (_) {
            // Some response types cannot be read as text.
          }
          sink.finishRequest(record);
        });
        this.addEventListener('abort', () => {
          const record = this.__bambuserCartRecord;
          if (record && !record.done) {
            sink.answerRequest(record, null, 'aborted');
            sink.finishRequest(record);
          }
        });
      }
    }
    NativeXhr.prototype.open = function (method, url, async) {
      this.__bambuserCartRequest = { method, url, sync: arguments.length > 2 && !async };
      return open.apply(this, arguments);
    };
    NativeXhr.prototype.send = function (body) {
      const target = this.__bambuserCartRequest;
      const record = target ? sink.startRequest('xhr', target.method, target.url, body) : null;
      this.__bambuserCartRecord = record;
      if (!record || !target.sync) return send.apply(this, arguments);
      // A synchronous request is over when send returns or throws. When it fails it fires no event
      // at all (send throws), so without this it would look in flight forever and hold the event open.
      try {
        return send.apply(this, arguments);
      } finally {
        if (!record.done) {
          sink.answerRequest(record, this.status || null, this.status ? null : 'network error');
          sink.finishRequest(record);
        }
      }
    };
    window.XMLHttpRequest = XMLHttpRequest;
  }

  // A beacon is sent and never answered: recorded so that "answered true after a beacon" is not
  // mistaken for "made no request at all".
  if (navigator.sendBeacon) {
    const nativeBeacon = navigator.sendBeacon.bind(navigator);
    navigator.sendBeacon = function sendBeacon(url, data) {
      const record = sink.startRequest('beacon', 'POST', url, data);
      const queued = nativeBeacon(url, data);
      sink.answerRequest(record, null, queued ? 'sent as a beacon, never answered' : 'beacon refused by the browser');
      sink.finishRequest(record);
      return queued;
    };
  }

  // ---- Navigations into a frame of the page: a classic cart form posted into a hidden iframe -----

  // A form submitted, a link followed or a window.open into a frame of this page sends its request
  // as that frame's navigation, which passes through no fetch. It is recorded as a request ('frame')
  // from the submission until the frame's next load, with the status of the document the frame then
  // shows. That document's status can be read only when it is of this origin; otherwise the request
  // is marked `unreadable`, and the harness counts it out of its sight, as a worker's.

  // The frame element in this document's tree that a navigation with target `name` loads in, or null:
  // found as the browser names frames, `win[name]`, compared with each frame's window, so a frame of
  // another origin (whose name cannot be read) is found too.
  function frameNamed(name, doc) {
    if (!name || /^\d+$/.test(name) || ['_blank', '_top', '_parent'].includes(name.trim().toLowerCase())) return null;
    if (name.trim().toLowerCase() === '_self') {
      // This document's own frame, when it is one: a form in a hidden iframe posting itself.
      try { return window !== window.top ? window.frameElement : null; } catch (_) { return null; }
    }
    const win = doc.defaultView;
    let named;
    try { named = win[name]; } catch (_) { return null; }
    for (const frame of doc.querySelectorAll('iframe, frame')) {
      if (frame.contentWindow && frame.contentWindow === named) return frame;
      let inner = null;
      try { inner = frame.contentDocument ? frameNamed(name, frame.contentDocument) : null; } catch (_) { inner = null; }
      if (inner) return inner;
    }
    return null;
  }

  function targetOf(own) {
    if (own) return own;
    const base = document.querySelector('base[target]');
    return (base && base.getAttribute('target')) || '_self';
  }

  function followIntoFrame(frame, method, url, body) {
    const record = sink.startRequest('frame', method, url, body);
    // A capturing listener on the frame runs before any the page added without capturing (its
    // onload), so the answer is recorded before the page can call back on it.
    frame.addEventListener('load', () => {
      try {
        const entry = frame.contentWindow.performance.getEntriesByType('navigation')[0];
        const status = entry && entry.responseStatus ? entry.responseStatus : null;
        sink.answerRequest(record, status, status ? null : 'the frame loaded no document from a server');
      } catch (_) {
        record.unreadable = true;
        sink.answerRequest(record, null, 'its frame then showed a page this one cannot read (of another origin, or the browser\'s error page)');
      }
      sink.finishRequest(record);
    }, { once: true, capture: true });
  }

  function formRequest(form, submitter) {
    const attribute = (name, fallback) => (submitter && submitter.hasAttribute(name) ? submitter.getAttribute(name) : fallback);
    const method = String(attribute('formmethod', form.getAttribute('method')) || 'get').toLowerCase();
    if (method === 'dialog') return null;
    // Against the document's base URL, as the browser resolves it: a frame's about:blank has its creator's.
    const action = new URL(attribute('formaction', form.getAttribute('action')) || document.baseURI, document.baseURI).href;
    let data = null;
    try { data = new FormData(form, submitter || undefined); } catch (_) { data = null; }
    if (method === 'post') return { method: 'POST', url: action, body: data };
    const url = new URL(action);
    if (data) url.search = new URLSearchParams([...data.entries()].filter(([, value]) => typeof value === 'string')).toString();
    return { method: 'GET', url: url.href, body: null };
  }

  function followForm(form, submitter, event) {
    try {
      const frame = frameNamed(targetOf(submitter && submitter.hasAttribute('formtarget') ? submitter.getAttribute('formtarget') : form.getAttribute('target')), document);
      const request = frame && formRequest(form, submitter);
      if (!request) return;
      // A listener may still cancel the submission; decided once the event has been dispatched.
      if (event) queueMicrotask(() => { if (!event.defaultPrevented) sink.followIntoFrame(frame, request.method, request.url, request.body); });
      else sink.followIntoFrame(frame, request.method, request.url, request.body);
    } catch (_) {
      // The recorder never breaks the page's own submission.
    }
  }

  window.addEventListener('submit', (event) => {
    noteSubmitOwner(event.target, event.submitter, event);
    if (event.target instanceof HTMLFormElement) followForm(event.target, event.submitter, event);
  }, true);

  // form.submit() fires no submit event and cannot be cancelled.
  const nativeSubmit = HTMLFormElement.prototype.submit;
  HTMLFormElement.prototype.submit = function submit() {
    noteSubmitOwner(this, null, null);
    followForm(this, null, null);
    return nativeSubmit.call(this);
  };

  window.addEventListener('click', (event) => {
    try {
      const link = event.composedPath().find((node) => node instanceof Element && (node.localName === 'a' || node.localName === 'area') && node.hasAttribute('href'));
      const frame = link && event.button === 0 && !link.hasAttribute('download') ? frameNamed(targetOf(link.getAttribute('target')), document) : null;
      if (frame) queueMicrotask(() => { if (!event.defaultPrevented) sink.followIntoFrame(frame, 'GET', link.href, null); });
    } catch (_) {
      // As above.
    }
  }, true);

  const nativeOpen = window.open;
  window.open = function open(url, target) {
    try {
      const frame = typeof target === 'string' ? frameNamed(target, document) : null;
      if (frame && target.trim().toLowerCase() !== '_self') sink.followIntoFrame(frame, 'GET', url === undefined ? 'about:blank' : url, null);
    } catch (_) {
      // As above.
    }
    return nativeOpen.apply(window, arguments);
  };

  // ---- Web Workers: their requests are out of sight, their messages are not ----------------------

  // A request a worker makes never passes through this page's fetch, so it cannot be recorded.
  // What can be: each message a worker sends this page, stamped with the event being handled. A
  // callback(true) after such a message may rest on a cart request the worker made, so it is not
  // judged "without a cart request" (the harness says it cannot be proven instead). The listener
  // is added as the worker is made, so it runs before any handler of the page's own.
  function followWorker(NativeWorker, portOf) {
    if (typeof NativeWorker !== 'function') return NativeWorker;
    return new Proxy(NativeWorker, {
      construct(target, args, newTarget) {
        const worker = Reflect.construct(target, args, newTarget);
        try {
          portOf(worker).addEventListener('message', () => {
            keep(marks, stamp({ kind: 'worker-message', detail: null }));
          });
        } catch (_) {
          // A worker this page cannot listen to: nothing to record.
        }
        return worker;
      },
    });
  }
  window.Worker = followWorker(window.Worker, (worker) => worker);
  if (typeof window.SharedWorker === 'function') window.SharedWorker = followWorker(window.SharedWorker, (worker) => worker.port);

  // ---- Frames and windows of another origin: the same, for the same reason ---------------------

  // A frame of another origin keeps its own recorder (see topSink), which the harness does not
  // read: a page that sends its cart requests through such a frame (a cart bridge on the shop's
  // API domain) makes them out of this recorder's sight. What it sees is each message that frame
  // posts this window. A message of this page's own origin (the page itself, a same-origin frame,
  // the fake's miniplayer) is not marked: whatever such a sender requested is in sight already.
  // Added before any page script runs, so it is heard before the page's own listeners act on it.
  window.addEventListener('message', (event) => {
    if (event.origin === location.origin) return;
    keep(marks, stamp({ kind: 'foreign-message', detail: excerpt(event.origin) }));
  }, true);

  // ---- Background work: what the page does on its own is not the event's ----------------------

  // A callback scheduled while no event is open (a carousel's interval, a cart poll's timer, a
  // chat widget's animation loop, all set up as the page loaded), or scheduled in turn by such a
  // callback, runs in the background: whatever it does while an event's window happens to be open
  // is the page's doing, not the handler's. Its requests are not the event's (they do not hold it
  // open, nor answer for its callback), and what it throws is a page error, not the handler's: else
  // a verdict would depend on whether the page's own timers fired inside an event's window or
  // between two. It reaches through the promise chains such a callback starts with .then (a poll's
  // fetch(...).then(...)), and through the promise it returns (an async callback); an `await`
  // inside it cannot be followed, so what comes after one is judged by its window, as before.
  // The widget's events are emitted from the harness, never from such a callback, and an emit
  // ends the background at once (see mark), so a handler's own work is never taken for it.
  const BACKGROUND = Infinity;
  const inBackground = () => runningTimerDepth === BACKGROUND;
  // Promises a background callback made or returned: their unhandled rejection is a page error.
  const backgroundPromises = new WeakSet();
  // A background timer, interval or frame callback threw (or one of work left for later, which
  // names its event): the browser reports it as an error event as soon as the callback has
  // returned, before any microtask runs.
  let thrownInBackground = false;
  let thrownLater = 0;

  const isThenable = (value) => value !== null && (typeof value === 'object' || typeof value === 'function') && typeof value.then === 'function';

  function noteThrow(background, owner) {
    if (background) thrownInBackground = true;
    else thrownLater = owner;
    nativeQueueMicrotask.call(window, () => { thrownInBackground = false; thrownLater = 0; });
  }

  // A reaction registered in the background runs in the background too. What it throws rejects
  // the promise .then made, which is a background one.
  function inTheBackground(handler) {
    if (typeof handler !== 'function') return handler;
    return function () {
      const previous = runningTimerDepth;
      runningTimerDepth = BACKGROUND;
      try {
        return handler.apply(this, arguments);
      } finally {
        runningTimerDepth = previous;
      }
    };
  }

  // A reaction registered by work left for later runs as that event's, like the work itself.
  function asLater(handler, seq) {
    if (typeof handler !== 'function') return handler;
    return function () {
      const previous = laterSeq;
      laterSeq = seq;
      try {
        return handler.apply(this, arguments);
      } finally {
        laterSeq = previous;
      }
    };
  }

  Promise.prototype.then = function then(onFulfilled, onRejected) {
    if (inBackground()) {
      const derived = nativeThen.call(this, inTheBackground(onFulfilled), inTheBackground(onRejected));
      backgroundPromises.add(derived);
      return derived;
    }
    if (laterSeq === 0) return nativeThen.apply(this, arguments);
    const derived = nativeThen.call(this, asLater(onFulfilled, laterSeq), asLater(onRejected, laterSeq));
    laterPromises.set(derived, laterSeq);
    return derived;
  };

  // ---- Work left for later: it is the event's whenever it runs ---------------------------------

  // A handler may leave work for after its event is over: a guard timer that answers false if the
  // backend has not answered in 8 s (and is never cleared, so it answers a second time), a toast
  // hidden after 5 s, an interval that polls for an order. Nothing waits for it (an event ends
  // without it), so on its own it would run in whichever event's window it happened to fall, or
  // in none, or after the page was closed: whether a second answer or an error was seen, and whom
  // it was blamed on, would depend on how long the run happened to keep the page. So a timer of
  // more than a second (or more generations deep than are followed) and an interval that an
  // event's handling sets run as that event's, whenever they run (what they record carries its
  // seq), with the .then chains they start and the promise they return; and the harness calls
  // runLater once the page is done, which runs every one still pending at once, as the rest of a
  // real call would have. An `await` inside one cannot be followed, as in the background.
  const laterPromises = new WeakMap();

  // The event a callback scheduled now is left for: the one being handled, or whose later work is
  // running; 0 in the background.
  const ownerOfNewCallback = (depth) => (depth === BACKGROUND ? 0 : laterSeq || openSeq);

  function leaveForLater(id, fire, seq, ms, kind) {
    laterWork.set(id, { fire, cancel: () => nativeClearTimeout.call(window, id), seq, ms, kind });
  }

  // ---- Timers and idle callbacks: short ones scheduled while an event is being handled keep it open

  // The depth a callback scheduled now runs at: 1 from the event's own handling (or its work left
  // for later), one more from a followed callback; BACKGROUND outside any event, so it is never followed.
  function depthOfNewCallback() {
    return runningTimerDepth > 0 ? runningTimerDepth + 1 : (openSeq || laterSeq ? 1 : BACKGROUND);
  }

  const nothingToNote = () => {};

  // Runs `handler` at `depth`, so what it schedules in turn is one generation deeper, and as work
  // left for later by event `owner` when that is not 0. It gets the arguments given when it was
  // scheduled (setTimeout's extra ones), then what the browser passes (an idle callback's
  // deadline). A background callback's end, or an interval's tick, is no sign of the event's work.
  function atDepth(handler, args, depth, ran, owner = 0, marksWork = depth !== BACKGROUND) {
    return function () {
      ran();
      const previous = runningTimerDepth;
      const previousLater = laterSeq;
      runningTimerDepth = depth;
      if (owner !== 0) laterSeq = owner;
      let returned = false;
      try {
        const result = handler.apply(this, [...args, ...arguments]);
        returned = true;
        if (isThenable(result)) {
          if (depth === BACKGROUND) backgroundPromises.add(result);
          else if (owner !== 0) laterPromises.set(result, owner);
        }
        return result;
      } finally {
        // Not caught and thrown again: the browser then reports the error where it was thrown.
        runningTimerDepth = previous;
        laterSeq = previousLater;
        if (marksWork) quietPolls = 0;
        if (!returned && (depth === BACKGROUND || owner !== 0)) noteThrow(depth === BACKGROUND, owner);
      }
    };
  }

  // An interval or an animation frame loop never holds an event open; one set up in the background
  // (a carousel, a poll) runs there. An interval set up by an event's handling is work it left for
  // later; its ticks run at the depth of a callback outside any timer, as they always did.
  window.setInterval = function setInterval(handler, delay, ...args) {
    if (typeof handler !== 'function') return nativeSetInterval.apply(window, arguments);
    const depth = depthOfNewCallback();
    if (depth === BACKGROUND) return nativeSetInterval.call(window, atDepth(handler, args, BACKGROUND, nothingToNote), delay);
    const owner = ownerOfNewCallback(depth);
    if (owner === 0) return nativeSetInterval.apply(window, arguments);
    const fire = atDepth(handler, args, 0, nothingToNote, owner, false);
    const id = nativeSetInterval.call(window, fire, delay);
    leaveForLater(id, fire, owner, Number(delay) || 0, 'setInterval');
    return id;
  };

  if (typeof nativeRequestAnimationFrame === 'function') {
    window.requestAnimationFrame = function requestAnimationFrame(handler) {
      if (typeof handler !== 'function' || depthOfNewCallback() !== BACKGROUND) return nativeRequestAnimationFrame.apply(window, arguments);
      return nativeRequestAnimationFrame.call(window, atDepth(handler, [], BACKGROUND, nothingToNote));
    };
  }

  // A short timer of an event's handling (or of its later work) keeps the event open; a longer
  // (or deeper) one is left for later.
  window.setTimeout = function setTimeout(handler, delay, ...args) {
    const ms = Number(delay) || 0;
    if (typeof handler !== 'function') return nativeSetTimeout.apply(window, arguments);
    const depth = depthOfNewCallback();
    const track = (openSeq !== 0 || laterSeq !== 0) && ms <= TIMER_LIMIT_MS && depth <= TIMER_MAX_DEPTH;
    const owner = track ? laterSeq : ownerOfNewCallback(depth);
    let id = null;
    const fire = atDepth(handler, args, depth, () => { trackedTimers.delete(id); laterWork.delete(id); }, owner);
    id = nativeSetTimeout.call(window, fire, ms);
    if (track) trackedTimers.add(id);
    else if (owner !== 0) leaveForLater(id, fire, owner, ms, 'setTimeout');
    return id;
  };

  // Timers and intervals share their ids: either clear ends either.
  window.clearTimeout = function clearTimeout(id) {
    trackedTimers.delete(id);
    laterWork.delete(id);
    return nativeClearTimeout.call(window, id);
  };

  window.clearInterval = function clearInterval(id) {
    trackedTimers.delete(id);
    laterWork.delete(id);
    return nativeClearTimeout.call(window, id);
  };

  // An idle callback runs as soon as the page has a moment (or at its own timeout): a page may
  // send its cart request, or redraw its mini cart, from one. It is followed like a short timer.
  if (typeof window.requestIdleCallback === 'function') {
    const nativeRequestIdleCallback = window.requestIdleCallback;
    const nativeCancelIdleCallback = window.cancelIdleCallback;
    window.requestIdleCallback = function requestIdleCallback(handler, options) {
      if (typeof handler !== 'function') return nativeRequestIdleCallback.apply(window, arguments);
      const depth = depthOfNewCallback();
      let id = null;
      id = nativeRequestIdleCallback.call(window, atDepth(handler, [], depth, () => trackedIdleCallbacks.delete(id)), options);
      if (openSeq !== 0 && depth <= TIMER_MAX_DEPTH) trackedIdleCallbacks.add(id);
      return id;
    };
    window.cancelIdleCallback = function cancelIdleCallback(id) {
      trackedIdleCallbacks.delete(id);
      return nativeCancelIdleCallback.call(window, id);
    };
  }

  // ---- Animations: short ones started while an event is open keep it open --------------------

  function documentAnimations() {
    try {
      return typeof document.getAnimations === 'function' ? document.getAnimations() : [];
    } catch (_) {
      return [];
    }
  }

  // The open event's running animations that will end: started after it was emitted, finite and
  // shorter than the limit. Asking for them brings styles up to date, so a CSS transition that the
  // event's handling set off is found even before the next frame has started it.
  function eventAnimations() {
    if (openSeq === 0 || animationsBefore === null) return 0;
    let count = 0;
    for (const animation of documentAnimations()) {
      if (animationsBefore.has(animation) || animation.playState !== 'running' || !animation.effect) continue;
      const end = animation.effect.getComputedTiming().endTime;
      if (end <= ANIMATION_LIMIT_MS) count += 1;
    }
    return count;
  }

  // ---- Errors and console.error ---------------------------------------------------------------

  window.addEventListener('error', (event) => {
    // Resource load failures do not bubble to window; this is an uncaught script error.
    const error = event.error;
    const source = event.filename ? `${event.filename}:${event.lineno}:${event.colno}` : sourceOf(error);
    // Thrown by a background callback, or by a listener it dispatched an event to; or by work an
    // event left for later.
    const background = thrownInBackground || inBackground();
    const owner = thrownLater || laterSeq;
    thrownInBackground = false;
    thrownLater = 0;
    keep(errors, stamp({
      kind: 'error',
      message: excerpt(error ? describe(error) : event.message || 'Script error.'),
      source,
    }, background, owner));
  });

  // A rejection the page handles after all, a moment later, is taken back: the browser reports a
  // promise as unhandled once the task that rejected it is over, and announces rejectionhandled if
  // a handler is attached later. `const add = fetch(…); const recs = fetch(…); await add; try {
  // await recs } catch {}` meets it when `recs` fails before `add` is answered, and not otherwise:
  // counting it would let the order of two answers decide the verdict.
  const unhandled = new WeakMap();
  window.addEventListener('unhandledrejection', (event) => {
    const background = backgroundPromises.has(event.promise);
    const owner = laterPromises.get(event.promise) || 0;
    const record = keep(errors, stamp({ kind: 'unhandled-rejection', message: excerpt(describe(event.reason)), source: sourceOf(event.reason) }, background, owner));
    if (event.promise) unhandled.set(event.promise, record);
  });
  window.addEventListener('rejectionhandled', (event) => {
    const at = errors.indexOf(unhandled.get(event.promise));
    if (at >= 0) errors.splice(at, 1);
  });

  console.error = function error(...args) {
    keep(consoleLines, stamp({ message: excerpt(args.map(describe).join(' ')), source: sourceOf(new Error()) }, inBackground()));
    return nativeConsoleError.apply(console, args);
  };

  // ---- Leaving the document --------------------------------------------------------------------

  // A reload, or a new URL in this tab, takes the widget and the real call with it. The Navigation
  // API announces such a navigation as it starts, while this document can still be asked, so the
  // harness need not race the next document's commit to learn of it (a reload keeps the URL, so
  // the URL alone could not tell). A navigation the page keeps in this document (a router calling
  // intercept(), pushState, a hash) or cancels, and a download, are not leaving; which it was is
  // known only once every listener has run, so it is decided in a microtask.
  //
  // Work an event left for later (see above) that leaves the page once that event is over would
  // end the call all the same, but when it runs depends on how long the run keeps the page: during
  // a later event (which would be blamed), between events, or only when the harness runs it at the
  // end. So such a navigation is cancelled as it is announced, and kept in `departures` under the
  // event that left the work: the page stays, the run goes on, and the verdict is the same whenever
  // the timer fires. (window.stop() would also cancel it, but it aborts the page's fetches in
  // flight, another event's among them.) A router that then tries to keep it in this document
  // (intercept()) was not leaving: its departure is withdrawn. A checkout's is exempt: leaving is
  // its job, and its own checks judge where it went.
  let leavingFor = null;
  const departures = [];
  const checkoutSeqs = new Set();
  const cancelledNavigations = new WeakMap();
  // A form submitted from work left for later navigates a task after submit() returns, when that
  // work is no longer running: its owner is noted here until its navigation is announced. Only a
  // submission of this document's own (no other target), which a listener did not cancel.
  let submitOwner = 0;
  function noteSubmitOwner(form, submitter, event) {
    const owner = laterSeq;
    if (owner === 0 || !(form instanceof HTMLFormElement)) return;
    const target = (submitter && submitter.hasAttribute('formtarget') ? submitter.getAttribute('formtarget') : form.getAttribute('target')) || '';
    if (!['', '_self', '_top', '_parent'].includes(target.trim().toLowerCase())) return;
    submitOwner = owner;
    if (event) queueMicrotask(() => { if (event.defaultPrevented && submitOwner === owner) submitOwner = 0; });
  }

  if (window.navigation && typeof window.navigation.addEventListener === 'function') {
    window.navigation.addEventListener('navigate', (event) => {
      if (event.destination.sameDocument || event.downloadRequest !== null) return;
      const owner = laterSeq || submitOwner;
      submitOwner = 0;
      if (owner !== 0 && owner !== openSeq && !checkoutSeqs.has(owner) && event.cancelable) {
        event.preventDefault();
        const departure = keep(departures, stamp({ href: event.destination.url, reload: event.navigationType === 'reload' }, false, owner));
        cancelledNavigations.set(event, departure);
        return;
      }
      queueMicrotask(() => {
        const intercepted = window.navigation.transition !== null && window.navigation.transition.navigationType === event.navigationType;
        if (!event.defaultPrevented && !intercepted) leavingFor = event.destination.url;
      });
    });
  }

  const NavigateEventType = window.NavigateEvent;
  if (NavigateEventType && typeof NavigateEventType.prototype.intercept === 'function') {
    const nativeIntercept = NavigateEventType.prototype.intercept;
    NavigateEventType.prototype.intercept = function intercept() {
      const departure = cancelledNavigations.get(this);
      if (departure === undefined) return nativeIntercept.apply(this, arguments);
      const at = departures.indexOf(departure);
      if (at >= 0) departures.splice(at, 1);
      return undefined;
    };
  }

  // ---- What the fake embed and the harness call ------------------------------------------------

  function mark(kind, seq, detail) {
    if (kind === 'emit') {
      // The handlers run from here on: whatever called the emit, what they do is the event's.
      if (inBackground()) runningTimerDepth = 0;
      laterSeq = 0;
      openSeq = seq;
      if (detail === 'goto-checkout') checkoutSeqs.add(seq); // the fake's emit names its event
      quietPolls = 0;
      animationsBefore = new WeakSet(documentAnimations());
    }
    if (kind === 'answer') adoptBackground(seq);
    const record = keep(marks, stamp({ kind, detail: detail == null ? null : excerpt(describe(detail)) }));
    record.seq = seq;
    return record;
  }

  // An event was answered. When its answer turns out to rest on the page's background work, that
  // work was the event's after all, and the background requests sent in its window become its own
  // (they confirm its callback, and one still in flight holds it open):
  //  - the answer came from a background callback (a queue that an interval set up at load flushes,
  //    calling back from its request's .then): all of them, and what this task does next is the
  //    event's too;
  //  - the handler made no request of its own (it handed the change to such a queue and waits on
  //    the promise it returns): those that can change the cart. A poll's reads never are.
  function adoptBackground(seq) {
    const fromBackground = inBackground();
    if (fromBackground) runningTimerDepth = 0;
    const ownRequests = requests.some((r) => r.seq === seq && !r.byHarness);
    for (const request of requests) {
      if (!request.background || request.during !== seq) continue;
      if (fromBackground || (!ownRequests && !['GET', 'HEAD', 'OPTIONS'].includes(request.method))) {
        request.seq = seq;
        request.background = false;
        request.during = null;
      }
    }
  }

  // The requests the open event is waiting on; once the harness has run the work left for later,
  // those that work sent.
  function waitedOn(r) {
    if (r.done || r.byHarness) return false;
    return (openSeq !== 0 && r.seq === openSeq) || (laterRunFrom !== 0 && r.order >= laterRunFrom && !r.background);
  }

  function busy() {
    if (trackedTimers.size > 0 || trackedIdleCallbacks.size > 0 || requests.some(waitedOn)) return true;
    return openSeq !== 0 && eventAnimations() > 0;
  }

  const api = {
    version: 1,
    mark,
    // True once the open event's requests, short timers, idle callbacks and short animations are done, on consecutive polls.
    quiet() {
      if (busy()) {
        quietPolls = 0;
        return false;
      }
      quietPolls += 1;
      return quietPolls >= QUIET_POLLS;
    },
    // Whether the open event's requests, short timers, idle callbacks or short animations are still running (no side effects but a style update).
    busy,
    // Event `seq`'s own requests (not the harness's): whether one still waits for its answer, and
    // when the last one was done (performance.now() ms, null if none): the widget's callback
    // timeout does not count time spent waiting on them.
    requestsOf(seq) {
      const own = requests.filter((r) => r.seq === seq && !r.byHarness);
      const done = own.filter((r) => r.done).map((r) => r.doneAt);
      return { inFlight: own.some((r) => !r.done), lastAnswer: done.length > 0 ? Math.max(...done) : null };
    },
    // The page's own requests, any window or none: how many still wait for their answers, and how
    // long ago (ms) the last one was sent or done, null if none was. A page may register its
    // handlers only once its settings have come: the harness waits for them rather than a clock.
    requestActivity() {
      const own = requests.filter((r) => !r.byHarness);
      const last = own.reduce((latest, r) => Math.max(latest, r.done ? r.doneAt : r.at), -Infinity);
      return { inFlight: own.filter((r) => !r.done).length, idleFor: own.length > 0 ? now() - last : null };
    },
    // What is still going on, for a message when the harness stops waiting.
    busyWith() {
      const inFlight = requests.filter(waitedOn).map((r) => `${r.method} ${r.url}`);
      return { requests: inFlight, timers: trackedTimers.size, idleCallbacks: trackedIdleCallbacks.size, animations: eventAnimations() };
    },
    // Records after this belong to no event, until the next emit.
    close() {
      openSeq = 0;
      laterRunFrom = 0;
      trackedTimers.clear();
      trackedIdleCallbacks.clear();
      animationsBefore = null;
    },
    // The page is done: runs at once, once each, the timers and intervals that events' handling left
    // for later and that are still pending (see "Work left for later"), as the rest of a real call
    // would have. What they set off is then waited for like an event's (quiet, then close).
    // Returns what was run: [{ seq, ms, kind }].
    runLater() {
      const due = [...laterWork.values()];
      laterWork.clear();
      laterRunFrom = order + 1;
      for (const work of due) {
        work.cancel();
        let id = null;
        id = nativeSetTimeout.call(window, () => { trackedTimers.delete(id); work.fire(); }, 0);
        trackedTimers.add(id);
      }
      return due.map(({ seq, ms, kind }) => ({ seq, ms, kind }));
    },
    // Where a same-origin frame's recorder puts its requests (see topSink).
    requestSink: Object.freeze({ startRequest, answerRequest, finishRequest, followIntoFrame }),
    // Requests the harness makes itself (a cart probe) are recorded as such and never judged.
    async byHarness(work) {
      harnessDepth += 1;
      try {
        return await work();
      } finally {
        harnessDepth -= 1;
      }
    },
    timers: Object.freeze({ set: (handler, ms) => nativeSetTimeout.call(window, handler, ms), clear: (id) => nativeClearTimeout.call(window, id) }),
    fetch: typeof nativeFetch === 'function' ? (...args) => nativeFetch.apply(window, args) : null,
    describeError(error) {
      return { message: describe(error), source: sourceOf(error) };
    },
    // Where this document is going, once a navigation away from it has begun; null before.
    leavingFor: () => leavingFor,
    // The harness asked again after hearing of a navigation to `url`, and the browser, which holds
    // such a question until the navigation has either replaced this document or been given up (a
    // 204 answer, a download, an app link it hands to the system), answered here: the page stayed.
    stayed(url) {
      if (leavingFor === url) leavingFor = null;
    },
    snapshot() {
      const shown = { href: location.href, origin: performance.timeOrigin, leavingFor };
      return JSON.stringify({ requests, errors, console: consoleLines, marks, departures, dropped, now: now(), document: shown });
    },
  };

  Object.defineProperty(window, '__bambuserCartEvidence', { value: Object.freeze(api), writable: false, configurable: false, enumerable: false });
})();
