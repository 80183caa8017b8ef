// Part of the fake embed.js: product hydration (provide-product-data and updateProduct).
// FakeEmbedScript inserts it into embed.js's scope when the script is served: it shares that
// scope's state and helpers, and is not a script of its own.
//
// The agent looks a product up by SKU or by product URL; the widget emits provide-product-data
// { products: [{ ref, type, id }] }; the merchant answers updateProduct(id, factory => chain) with
// the documented builder chain. A lookup ends as `hydrated` (every mandatory field there),
// `invalid` (one missing: the diagnostic names it), `error` (the factory or the handler threw:
// its message is what the agent sees), `timeout` or `no-handler`. Hydrated names then name the
// widget cart's lines and the goto-checkout payload.

const LOOKUPS = CONTRACT.lookupOutcomes;
const LOOKUP_TYPES = CONTRACT.lookupTypes;

// Lookups waiting for updateProduct, by the id the merchant must echo.
const pendingLookups = new Map();
const answeredLookups = new Set();
let lookupSequence = 0;
// The API object a builder hands out → the data it collects.
const builderData = new WeakMap();

function lookupProduct(ref) {
  return enqueueAgentAction(() => {
    requireInstance();
    if (typeof ref !== 'string' || ref.trim() === '') {
      throw new Error(`lookupProduct: a SKU or a product URL is expected, got ${describe(ref)}`);
    }
    openIfClosed();
    const text = ref.trim();
    const type = /^(https?:)?\/\//i.test(text) || text.startsWith('/') ? LOOKUP_TYPES.url : LOOKUP_TYPES.productReference;
    const value = type === LOOKUP_TYPES.url ? resolveUrl(text) : text;
    const id = `bambuser-cart-lookup-${++lookupSequence}`;
    const payload = { products: [{ ref: value, type, id }] };
    const entry = { seq: ++sequence, event: EVENTS.productData, action: 'lookupProduct', payload: clone(payload), outcome: null, value: null, callbackCalls: 0, ms: null };
    state.trace.push(entry);
    mark('emit', entry.seq, EVENTS.productData);
    const started = performance.now();

    return new Promise((resolve) => {
      const lookup = { id, ref: value, entry, stopTimeout: () => {}, settled: false };
      lookup.finish = (outcome, product, message) => {
        if (lookup.settled) return;
        lookup.settled = true;
        lookup.stopTimeout();
        pendingLookups.delete(id);
        answeredLookups.add(id);
        entry.outcome = outcome;
        entry.value = product ? jsonSafe(product) : message == null ? null : String(message);
        entry.ms = Math.round(performance.now() - started);
        if (outcome === LOOKUPS.hydrated) learnNames(product);
        state.lastLookup = { ref: value, outcome, product: product ? jsonSafe(product) : null, message: message == null ? null : String(message) };
        widget.render();
        notifySettled(entry).then(() => resolve({ seq: entry.seq, event: entry.event, payload: clone(payload), ...clone(state.lastLookup), ms: entry.ms }));
      };
      pendingLookups.set(id, lookup);

      if (handlersOf(EVENTS.productData).length === 0) {
        diagnose(DIAG.noHandler, `'${EVENTS.productData}' was emitted but no handler is registered for it: the agent cannot see '${value}'`);
        lookup.finish(LOOKUPS.noHandler, null, null);
        return;
      }

      lookup.stopTimeout = startCallbackTimeout(entry.seq, started, (within) => {
        mark('timeout', entry.seq, state.options.callbackTimeoutMs);
        diagnose(DIAG.callbackTimeout, `'${EVENTS.productData}' #${entry.seq}: no updateProduct('${id}') ${within}`);
        lookup.finish(LOOKUPS.timeout, null, null);
      });

      // A handler that throws never answers: the agent sees its message, as with a throwing factory.
      const threw = (error, how) => {
        mark('threw', entry.seq, errorMessage(error));
        diagnose(DIAG.handlerThrew, `'${EVENTS.productData}' #${entry.seq}: handler ${how}: ${errorMessage(error)}`);
        lookup.finish(LOOKUPS.error, null, error instanceof Error ? error.message : String(error));
      };
      for (const result of owner().events.emit(EVENTS.productData, payload) || []) {
        if (result.error !== undefined) {
          threw(result.error, 'threw');
        } else if (result.returned && typeof result.returned.then === 'function') {
          result.returned.then(undefined, (error) => threw(error, 'returned a rejected promise'));
        }
      }
    });
  });
}

// updateProduct(id, factory): builds the product and settles the lookup it answers.
function answerLookup(id, factory) {
  const lookup = pendingLookups.get(id);
  if (!lookup) {
    if (answeredLookups.has(id)) {
      diagnose(DIAG.productAnsweredTwice, `updateProduct('${id}'): that lookup was already answered; the first answer counts`);
    } else {
      diagnose(DIAG.unknownLookupId, `updateProduct(${describe(id)}): no product lookup with that id is waiting; echo the id of the provide-product-data entry`);
    }
    return;
  }
  lookup.entry.callbackCalls += 1;
  mark('answer', lookup.entry.seq, 'updateProduct');
  if (typeof factory !== 'function') {
    invalid('updateProduct', `the second argument must be a function (productFactory) => chain, got ${describe(factory)}`);
    lookup.finish(LOOKUPS.invalid, null, 'no product factory');
    return;
  }
  const builder = productBuilder(`updateProduct('${id}')`);
  try {
    factory(builder.factory);
  } catch (error) {
    // The documented way to say "we don't sell that": the message is what the agent sees.
    lookup.finish(LOOKUPS.error, null, error instanceof Error ? error.message : String(error));
    return;
  }
  const { product, missing } = builder.result();
  if (missing.length > 0) {
    diagnose(DIAG.productFieldMissing, `updateProduct('${id}') for '${lookup.ref}': missing ${missing.join(', ')}`);
    lookup.finish(LOOKUPS.invalid, product, `missing ${missing.join(', ')}`);
    return;
  }
  lookup.finish(LOOKUPS.hydrated, product, null);
}

// Hydrated variations name the widget cart's lines (and the goto-checkout payload), and a
// variation the merchant says is out of stock cannot be added by the agent.
function learnNames(product) {
  for (const variation of product.variations) {
    const name = product.name && !variation.name.includes(product.name) ? `${product.name}, ${variation.name}` : variation.name;
    state.products.set(variation.sku, { sku: variation.sku, name, inStock: variation.inStock, hydrated: true });
  }
  if (widget.parts) widget.renderProducts();
}

function soldOut(sku) {
  const product = state.products.get(sku);
  return Boolean(product && product.hydrated && product.inStock === false);
}

// ---- The documented builder chain ----------------------------------------------------------

// A fluent builder: each documented method records its argument and returns the builder; any
// other method is noted (unknown-product-field) and ignored, rather than throwing mid-answer.
function fluent(methods, path, note) {
  const api = new Proxy({}, {
    get(_, name) {
      if (typeof name !== 'string' || name === 'then') return undefined;
      if (Object.prototype.hasOwnProperty.call(methods, name)) {
        return (...args) => { methods[name](...args); return api; };
      }
      return () => { note(`${path}.${name}`); return api; };
    },
  });
  return api;
}

// Calls a sub-factory (`variations(variation => [...])`) and reads back what its builders collected.
function buildList(fn, creator, path, note) {
  if (typeof fn !== 'function') {
    note(`${path} (expects a function)`);
    return undefined;
  }
  const built = fn(creator);
  if (!Array.isArray(built)) {
    note(`${path} (its function must return an array)`);
    return undefined;
  }
  return built.map((item) => (builderData.has(item) ? builderData.get(item) : item));
}

function builderOf(data, methods, path, note) {
  const api = fluent(methods, path, note);
  builderData.set(api, data);
  return api;
}

function setter(data, field) {
  return (value) => { data[field] = value; };
}

function priceBuilder(data, note) {
  return builderOf(data, { current: setter(data, 'current'), original: setter(data, 'original'), currency: setter(data, 'currency') }, 'price', note);
}

function variationBuilder(note) {
  const data = {};
  const methods = {};
  for (const field of ['name', 'subtitle', 'sku', 'inStock', 'imageUrls', 'url', 'brandName']) methods[field] = setter(data, field);
  methods.price = (fn) => {
    data.price = {};
    if (typeof fn === 'function') fn(priceBuilder(data.price, note));
  };
  methods.attributes = (fn) => { data.attributes = buildList(fn, (attribute, option) => ({ attribute, option }), 'variation.attributes', note); };
  methods.comparableAttributes = (fn) => {
    data.comparableAttributes = buildList(fn, (id, value) => {
      const item = { id, value };
      return builderOf(item, { name: setter(item, 'name') }, 'comparableAttribute', note);
    }, 'variation.comparableAttributes', note);
  };
  methods.relatedProducts = (fn) => {
    data.relatedProducts = buildList(fn, () => {
      const item = {};
      return builderOf(item, {
        title: setter(item, 'title'),
        sku: setter(item, 'sku'),
        imageUrl: setter(item, 'imageUrl'),
        price: (priceFn) => { item.price = {}; if (typeof priceFn === 'function') priceFn(priceBuilder(item.price, note)); },
      }, 'relatedProduct', note);
    }, 'variation.relatedProducts', note);
  };
  methods.details = (fn) => { data.details = buildList(fn, (type, content) => ({ type, content }), 'variation.details', note); };
  methods.rating = (fn) => {
    data.rating = {};
    if (typeof fn === 'function') {
      fn(builderOf(data.rating, { maxValue: setter(data.rating, 'maxValue'), rating: setter(data.rating, 'rating'), numberOfRatings: setter(data.rating, 'numberOfRatings') }, 'rating', note));
    }
  };
  return builderOf(data, methods, 'variation', note);
}

function attributeBuilder(id, note) {
  const data = { id, name: id, options: [] };
  return builderOf(data, {
    name: setter(data, 'name'),
    options: (fn) => {
      data.options = buildList(fn, (optionId) => {
        const option = { id: optionId, name: optionId };
        return builderOf(option, { name: setter(option, 'name') }, 'option', note);
      }, 'attribute.options', note) || [];
    },
  }, 'attribute', note);
}

function productBuilder(context) {
  const noted = new Set();
  const note = (field) => {
    if (noted.has(field)) return;
    noted.add(field);
    diagnose(DIAG.unknownProductField, `${context}: ${field} is not part of the documented product builder; it is ignored`);
  };
  const data = {};
  const detail = {};
  const detailMethods = {};
  for (const field of ['name', 'sku', 'defaultVariationIndex', 'description', 'url', 'brandName']) detailMethods[field] = setter(detail, field);
  detailMethods.attributes = (fn) => { detail.attributes = buildList(fn, (id) => attributeBuilder(id, note), 'product.attributes', note); };
  detailMethods.variations = (fn) => { detail.variations = buildList(fn, () => variationBuilder(note), 'product.variations', note); };
  const factory = fluent({
    currency: setter(data, 'currency'),
    locale: setter(data, 'locale'),
    product: (fn) => {
      data.product = detail;
      if (typeof fn === 'function') fn(fluent(detailMethods, 'product', note));
    },
  }, 'productFactory', note);
  return { factory, result: () => checkProduct(data) };
}

// The product as the widget keeps it, and the mandatory fields it lacks (Bambuser's boilerplate
// marks them M): currency, locale, product description, attributes and variations; each
// variation's name, sku, imageUrls and current price; attributes on every variation of several.
function checkProduct(data) {
  const missing = [];
  const text = (value) => typeof value === 'string' && value.trim() !== '';
  if (!text(data.currency)) missing.push('currency');
  if (!text(data.locale)) missing.push('locale');
  const detail = data.product;
  if (!detail) {
    missing.push('product');
    return { product: null, missing };
  }
  if (!text(detail.description)) missing.push('product.description');
  if (!Array.isArray(detail.attributes)) missing.push('product.attributes');
  const variations = Array.isArray(detail.variations) ? detail.variations : [];
  if (variations.length === 0) missing.push('product.variations');
  variations.forEach((variation, i) => {
    if (!variation || typeof variation !== 'object') {
      missing.push(`product.variations[${i}] (not a variation() builder)`);
      return;
    }
    if (!text(variation.name)) missing.push(`variations[${i}].name`);
    if (!text(variation.sku)) missing.push(`variations[${i}].sku`);
    if (!Array.isArray(variation.imageUrls) || variation.imageUrls.length === 0) missing.push(`variations[${i}].imageUrls`);
    if (!variation.price || typeof variation.price.current !== 'number' || !Number.isFinite(variation.price.current)) missing.push(`variations[${i}].price.current`);
    if (variations.length > 1 && !Array.isArray(variation.attributes)) missing.push(`variations[${i}].attributes (needed with more than one variation)`);
  });
  const product = jsonSafe({
    currency: data.currency,
    locale: data.locale,
    name: detail.name,
    sku: detail.sku,
    description: detail.description,
    url: detail.url,
    defaultVariationIndex: detail.defaultVariationIndex,
    attributes: detail.attributes || [],
    variations: variations.filter((v) => v && typeof v === 'object').map((v) => ({
      name: v.name,
      subtitle: v.subtitle,
      sku: v.sku,
      inStock: v.inStock !== false,
      imageUrls: v.imageUrls || [],
      price: v.price ? { current: v.price.current, original: v.price.original } : null,
      attributes: v.attributes,
      url: v.url,
    })),
  });
  return { product, missing };
}
