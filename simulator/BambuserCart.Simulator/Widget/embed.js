// BambuserCart's fake of Bambuser's Calls Widget `embed.js` (Video Consultation, "one-to-one").
//
// It stands in for https://one-to-one.bambuser.com/embed.js so a merchant's cart integration can
// be exercised offline: a remote agent is simulated by the agent console and by
// `window.bambuserSimulator`, the widget cart and its messages follow the merchant's callbacks the
// way Bambuser's Cart integration page describes. Behaviours Bambuser does not document are
// chosen and written down in docs/fake-widget.md.
//
// Event names, outcome names, message texts and diagnostic codes are NOT written here: the host
// generates CONTRACT from WidgetContract.cs, the one source of truth (a test keeps it that way).
(function () {
  'use strict';

  const CONTRACT = /*@CONTRACT@*/ null;
  const CATALOG = /*@PRODUCTS@*/ [];

  if (window.bambuserSimulator) {
    // A second copy of the script on one page: keep the first, whose widget the page already uses.
    window.bambuserSimulator.__diagnose(CONTRACT.diagnostics.embedLoadedTwice, 'embed.js was loaded more than once');
    return;
  }

  // The harness's evidence recorder (evidence.js), when the page runs under the harness: told when
  // each event is emitted and answered, so requests and errors can be tied to their event.
  const evidence = window.__bambuserCartEvidence || null;

  const EVENTS = CONTRACT.events;
  const OUTCOMES = CONTRACT.outcomes;
  const NAV = CONTRACT.navigations;
  const DIAG = CONTRACT.diagnostics;
  const MODES = CONTRACT.modes;
  const FRAMING = CONTRACT.framing;

  const state = {
    orgId: null,
    // performance.now() when the first instance was created (the widget started); null before.
    startedAt: null,
    // BambuserOneToOneEmbed instances, in creation order; the widget belongs to the first live one.
    instances: [],
    mode: MODES.closed,
    widgetCart: [],
    message: null,
    floatAboveUrl: null,
    // What the miniplayer's frame made of floatAboveUrl (FRAMING), null until it is checked.
    floatAboveFraming: null,
    diagnostics: [],
    trace: [],
    // Instance method calls, in order: { method, instance, args }.
    calls: [],
    customerData: null,
    // The last product lookup: { ref, outcome, product, message }.
    lastLookup: null,
    trackingTags: [],
    elements: {},
    // What the queue-status methods answer and the queue events carry (scriptable).
    queue: { name: null, isOpen: true, nextOpenTime: null, nextCloseTime: null, agentsOnline: 1, waitingTime: { estimatedWaitingTime: 0, agents: 1, place: 0 } },
    products: new Map(CATALOG.map((p) => [p.sku, p])),
    options: {
      callbackTimeoutMs: CONTRACT.defaultCallbackTimeoutMs,
      checkoutSettleMs: CONTRACT.defaultCheckoutSettleMs,
      // 0: the real widget's timeout. More: see startCallbackTimeout.
      requestWaitLimitMs: 0,
    },
  };

  let resolveReady;
  const ready = new Promise((resolve) => { resolveReady = resolve; });
  let sequence = 0;
  // Agent actions run one at a time, as in the real agent tool, which waits for each answer.
  let agentQueue = Promise.resolve();

  function diagnose(code, detail) {
    state.diagnostics.push({ code, detail: detail == null ? null : String(detail) });
  }

  // "TypeError: x is not a function (at http://127.0.0.1:5080/app.js:9:14)": where the merchant's code threw.
  function errorMessage(error) {
    if (evidence) {
      const described = evidence.describeError(error);
      return described.source ? `${described.message} (at ${described.source})` : described.message;
    }
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }

  // The widget's own timers (callback timeout, checkout settle) are not the merchant's pending work.
  const setTimer = evidence ? evidence.timers.set : (fn, ms) => setTimeout(fn, ms);
  const clearTimer = evidence ? evidence.timers.clear : (id) => clearTimeout(id);

  function mark(kind, seq, detail) {
    if (evidence) evidence.mark(kind, seq, detail);
  }

  // How often a timeout held by a request in flight looks again whether it has answered.
  const REQUEST_POLL_MS = 25;

  // The callback timeout of event `seq`, emitted at `started`; `expire(why)` runs once it is over
  // and the returned function cancels it. The real widget gives up callbackTimeoutMs after the
  // event, whatever the handler is waiting for: that is what happens with requestWaitLimitMs 0.
  // With a limit (validate sets the real widget's 30 s) the time the event's own requests spend
  // waiting for their answers does not count: the handler has callbackTimeoutMs after its last
  // request answered, and never more than the limit in all. A short timeout then judges what the
  // handler does with its answers, not how fast the backend or this machine was (docs/fake-widget.md).
  function startCallbackTimeout(seq, started, expire) {
    const timeoutMs = state.options.callbackTimeoutMs;
    const waitsForRequests = evidence !== null && state.options.requestWaitLimitMs > 0;
    const limitMs = Math.max(timeoutMs, state.options.requestWaitLimitMs);
    let timer = null;
    const check = () => {
      const elapsed = performance.now() - started;
      const requests = waitsForRequests ? evidence.requestsOf(seq) : { inFlight: false, lastAnswer: null };
      const answeredAfter = requests.lastAnswer !== null && requests.lastAnswer > started ? requests.lastAnswer - started : 0;
      const left = requests.inFlight ? REQUEST_POLL_MS : answeredAfter + timeoutMs - elapsed;
      if (waitsForRequests && elapsed >= limitMs) {
        expire(requests.inFlight ? `within ${limitMs} ms, its request still unanswered` : `within ${limitMs} ms`);
      } else if (left > 0) {
        timer = setTimer(check, waitsForRequests ? Math.min(left, limitMs - elapsed) : left);
      } else {
        expire(answeredAfter > 0 ? `within ${timeoutMs} ms of its last request's answer (${Math.round(answeredAfter)} ms after the event)` : `within ${timeoutMs} ms`);
      }
    };
    timer = setTimer(check, timeoutMs);
    return () => clearTimer(timer);
  }

  // Describes any callback value for a diagnostic, including ones JSON cannot carry.
  function describe(value) {
    if (value === undefined) return 'undefined';
    if (typeof value === 'function') return 'a function';
    try { return JSON.stringify(value); } catch (_) { return String(value); }
  }

  // What a trace keeps of a value: JSON-safe, so the harness can read it back.
  function jsonSafe(value) {
    if (value === undefined) return null;
    try { return JSON.parse(JSON.stringify(value)); } catch (_) { return String(value); }
  }

  function clone(value) { return JSON.parse(JSON.stringify(value)); }

  function productName(sku) {
    const product = state.products.get(sku);
    return product ? product.name : sku;
  }

  function cartLine(sku) { return state.widgetCart.find((line) => line.sku === sku) || null; }

  function checkoutBlockers() {
    const reasons = [];
    if (handlersOf(EVENTS.checkout).length === 0) reasons.push(`no '${EVENTS.checkout}' handler is registered`);
    if (state.widgetCart.length === 0) reasons.push('the widget cart is empty');
    return reasons;
  }

  function snapshot() {
    return {
      orgId: state.orgId,
      instances: state.instances.length,
      mode: state.mode,
      widgetCart: clone(state.widgetCart),
      checkoutButtonVisible: checkoutBlockers().length === 0,
      message: state.message ? { ...state.message } : null,
      handlers: owner() ? [...owner().handlers.keys()] : [],
      floatAboveUrl: state.floatAboveUrl,
      floatAboveFraming: state.floatAboveFraming,
      diagnostics: clone(state.diagnostics),
      calls: clone(state.calls),
      customerData: state.customerData,
      lastLookup: state.lastLookup ? clone(state.lastLookup) : null,
      queue: { name: state.queue.name, isOpen: state.queue.isOpen },
      trackingTags: clone(state.trackingTags),
      elements: clone(state.elements),
      destroyed: state.instances.length > 0 && !owner(),
    };
  }

  /*@PART:cart@*/

  /*@PART:products@*/

  /*@PART:checkout@*/

  /*@PART:instance@*/

  /*@PART:ui@*/

  // ---- Scripting API (docs/fake-widget.md, "The scripting API") --------------------------

  function configure(options) {
    const settings = options || {};
    for (const key of ['callbackTimeoutMs', 'checkoutSettleMs', 'requestWaitLimitMs']) {
      if (settings[key] === undefined) continue;
      const least = key === 'requestWaitLimitMs' ? 0 : 1;
      if (!Number.isInteger(settings[key]) || settings[key] < least) {
        throw new Error(`configure: ${key} must be a whole number of milliseconds (${least} or more), got ${describe(settings[key])}`);
      }
      state.options[key] = settings[key];
    }
    if (settings.products !== undefined) {
      if (!Array.isArray(settings.products)) throw new Error('configure: products must be an array of {sku, name}');
      for (const product of settings.products) {
        requireSku(product && product.sku);
        state.products.set(product.sku, { sku: product.sku, name: String(product.name || product.sku) });
      }
      if (widget.parts) widget.renderProducts();
    }
    return { ...state.options };
  }

  // Queue status as Bambuser documents it: each change updates what the queue methods answer and
  // emits its event with the documented payload.
  function queueEvent(event, change, payload) {
    try { requireInstance(); } catch (error) { return Promise.reject(error); }
    Object.assign(state.queue, change);
    return Promise.resolve(emitNotification(event, payload, 'queue'));
  }

  function dateTime(value, name) {
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw new Error(`${name} must be an ISO date-time or null, got ${describe(value)}`);
    return value;
  }

  function count(value, name) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number of 0 or more, got ${describe(value)}`);
    return value;
  }

  const queue = Object.freeze({
    open: (options = {}) => {
      const nextCloseTime = dateTime(options.nextCloseTime, 'nextCloseTime');
      return queueEvent(EVENTS.queueIsOpen, { isOpen: true, nextCloseTime }, { isOpen: true, nextCloseTime });
    },
    close: (options = {}) => {
      const nextOpenTime = dateTime(options.nextOpenTime, 'nextOpenTime');
      return queueEvent(EVENTS.queueIsClosed, { isOpen: false, nextOpenTime }, { isOpen: false, nextOpenTime });
    },
    agentsOnline: (numberOfAgentsOnline, queueId) => queueEvent(
      EVENTS.agentsOnline,
      { agentsOnline: count(numberOfAgentsOnline, 'numberOfAgentsOnline') },
      { numberOfAgentsOnline, ...(queueId === undefined ? {} : { queueId }) }),
    waitingTime: (options = {}) => {
      const waitingTime = {
        estimatedWaitingTime: count(options.estimatedWaitingTime, 'estimatedWaitingTime'),
        agents: count(options.agents, 'agents'),
        place: count(options.place, 'place'),
      };
      return queueEvent(EVENTS.waitingTime, { waitingTime }, { ...waitingTime, ...(options.queueId === undefined ? {} : { queueId: options.queueId }) });
    },
  });

  // Read-only: a page cannot replace the harness's handle on the widget.
  const simulator = Object.freeze({
    ready,
    agent: Object.freeze({ addToCart, setQuantity: (sku, quantity) => setQuantity(sku, quantity), removeFromCart, lookupProduct }),
    shopper: Object.freeze({ checkout, close: () => Promise.resolve(endCall('shopper-close')) }),
    queue,
    state: snapshot,
    trace: () => clone(state.trace),
    // How long ago the widget started, in ms; null before it has.
    sinceStart: () => (state.startedAt === null ? null : performance.now() - state.startedAt),
    configure,
    __diagnose: diagnose,
  });
  Object.defineProperty(window, 'bambuserSimulator', { value: simulator, writable: false, configurable: false, enumerable: true });

  // ---- Loading, as the real embed does ----------------------------------------------------

  window.BambuserOneToOneEmbed = BambuserOneToOneEmbed;
  // Bambuser's GTM template launches the widget through this global.
  window.launchBambuserOneToOne = (config) => new BambuserOneToOneEmbed(config);

  if (typeof window.onBambuserOneToOneReady === 'function') {
    try {
      window.onBambuserOneToOneReady(BambuserOneToOneEmbed);
    } catch (error) {
      diagnose(DIAG.readyHandlerThrew, `onBambuserOneToOneReady threw: ${errorMessage(error)}`);
      console.error(error);
    }
    // With no opening hours configured the queue counts as always open, and queue-is-open fires
    // once: to the handlers registered by then.
    Promise.resolve().then(() => {
      if (handlersOf(EVENTS.queueIsOpen).length > 0) emitNotification(EVENTS.queueIsOpen, { isOpen: true, nextCloseTime: null }, 'queue');
    });
  } else {
    diagnose(DIAG.readyHandlerMissing, 'window.onBambuserOneToOneReady was not defined when embed.js loaded; the real widget would never start');
  }
})();
