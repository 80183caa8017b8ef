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

  const state = {
    orgId: null,
    instances: [],
    mode: 'closed',
    widgetCart: [],
    message: null,
    handlers: new Map(),
    floatAboveUrl: null,
    diagnostics: [],
    trace: [],
    products: new Map(CATALOG.map((p) => [p.sku, p])),
    options: {
      callbackTimeoutMs: CONTRACT.defaultCallbackTimeoutMs,
      checkoutSettleMs: CONTRACT.defaultCheckoutSettleMs,
    },
  };

  let resolveReady;
  const ready = new Promise((resolve) => { resolveReady = resolve; });
  let sequence = 0;
  // Agent actions run one at a time, as in the real agent tool, which waits for each answer.
  let agentQueue = Promise.resolve();
  // The checkout currently waiting to learn where the merchant's handler sends the shopper.
  let pendingCheckout = null;
  let framingCheck = Promise.resolve();

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
    if (!state.handlers.has(EVENTS.checkout)) reasons.push(`no '${EVENTS.checkout}' handler is registered`);
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
      handlers: [...state.handlers.keys()],
      floatAboveUrl: state.floatAboveUrl,
      diagnostics: clone(state.diagnostics),
    };
  }

  // ---- Callback semantics (DESIGN.md §3.2) -------------------------------------------------

  function classify(value) {
    if (value === true) return OUTCOMES.success;
    if (value === false) return OUTCOMES.failure;
    if (value && typeof value === 'object' && value.success === false && value.reason === CONTRACT.outOfStockReason) {
      return OUTCOMES.outOfStock;
    }
    return OUTCOMES.invalid;
  }

  function messageFor(outcome) {
    switch (outcome) {
      case OUTCOMES.success: return null;
      case OUTCOMES.outOfStock: return { ...CONTRACT.messages.outOfStock };
      case OUTCOMES.timeout: return { ...CONTRACT.messages.timeout };
      default: return { ...CONTRACT.messages.error };
    }
  }

  function applyOutcome(event, payload, outcome) {
    state.message = messageFor(outcome);
    if (outcome !== OUTCOMES.success) return;
    if (event === EVENTS.add) {
      state.widgetCart.push({ sku: payload.sku, name: productName(payload.sku), quantity: 1 });
    } else if (payload.quantity === 0) {
      state.widgetCart = state.widgetCart.filter((line) => line.sku !== payload.sku);
    } else {
      cartLine(payload.sku).quantity = payload.quantity;
    }
  }

  // The recorder (bambuser-cart record) listens here; it must not be able to break the widget.
  async function notifySettled(entry) {
    const hooks = window.bambuserSimulatorHooks;
    if (!hooks || typeof hooks.settled !== 'function') return;
    try {
      await hooks.settled(JSON.stringify({ entry, state: snapshot() }));
    } catch (error) {
      console.error('bambuserSimulatorHooks.settled failed', error);
    }
  }

  function outcomeOf(entry) {
    return {
      seq: entry.seq,
      event: entry.event,
      payload: clone(entry.payload),
      outcome: entry.outcome,
      value: entry.value,
      callbackCalls: entry.callbackCalls,
      ms: entry.ms,
    };
  }

  // Emits one cart event to every registered handler and settles on the first callback.
  // `action` is what the agent did (add, setQuantity, remove): a re-add and a quantity change
  // emit the same event, and a recording must replay the one that happened.
  function emitCartEvent(event, payload, action) {
    const handlers = state.handlers.get(event) || [];
    const entry = { seq: ++sequence, event, action, payload: clone(payload), outcome: null, value: null, callbackCalls: 0, ms: null };
    state.trace.push(entry);
    const started = performance.now();
    mark('emit', entry.seq, event);

    return new Promise((resolve) => {
      let settled = false;
      let timer = null;
      const finish = (outcome, value) => {
        if (settled) return;
        settled = true;
        clearTimer(timer);
        entry.outcome = outcome;
        entry.value = jsonSafe(value);
        entry.ms = Math.round(performance.now() - started);
        applyOutcome(event, payload, outcome);
        widget.render();
        notifySettled(entry).then(() => resolve(outcomeOf(entry)));
      };

      if (handlers.length === 0) {
        diagnose(DIAG.noHandler, `'${event}' was emitted but no handler is registered for it`);
        finish(OUTCOMES.noHandler, undefined);
        return;
      }

      const timeoutMs = state.options.callbackTimeoutMs;
      timer = setTimer(() => {
        mark('timeout', entry.seq, timeoutMs);
        diagnose(DIAG.callbackTimeout, `'${event}' #${entry.seq}: no callback within ${timeoutMs} ms`);
        finish(OUTCOMES.timeout, undefined);
      }, timeoutMs);

      const callback = (value) => {
        entry.callbackCalls += 1;
        mark('answer', entry.seq, describe(value));
        if (entry.callbackCalls > 1) {
          diagnose(DIAG.callbackCalledTwice, `'${event}' #${entry.seq}: callback called ${entry.callbackCalls} times; ignored ${describe(value)}, the first call counts`);
          return;
        }
        if (settled) {
          diagnose(DIAG.callbackAfterTimeout, `'${event}' #${entry.seq}: callback(${describe(value)}) came after the ${timeoutMs} ms timeout and was ignored`);
          return;
        }
        const outcome = classify(value);
        if (outcome === OUTCOMES.invalid) {
          diagnose(DIAG.invalidCallbackValue, `'${event}' #${entry.seq}: callback(${describe(value)}); expected true, false or {success:false, reason:'${CONTRACT.outOfStockReason}'}`);
        }
        finish(outcome, value);
      };

      const threw = (error, how) => {
        mark('threw', entry.seq, errorMessage(error));
        diagnose(DIAG.handlerThrew, `'${event}' #${entry.seq}: handler ${how}: ${errorMessage(error)}`);
        if (entry.callbackCalls === 0) finish(OUTCOMES.threw, undefined);
      };

      for (const handler of handlers) {
        try {
          const result = handler(clone(payload), callback);
          if (result && typeof result.then === 'function') {
            result.then(undefined, (error) => threw(error, 'returned a rejected promise'));
          }
        } catch (error) {
          threw(error, 'threw');
        }
      }
    });
  }

  // ---- Agent actions ------------------------------------------------------------------------

  function requireInstance() {
    if (state.instances.length === 0) {
      throw new Error('No BambuserOneToOneEmbed instance exists yet: the page has not created the widget (is window.onBambuserOneToOneReady defined before embed.js loads?)');
    }
  }

  function requireSku(sku) {
    if (typeof sku !== 'string' || sku.trim() === '') throw new Error(`sku must be a non-empty string, got ${describe(sku)}`);
  }

  function enqueueAgentAction(action) {
    const run = agentQueue.then(action);
    agentQueue = run.catch(() => undefined);
    return run;
  }

  function addToCart(sku) {
    return enqueueAgentAction(() => {
      requireInstance();
      requireSku(sku);
      openIfClosed();
      const line = cartLine(sku);
      // Re-adding a SKU already in the widget cart is an update, as the Cart integration page says.
      return line
        ? emitCartEvent(EVENTS.update, { sku, quantity: line.quantity + 1, previousQuantity: line.quantity }, 'add')
        : emitCartEvent(EVENTS.add, { sku }, 'add');
    });
  }

  function setQuantity(sku, quantity, action = 'setQuantity') {
    return enqueueAgentAction(() => {
      requireInstance();
      requireSku(sku);
      if (!Number.isInteger(quantity) || quantity < 0) {
        throw new Error(`quantity must be a whole number of 0 or more, got ${describe(quantity)}`);
      }
      const line = cartLine(sku);
      if (!line) throw new Error(`'${sku}' is not in the widget cart; the agent adds it with addToCart first`);
      if (line.quantity === quantity) throw new Error(`'${sku}' already has quantity ${quantity} in the widget cart`);
      openIfClosed();
      return emitCartEvent(EVENTS.update, { sku, quantity, previousQuantity: line.quantity }, action);
    });
  }

  function removeFromCart(sku) { return setQuantity(sku, 0, 'remove'); }

  function openIfClosed() {
    // An agent acting on the cart means a call is on: the widget is open.
    if (state.mode === 'closed') state.mode = 'open';
    widget.render();
  }

  // ---- Checkout -----------------------------------------------------------------------------

  function resolveUrl(url) {
    try { return new URL(String(url), location.href).href; } catch (_) { return String(url); }
  }

  function settleCheckout(navigation, url) {
    if (!pendingCheckout) return;
    const checkout = pendingCheckout;
    pendingCheckout = null;
    clearTimer(checkout.timer);
    mark('navigate', checkout.entry.seq, `${navigation} ${url || ''}`.trim());
    checkout.entry.outcome = navigation;
    checkout.entry.value = url;
    checkout.entry.ms = Math.round(performance.now() - checkout.started);
    // A miniplayer's framing check decides the diagnostics; let it finish (it is bounded by fetch).
    const done = navigation === NAV.miniplayer ? framingCheck : Promise.resolve();
    done.then(() => notifySettled(checkout.entry))
      .then(() => checkout.resolve({ payload: clone(checkout.entry.payload), navigation, url }));
  }

  // The Checkout button's click: emits goto-checkout and watches where the handler goes.
  function onCheckoutClicked() {
    const payload = { cart: { items: state.widgetCart.map((line) => ({ sku: line.sku, name: line.name, count: line.quantity })) } };
    const entry = { seq: ++sequence, event: EVENTS.checkout, action: 'checkout', payload: clone(payload), outcome: null, value: null, callbackCalls: 0, ms: null };
    state.trace.push(entry);
    mark('emit', entry.seq, EVENTS.checkout);
    const result = new Promise((resolve) => {
      pendingCheckout = {
        entry,
        resolve,
        started: performance.now(),
        timer: setTimer(() => settleCheckout(NAV.none, null), state.options.checkoutSettleMs),
      };
    });
    for (const handler of state.handlers.get(EVENTS.checkout) || []) {
      try {
        const returned = handler(clone(payload));
        if (returned && typeof returned.then === 'function') {
          returned.then(undefined, (error) => {
            mark('threw', entry.seq, errorMessage(error));
            diagnose(DIAG.handlerThrew, `'${EVENTS.checkout}': handler returned a rejected promise: ${errorMessage(error)}`);
          });
        }
      } catch (error) {
        mark('threw', entry.seq, errorMessage(error));
        diagnose(DIAG.handlerThrew, `'${EVENTS.checkout}': handler threw: ${errorMessage(error)}`);
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
    const sameTab = target === '_self' || target === '_top' || target === '_parent';
    settleCheckout(sameTab ? NAV.sameTab : NAV.newTab, resolveUrl(url));
    return originalOpen.call(window, url, target, features);
  };

  // Same tab: a navigation of this document ends the call; the Navigation API reports it first.
  if (window.navigation && typeof window.navigation.addEventListener === 'function') {
    window.navigation.addEventListener('navigate', (event) => {
      if (!event.hashChange && event.destination) settleCheckout(NAV.sameTab, event.destination.url);
    });
  }
  window.addEventListener('beforeunload', () => settleCheckout(NAV.sameTab, null));

  function floatAbove(url) {
    if (url === undefined || url === null || String(url).trim() === '') {
      throw new Error('floatAbove(url): url is required (the page to show beneath the miniplayer)');
    }
    const absolute = resolveUrl(url);
    state.mode = 'miniplayer';
    state.floatAboveUrl = absolute;
    framingCheck = checkFraming(absolute);
    widget.render();
    settleCheckout(NAV.miniplayer, absolute);
  }

  // The miniplayer frames the merchant's own page; say why it would stay blank in the real widget.
  function checkFraming(url) {
    let target;
    try { target = new URL(url); } catch (_) { target = null; }
    if (!target || target.origin !== location.origin) {
      diagnose(DIAG.floatAboveCrossOrigin, `floatAbove('${url}'): the miniplayer needs a URL on this page's origin ${location.origin}`);
      return Promise.resolve();
    }
    // The fake's own request: through the recorder's untouched fetch, so it is never judged as the merchant's.
    const ownFetch = evidence && evidence.fetch ? evidence.fetch : fetch;
    return ownFetch(url, { credentials: 'same-origin' }).then((response) => {
      if (!response.ok) {
        diagnose(DIAG.floatAboveTargetError, `floatAbove('${url}'): the page answered HTTP ${response.status}; the shopper would see an error page beneath the miniplayer`);
      }
      const frameOptions = (response.headers.get('x-frame-options') || '').trim().toLowerCase();
      const policy = (response.headers.get('content-security-policy') || '').toLowerCase();
      const ancestors = /frame-ancestors\s+([^;]*)/.exec(policy);
      if (frameOptions === 'deny') {
        diagnose(DIAG.floatAboveFramingRefused, `floatAbove('${url}'): the page sends X-Frame-Options: DENY; use SAMEORIGIN`);
      } else if (ancestors && /'none'/.test(ancestors[1])) {
        diagnose(DIAG.floatAboveFramingRefused, `floatAbove('${url}'): the page sends CSP frame-ancestors 'none'; use 'self'`);
      }
    }, (error) => {
      diagnose(DIAG.floatAboveFramingRefused, `floatAbove('${url}'): the page could not be loaded: ${errorMessage(error)}`);
    });
  }

  // ---- The embed class handed to onBambuserOneToOneReady ---------------------------------

  class BambuserOneToOneEmbed {
    constructor(options) {
      if (!options || typeof options !== 'object' || typeof options.orgId !== 'string' || options.orgId.trim() === '') {
        throw new Error(`BambuserOneToOneEmbed: option 'orgId' is required (a non-empty string: the id in your BamHub URL), got ${describe(options && options.orgId)}`);
      }
      this.config = { ...options };
      state.instances.push(this);
      if (state.instances.length > 1) {
        diagnose(DIAG.multipleInstances, `instance #${state.instances.length} created (orgId '${options.orgId}'); the real widget would draw two widgets`);
      } else {
        state.orgId = options.orgId;
      }
      widget.mount();
      resolveReady();
    }

    on(event, handler) {
      if (typeof handler !== 'function') {
        throw new TypeError(`on('${event}', handler): handler must be a function, got ${describe(handler)}`);
      }
      if (!EVENTS.known.includes(event)) {
        diagnose(DIAG.unknownEvent, `on('${event}'): not an event the Calls Widget emits; it will never fire`);
      }
      if (!state.handlers.has(event)) state.handlers.set(event, []);
      state.handlers.get(event).push(handler);
      widget.render();
    }

    show() {
      if (state.mode === 'closed') state.mode = 'open';
      widget.render();
    }

    floatAbove(url) { floatAbove(url); }
  }

  // ---- Widget UI: shadow DOM, so the merchant's CSS cannot reach it ----------------------

  const widget = {
    host: null,
    parts: null,
    checkoutButton: null,
    onNextCheckout: null,

    mount() {
      if (this.host) return;
      if (!document.body) {
        document.addEventListener('DOMContentLoaded', () => this.mount(), { once: true });
        return;
      }
      this.host = document.createElement('bambuser-cart-widget');
      const root = this.host.attachShadow({ mode: 'open' });
      root.innerHTML = WIDGET_HTML;
      const $ = (selector) => root.querySelector(selector);
      this.parts = {
        widget: $('.widget'), launcher: $('.launcher'), message: $('.message'), cart: $('.cart'),
        empty: $('.empty'), surf: $('.surf'), products: $('.console select'), lines: $('.console .lines'),
      };
      this.checkoutButton = $('.checkout');
      this.checkoutButton.addEventListener('click', () => {
        const result = onCheckoutClicked();
        const notify = this.onNextCheckout;
        this.onNextCheckout = null;
        if (notify) notify(result);
      });
      this.parts.launcher.addEventListener('click', () => { state.mode = 'open'; this.render(); });
      $('.console .add').addEventListener('click', () => {
        const sku = this.parts.products.value;
        if (sku) addToCart(sku).catch((error) => console.error(error));
      });
      const hooks = window.bambuserSimulatorHooks;
      if (hooks && typeof hooks.stop === 'function') {
        // Recording: the person driving the console ends it here (Ctrl+C in the terminal also saves).
        const stop = $('.console .stop');
        stop.hidden = false;
        stop.addEventListener('click', () => { stop.disabled = true; hooks.stop(); });
      }
      this.renderProducts();
      document.body.appendChild(this.host);
      this.render();
    },

    renderProducts() {
      const select = this.parts.products;
      select.replaceChildren(...[...state.products.values()].map((product) => {
        const option = document.createElement('option');
        option.value = product.sku;
        option.textContent = `${product.name} (${product.sku})`;
        return option;
      }));
    },

    render() {
      if (!this.parts) return;
      const p = this.parts;
      p.widget.dataset.mode = state.mode;
      p.widget.hidden = state.mode === 'closed';
      p.launcher.hidden = state.mode !== 'closed';
      p.message.textContent = state.message ? state.message.text : '';
      p.message.dataset.kind = state.message ? state.message.kind : '';
      p.message.hidden = !state.message;
      p.cart.replaceChildren(...state.widgetCart.map((line) => {
        const item = document.createElement('li');
        item.textContent = `${line.name} × ${line.quantity}`;
        return item;
      }));
      p.empty.hidden = state.widgetCart.length > 0;
      this.checkoutButton.hidden = checkoutBlockers().length > 0;
      this.renderSurf();
      this.renderConsoleLines();
    },

    renderSurf() {
      const frame = this.parts.surf;
      frame.hidden = state.mode !== 'miniplayer';
      if (state.mode === 'miniplayer' && frame.getAttribute('src') !== state.floatAboveUrl) {
        frame.setAttribute('src', state.floatAboveUrl);
      }
    },

    renderConsoleLines() {
      this.parts.lines.replaceChildren(...state.widgetCart.map((line) => {
        const row = document.createElement('li');
        const label = document.createElement('span');
        label.textContent = `${line.name} × ${line.quantity}`;
        const button = (text, name, action) => {
          const b = document.createElement('button');
          b.type = 'button';
          b.textContent = text;
          b.setAttribute('aria-label', `${name} ${line.sku}`);
          b.addEventListener('click', () => action().catch((error) => console.error(error)));
          return b;
        };
        row.append(
          label,
          button('+', 'Increase', () => setQuantity(line.sku, line.quantity + 1)),
          button('−', 'Decrease', () => setQuantity(line.sku, line.quantity - 1)),
          button('Remove', 'Remove', () => removeFromCart(line.sku)),
        );
        return row;
      }));
    },
  };

  const WIDGET_HTML = `
<style>
  :host { all: initial; font: 14px/1.4 system-ui, sans-serif; color: #1d1d1f; }
  [hidden] { display: none !important; }
  .surf { position: fixed; inset: 0; width: 100vw; height: 100vh; border: 0; background: #fff; z-index: 2147482000; }
  .widget, .launcher, .console { position: fixed; z-index: 2147483000; background: #fff; border-radius: 12px;
    box-shadow: 0 6px 24px rgba(0,0,0,.25); }
  .widget { right: 16px; bottom: 16px; width: 320px; padding: 12px; }
  .widget[data-mode="miniplayer"] { width: 220px; font-size: 12px; }
  .widget[data-mode="miniplayer"] .video { height: 90px; }
  .launcher { right: 16px; bottom: 16px; padding: 10px 16px; border: 0; cursor: pointer; }
  .video { height: 160px; border-radius: 8px; background: linear-gradient(135deg, #2b2d42, #5c677d); color: #fff;
    display: flex; align-items: center; justify-content: center; }
  .message { margin: 8px 0; padding: 6px 8px; border-radius: 6px; background: #fdecea; color: #8a1c12; }
  .cart { margin: 8px 0; padding-left: 18px; }
  .empty { color: #666; }
  .checkout { width: 100%; padding: 8px; border: 0; border-radius: 8px; background: #111; color: #fff; cursor: pointer; }
  .console { left: 16px; bottom: 16px; width: 300px; padding: 12px; border: 2px dashed #7a5af8; }
  .console h2 { font-size: 13px; margin: 0 0 8px; }
  .console select { max-width: 100%; }
  .console .lines { padding-left: 0; list-style: none; }
  .console .lines button { margin-left: 4px; }
</style>
<iframe class="surf" title="Miniplayer page" hidden></iframe>
<button class="launcher" type="button" aria-label="Start video call">Video call</button>
<section class="widget" role="region" aria-label="Calls Widget" hidden>
  <div class="video" aria-hidden="true">Agent video</div>
  <p class="message" role="alert" hidden></p>
  <ul class="cart" role="list" aria-label="Widget cart"></ul>
  <p class="empty">The cart is empty.</p>
  <button class="checkout" type="button" hidden>Checkout</button>
</section>
<section class="console" role="region" aria-label="Agent console">
  <h2>Agent console (simulated remote agent)</h2>
  <label>Product <select aria-label="Product"></select></label>
  <button class="add" type="button">Add to cart</button>
  <ul class="lines" role="list" aria-label="Agent cart"></ul>
  <button class="stop" type="button" hidden>Stop recording</button>
</section>`;

  // ---- Scripting API (fixed: DESIGN.md §3.3) ----------------------------------------------

  function configure(options) {
    const settings = options || {};
    for (const key of ['callbackTimeoutMs', 'checkoutSettleMs']) {
      if (settings[key] === undefined) continue;
      if (!Number.isInteger(settings[key]) || settings[key] < 1) {
        throw new Error(`configure: ${key} must be a whole number of milliseconds (1 or more), got ${describe(settings[key])}`);
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

  window.bambuserSimulator = Object.freeze({
    ready,
    agent: Object.freeze({ addToCart, setQuantity: (sku, quantity) => setQuantity(sku, quantity), removeFromCart }),
    shopper: Object.freeze({ checkout }),
    state: snapshot,
    trace: () => clone(state.trace),
    configure,
    __diagnose: diagnose,
  });

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
  } else {
    diagnose(DIAG.readyHandlerMissing, 'window.onBambuserOneToOneReady was not defined when embed.js loaded; the real widget would never start');
  }
})();
