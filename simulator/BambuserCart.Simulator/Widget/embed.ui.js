// Part of the fake embed.js: the widget and agent console UI.
// FakeEmbedScript inserts it into embed.js's scope when the script is served: it shares that
// scope's state and helpers, and is not a script of its own.
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
      found: $('.console .found'), shown: $('.widget .shown'),
    };
    this.checkoutButton = $('.checkout');
    this.checkoutButton.addEventListener('click', () => {
      const result = onCheckoutClicked();
      const notify = this.onNextCheckout;
      this.onNextCheckout = null;
      if (notify) notify(result);
    });
    this.parts.launcher.addEventListener('click', () => { state.mode = MODES.open; this.render(); });
    // The shopper ends the call: the merchant hears `close`.
    $('.end').addEventListener('click', () => endCall('shopper-close'));
    $('.console .add').addEventListener('click', () => {
      const sku = this.parts.products.value;
      if (sku) addToCart(sku).catch((error) => console.error(error));
    });
    $('.console .lookup').addEventListener('submit', (event) => {
      event.preventDefault();
      const ref = $('.console .ref').value;
      if (ref.trim()) lookupProduct(ref).catch((error) => console.error(error));
    });
    const hooks = window.bambuserSimulatorHooks;
    if (hooks && typeof hooks.stop === 'function') {
      // Recording: the person driving the console ends it here (Ctrl+C in the terminal also saves).
      const stop = $('.console .stop');
      stop.hidden = false;
      // An action clicked just before is part of the recording: stop once it has settled.
      stop.addEventListener('click', () => { stop.disabled = true; agentQueue.then(() => hooks.stop()); });
    }
    this.renderProducts();
    document.body.appendChild(this.host);
    this.render();
  },

  // destroy(): the widget leaves the page.
  unmount() {
    if (this.host) this.host.remove();
    this.host = null;
    this.parts = null;
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
    p.widget.classList.toggle('floating', state.mode === MODES.miniplayer);
    p.widget.hidden = state.mode === MODES.closed;
    p.launcher.hidden = state.mode !== MODES.closed;
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
    this.renderLookup();
  },

  // The looked-up product: in the agent console (with its variations to add) and in the widget.
  // Everything the merchant sent is set as text, never as HTML.
  renderLookup() {
    const lookup = state.lastLookup;
    const { found, shown } = this.parts;
    found.hidden = !lookup;
    shown.hidden = !(lookup && lookup.product && lookup.outcome === LOOKUPS.hydrated);
    if (!lookup) return;
    const element = (tag, text) => {
      const node = document.createElement(tag);
      if (text !== undefined) node.textContent = text;
      return node;
    };
    const money = (price, currency) => (price && typeof price.current === 'number' ? `${price.current.toFixed(2)} ${currency || ''}`.trim() : '');
    if (lookup.outcome !== LOOKUPS.hydrated || !lookup.product) {
      const why = {
        [LOOKUPS.error]: `The merchant answered: ${lookup.message}`,
        [LOOKUPS.invalid]: `The merchant's product is incomplete: ${lookup.message}`,
        [LOOKUPS.timeout]: 'No answer from the merchant: the product lookup took too long.',
        [LOOKUPS.noHandler]: 'This shop does not answer product lookups.',
      }[lookup.outcome] || lookup.outcome;
      found.replaceChildren(element('h3', lookup.ref), element('p', why));
      return;
    }
    const product = lookup.product;
    const first = product.variations[0] || {};
    const image = element('img');
    image.setAttribute('alt', product.name || first.name || lookup.ref);
    if (first.imageUrls && first.imageUrls[0]) image.setAttribute('src', String(first.imageUrls[0]));
    const variations = element('ul');
    variations.setAttribute('aria-label', 'Variations');
    for (const variation of product.variations) {
      const row = element('li', `${variation.name} — ${money(variation.price, product.currency)} — ${variation.inStock ? 'In stock' : 'Sold out'} `);
      const add = element('button', `Add ${variation.sku}`);
      add.type = 'button';
      add.disabled = !variation.inStock;
      add.addEventListener('click', () => addToCart(variation.sku).catch((error) => console.error(error)));
      row.append(add);
      variations.append(row);
    }
    found.replaceChildren(element('h3', product.name || first.name || lookup.ref), image, element('p', money(first.price, product.currency)), variations);
    shown.replaceChildren(element('strong', product.name || first.name || lookup.ref), element('span', ` ${money(first.price, product.currency)}`));
  },

  renderSurf() {
    const frame = this.parts.surf;
    // floatAbove() without a URL floats the call above the page as it is: no frame.
    frame.hidden = state.mode !== MODES.miniplayer || !state.floatAboveUrl;
    if (!frame.hidden && frame.getAttribute('src') !== state.floatAboveUrl) {
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
.widget.floating { width: 220px; font-size: 12px; }
.widget.floating .video { height: 90px; }
.launcher { right: 16px; bottom: 16px; padding: 10px 16px; border: 0; cursor: pointer; }
.video { height: 160px; border-radius: 8px; background: linear-gradient(135deg, #2b2d42, #5c677d); color: #fff;
  display: flex; align-items: center; justify-content: center; }
.message { margin: 8px 0; padding: 6px 8px; border-radius: 6px; background: #fdecea; color: #8a1c12; }
.cart { margin: 8px 0; padding-left: 18px; }
.empty { color: #666; }
.checkout { width: 100%; padding: 8px; border: 0; border-radius: 8px; background: #111; color: #fff; cursor: pointer; }
.end { width: 100%; margin-top: 6px; padding: 6px; border: 1px solid #b3261e; border-radius: 8px; background: #fff; color: #b3261e; cursor: pointer; }
.console { left: 16px; bottom: 16px; width: 300px; padding: 12px; border: 2px dashed #7a5af8; }
.console h2 { font-size: 13px; margin: 0 0 8px; }
.console select { max-width: 100%; }
.console .lines { padding-left: 0; list-style: none; }
.console .lines button { margin-left: 4px; }
.console .found img { max-width: 96px; max-height: 96px; }
.console .found ul { padding-left: 16px; }
.shown { margin: 8px 0; padding: 6px 8px; border-radius: 6px; background: #f2f2f7; }
</style>
<iframe class="surf" title="Miniplayer page" data-bambuser-cart-frame="miniplayer-page" hidden></iframe>
<button class="launcher" type="button" aria-label="Start video call">Video call</button>
<section class="widget" role="region" aria-label="Calls Widget" hidden>
<div class="video" aria-hidden="true">Agent video</div>
<p class="message" role="alert" hidden></p>
<section class="shown" role="region" aria-label="Product in the call" hidden></section>
<ul class="cart" role="list" aria-label="Widget cart"></ul>
<p class="empty">The cart is empty.</p>
<button class="checkout" type="button" hidden>Checkout</button>
<button class="end" type="button">End call</button>
</section>
<section class="console" role="region" aria-label="Agent console">
<h2>Agent console (simulated remote agent)</h2>
<label>Product <select aria-label="Product"></select></label>
<button class="add" type="button">Add to cart</button>
<form class="lookup"><label>Look up <input class="ref" aria-label="SKU or product URL" placeholder="SKU or product URL"></label> <button type="submit">Look up</button></form>
<section class="found" role="region" aria-label="Looked-up product" hidden></section>
<ul class="lines" role="list" aria-label="Agent cart"></ul>
<button class="stop" type="button" hidden>Stop recording</button>
</section>`;
