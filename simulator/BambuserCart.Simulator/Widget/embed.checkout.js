// Part of the fake embed.js: the shopper's checkout and where the merchant sends them.
// FakeEmbedScript inserts it into embed.js's scope when the script is served: it shares that
// scope's state and helpers, and is not a script of its own.
//
// A Checkout click emits goto-checkout and waits to see where the handler sends the shopper: the
// miniplayer (floatAbove), a new tab (window.open), or this tab (the call ends). Each click
// settles on the first navigation after it, oldest click first, or as 'none' when the handler did
// nothing: checkoutSettleMs after the click, or later while the handler's own requests still run.
// A navigation that comes after its checkout was settled as 'none' is recorded as what it was.

// Checkouts waiting for the handler to navigate, oldest first.
const pendingCheckouts = [];
// Checkouts settled as 'none', still open to a late navigation (within the callback timeout).
const unanswered = [];
let framingCheck = Promise.resolve();
// The miniplayer frame's latest load: its URL and the promise of its verdict, pending while the
// frame loads. A floatAbove to the URL the frame already shows (or is still loading) loads nothing
// again, so it waits on that load's verdict instead of going without one.
let frameLoad = { url: null, verdict: null };

function resolveUrl(url) {
  try { return new URL(String(url), location.href).href; } catch (_) { return String(url); }
}

// A navigation the merchant's code made: it settles the oldest waiting checkout, if any.
function settleCheckout(navigation, url) {
  const checkout = pendingCheckouts.shift();
  if (checkout) {
    settle(checkout, navigation, url);
  } else {
    lateNavigation(navigation, url);
  }
}

function settle(checkout, navigation, url) {
  clearTimer(checkout.timer);
  mark('navigate', checkout.entry.seq, `${navigation} ${url || ''}`.trim());
  checkout.entry.outcome = navigation;
  checkout.entry.value = url;
  checkout.entry.ms = Math.round(performance.now() - checkout.started);
  if (navigation === NAV.none) unanswered.push(checkout);
  // A miniplayer's framing check decides the diagnostics; let it finish (it is bounded by fetch).
  const done = navigation === NAV.miniplayer ? framingCheck : Promise.resolve();
  done.then(() => notifySettled(checkout.entry))
    .then(() => checkout.resolve({ payload: clone(checkout.entry.payload), navigation, url }));
}

// The handler navigated after its checkout had been reported 'none': the trace says what it did,
// and when, and a diagnostic says the shopper waited that long with nothing happening.
function lateNavigation(navigation, url) {
  const now = performance.now();
  while (unanswered.length > 0 && now - unanswered[0].started > state.options.callbackTimeoutMs) unanswered.shift();
  const checkout = unanswered.shift();
  if (!checkout) return;
  const ms = Math.round(now - checkout.started);
  mark('navigate', checkout.entry.seq, `${navigation} ${url || ''}`.trim());
  checkout.entry.outcome = navigation;
  checkout.entry.value = url;
  checkout.entry.late = ms;
  diagnose(DIAG.lateCheckoutNavigation, `'${EVENTS.checkout}' #${checkout.entry.seq}: ${navigation} ${url || ''} came ${ms} ms after the Checkout click; until then the shopper saw nothing happen`);
}

// Gives up on a checkout: at its settle time, unless the handler is still busy with requests or
// short timers of its own (the evidence recorder knows), then as soon as it is not.
function settleWhenIdle(checkout) {
  const busy = evidence && evidence.busy() && performance.now() - checkout.started < state.options.callbackTimeoutMs;
  if (busy) {
    checkout.timer = setTimer(() => settleWhenIdle(checkout), 50);
    return;
  }
  const index = pendingCheckouts.indexOf(checkout);
  if (index >= 0) {
    pendingCheckouts.splice(index, 1);
    settle(checkout, NAV.none, null);
  }
}

// The Checkout button's click: emits goto-checkout and watches where the handler goes.
function onCheckoutClicked() {
  const payload = { cart: { items: state.widgetCart.map((line) => ({ sku: line.sku, name: line.name, count: line.quantity })) } };
  const entry = { seq: ++sequence, event: EVENTS.checkout, action: 'checkout', payload: clone(payload), outcome: null, value: null, callbackCalls: 0, ms: null };
  state.trace.push(entry);
  mark('emit', entry.seq, EVENTS.checkout);
  const result = new Promise((resolve) => {
    const checkout = { entry, resolve, started: performance.now(), timer: null };
    checkout.timer = setTimer(() => settleWhenIdle(checkout), state.options.checkoutSettleMs);
    pendingCheckouts.push(checkout);
  });
  const instance = owner();
  for (const outcome of (instance ? instance.events.emit(EVENTS.checkout, payload) : []) || []) {
    if (outcome.error !== undefined) {
      mark('threw', entry.seq, errorMessage(outcome.error));
      diagnose(DIAG.handlerThrew, `'${EVENTS.checkout}': handler threw: ${errorMessage(outcome.error)}`);
    } else if (outcome.returned && typeof outcome.returned.then === 'function') {
      outcome.returned.then(undefined, (error) => {
        mark('threw', entry.seq, errorMessage(error));
        diagnose(DIAG.handlerThrew, `'${EVENTS.checkout}': handler returned a rejected promise: ${errorMessage(error)}`);
      });
    }
  }
  return result;
}

function checkout() {
  try { requireInstance(); } catch (error) { return Promise.reject(error); }
  const blockers = checkoutBlockers();
  if (blockers.length > 0) {
    return Promise.reject(new Error(`The widget shows no Checkout button: ${blockers.join(' and ')}`));
  }
  const result = new Promise((resolve) => { widget.onNextCheckout = resolve; });
  widget.checkoutButton.click();
  return result;
}

// New tab: the merchant calls window.open; observe it, then let it happen.
const originalOpen = window.open;
window.open = function (url, target, features) {
  // Without a target name, window.open opens a new browsing context.
  const where = destinationOf(target === undefined || target === null || target === '' ? '_blank' : String(target));
  if (where !== DESTINATION.frame) settleCheckout(where === DESTINATION.thisTab ? NAV.sameTab : NAV.newTab, resolveUrl(url));
  return originalOpen.call(window, url, target, features);
};

// New tab by a link or a form: a handler that clicks an <a target="_blank"> (attached or not) or
// submits a form into a new window sends the shopper to the same new tab as window.open does, and
// the call goes on here. Seen as the click or submission happens, never by waiting for the tab, so
// a slow checkout page cannot turn it into 'none'. _self, _top and _parent stay in this tab (the
// Navigation API reports those).
// `target` is the element's own (a link's target, a form's, a submit button's formtarget); without
// one, the document's <base target> applies, and without that, this tab.
function opensNewBrowsingContext(target) {
  const base = document.querySelector('base[target]');
  const name = target || (base ? base.getAttribute('target') : '') || '_self';
  return destinationOf(name) === DESTINATION.newTab;
}

// Where the browser sends a navigation with this target name. _self, _top and _parent (matched
// without regard to case, as browsers do) and this window's own name are this tab; the name of a
// frame in this page loads the URL in that frame, which neither opens a tab nor ends the call (a
// handler that records the order in a hidden frame first); any other name is another browsing
// context: a new tab as far as the call is concerned.
// Symbols: where a navigation goes is not a checkout outcome (NAV), only what decides one.
const DESTINATION = Object.freeze({ thisTab: Symbol('this tab'), frame: Symbol('a frame'), newTab: Symbol('another browsing context') });

function destinationOf(name) {
  const special = name.trim().toLowerCase();
  if (special === '_self' || special === '_top' || special === '_parent') return DESTINATION.thisTab;
  if (special === '_blank') return DESTINATION.newTab;
  if (name === window.name) return DESTINATION.thisTab;
  return hasFrameNamed(window, name) ? DESTINATION.frame : DESTINATION.newTab;
}

// Whether a frame in `win`'s tree is named `name`. The frame is found as the browser names it,
// `win[name]`, compared with each child window, so a frame of another origin (whose name cannot be
// read) counts as well; an element with that id, or a property called so, is no child window.
function hasFrameNamed(win, name) {
  // A numeric name would read a child by its index instead.
  if (/^\d+$/.test(name)) return false;
  let named;
  try { named = win[name]; } catch (_) { return false; }
  for (let i = 0; i < win.frames.length; i++) {
    const child = win.frames[i];
    if (child === named) return true;
    try {
      if (hasFrameNamed(child, name)) return true;
    } catch (_) {
      // A window of another origin that keeps its frames to itself.
    }
  }
  return false;
}

// A link with a download attribute saves its target instead of opening it, when the browser honours
// the attribute: for this origin's URLs and blob: or data: ones (Chromium ignores it across origins).
// An href that cannot be parsed is no download: Chromium opens the blocked blank page in its target
// instead, so such a link into a new tab is a new tab (whose checkout never loads).
function downloads(link) {
  if (!link.hasAttribute('download')) return false;
  let url;
  try { url = new URL(link.href, location.href); } catch (_) { return false; }
  return url.origin === location.origin || url.protocol === 'blob:' || url.protocol === 'data:';
}

// The link opens its URL in another browsing context: a new tab, as far as the call is concerned.
function opensNewTab(link) {
  return !downloads(link) && opensNewBrowsingContext(link.getAttribute('target'));
}

function linkOf(event) {
  const path = typeof event.composedPath === 'function' ? event.composedPath() : [event.target];
  return path.find((node) => node instanceof Element && (node.localName === 'a' || node.localName === 'area') && node.hasAttribute('href')) || null;
}

// Decided once the event has been dispatched: a listener may still cancel the link or the submission.
function newTabUnlessCancelled(event, url) {
  queueMicrotask(() => {
    if (!event.defaultPrevented) settleCheckout(NAV.newTab, resolveUrl(url));
  });
}

window.addEventListener('click', (event) => {
  const link = linkOf(event);
  if (link && event.button === 0 && opensNewTab(link)) newTabUnlessCancelled(event, link.href);
}, true);

// A link that is in no document still opens when clicked, but its click never reaches window.
const originalClick = HTMLElement.prototype.click;
HTMLElement.prototype.click = function click() {
  if (!this.isConnected && this.localName === 'a' && this.hasAttribute('href') && opensNewTab(this)) {
    this.addEventListener('click', (event) => newTabUnlessCancelled(event, this.href), { once: true });
  }
  return originalClick.call(this);
};

window.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  const submitter = event.submitter;
  const target = submitter && submitter.hasAttribute('formtarget') ? submitter.getAttribute('formtarget') : form.getAttribute('target');
  if (opensNewBrowsingContext(target)) newTabUnlessCancelled(event, (submitter && submitter.getAttribute('formaction')) || form.action);
}, true);

// form.submit() fires no submit event and cannot be cancelled.
const originalSubmit = HTMLFormElement.prototype.submit;
HTMLFormElement.prototype.submit = function submit() {
  if (opensNewBrowsingContext(this.getAttribute('target'))) settleCheckout(NAV.newTab, resolveUrl(this.action));
  return originalSubmit.call(this);
};

// Same tab: a navigation of this document ends the call; the Navigation API reports it first. A
// route change within the document (history.pushState in a single-page shop) ends nothing: the
// page and the call go on, so it settles nothing and is only noted.
if (window.navigation && typeof window.navigation.addEventListener === 'function') {
  window.navigation.addEventListener('navigate', (event) => {
    // A download (a link with a download attribute) saves a file: this document stays.
    if (event.hashChange || !event.destination || event.downloadRequest) return;
    if (event.destination.sameDocument) {
      if (pendingCheckouts.length > 0) {
        diagnose(DIAG.sameDocumentNavigation, `'${EVENTS.checkout}' #${pendingCheckouts[0].entry.seq}: the handler routed within the page to ${event.destination.url}; the call stays full size above it: use floatAbove(url) to show the checkout beneath a miniplayer`);
      }
      return;
    }
    settleCheckout(NAV.sameTab, event.destination.url);
  });
}
window.addEventListener('beforeunload', () => settleCheckout(NAV.sameTab, null));

// The miniplayer: the call floats above `url` (a page of this origin, framed over the whole page);
// without a URL it floats above the page as it is (Bambuser's wrapper treats the URL as optional).
function floatAbove(url) {
  const given = !(url === undefined || url === null || String(url).trim() === '');
  const absolute = given ? resolveUrl(url) : null;
  state.mode = MODES.miniplayer;
  state.floatAboveUrl = absolute;
  state.floatAboveFraming = null;
  framingCheck = given ? checkFraming(absolute) : Promise.resolve();
  widget.render();
  settleCheckout(NAV.miniplayer, absolute);
}

// The miniplayer frames the merchant's own page; say why it would stay blank in the real widget.
// The headers name the usual causes; the browser's own verdict, the miniplayer's frame itself,
// catches every form of them (an allowlist of ancestors without this origin, conflicting
// X-Frame-Options values), which a reading of the headers alone would pass.
function checkFraming(url) {
  let target;
  try { target = new URL(url); } catch (_) { target = null; }
  if (!target || target.origin !== location.origin) {
    diagnose(DIAG.floatAboveCrossOrigin, `floatAbove('${url}'): the miniplayer needs a URL on this page's origin ${location.origin}`);
    return Promise.resolve();
  }
  // Listening before the frame is given the URL (render() does that right after this call).
  const shown = frameShows(url).then((inFrame) => {
    // A later floatAbove to another URL owns the state now.
    if (state.floatAboveUrl !== url) return inFrame;
    state.floatAboveFraming = inFrame === true ? FRAMING.shown : inFrame === false ? FRAMING.refused : FRAMING.unknown;
    return inFrame;
  });
  // The fake's own request: through the recorder's untouched fetch, so it is never judged as the merchant's.
  const ownFetch = evidence && evidence.fetch ? evidence.fetch : fetch;
  const headers = ownFetch(url, { credentials: 'same-origin' }).then((response) => {
    if (!response.ok) {
      diagnose(DIAG.floatAboveTargetError, `floatAbove('${url}'): the page answered HTTP ${response.status}; the shopper would see an error page beneath the miniplayer`);
    }
    const frameOptions = (response.headers.get('x-frame-options') || '').trim();
    const ancestors = /frame-ancestors\s+([^;,]*)/i.exec(response.headers.get('content-security-policy') || '');
    if (frameOptions.toLowerCase() === 'deny') {
      diagnose(DIAG.floatAboveFramingRefused, `floatAbove('${url}'): the page sends X-Frame-Options: DENY; use SAMEORIGIN`);
      return null;
    }
    if (ancestors && /'none'/i.test(ancestors[1])) {
      diagnose(DIAG.floatAboveFramingRefused, `floatAbove('${url}'): the page sends CSP frame-ancestors 'none'; use 'self'`);
      return null;
    }
    return [frameOptions && `X-Frame-Options: ${frameOptions}`, ancestors && `CSP frame-ancestors ${ancestors[1].trim()}`].filter(Boolean);
  }, (error) => {
    diagnose(DIAG.floatAboveFramingRefused, `floatAbove('${url}'): the page could not be loaded: ${errorMessage(error)}`);
    return null;
  });
  return Promise.all([headers, shown]).then(([sent, inFrame]) => {
    // null: a diagnostic above already says why, or the frame gave no verdict.
    if (sent === null || inFrame !== false) return;
    const why = sent.length > 0 ? `it sends ${sent.join('; ')}, which does not allow ${location.origin}` : 'it left this origin, or refused to be framed';
    diagnose(DIAG.floatAboveFramingRefused, `floatAbove('${url}'): the browser would not show it in the miniplayer's frame: ${why}; send X-Frame-Options: SAMEORIGIN or frame-ancestors 'self'`);
  });
}

// Whether the miniplayer's frame shows `url` once it has loaded it: a page the browser refused to
// frame, or one that went to another origin, has no document this page can reach. The frame
// already on that URL loads nothing again, so the verdict of its load holds, once that load ends.
// Null when there is no verdict: no widget on the page yet, or no load within the bound (a page
// that never finishes loading). The bound is the longest the widget waits on the merchant's
// requests (the real widget's 30 s under validate), so a slow backend delays the verdict but does
// not change it.
function frameShows(url) {
  const frame = widget.parts && widget.parts.surf;
  if (!frame) return Promise.resolve(null);
  if (frame.getAttribute('src') !== url) {
    frameLoad = { url, verdict: nextLoad(frame, url) };
  } else if (frameLoad.url !== url) {
    return Promise.resolve(null);
  }
  const { verdict } = frameLoad;
  const boundMs = Math.max(state.options.callbackTimeoutMs, state.options.requestWaitLimitMs);
  return new Promise((resolve) => {
    const bound = setTimer(() => resolve(null), boundMs);
    verdict.then((shown) => { clearTimer(bound); resolve(shown); });
  });
}

// The verdict of the frame's next load of `url`: true when its document is reachable, false when
// not; null when the frame went to another URL first (the later floatAbove owns the frame).
// Listening starts before the frame is given the URL (render() does that right after).
function nextLoad(frame, url) {
  return new Promise((resolve) => {
    frame.addEventListener('load', function onLoad() {
      frame.removeEventListener('load', onLoad);
      if (frame.getAttribute('src') !== url) {
        resolve(null);
        return;
      }
      try { resolve(frame.contentDocument !== null); } catch (_) { resolve(false); }
    });
  });
}
