// Part of the fake embed.js: the BambuserOneToOneEmbed class handed to onBambuserOneToOneReady.
// FakeEmbedScript inserts it into embed.js's scope when the script is served: it shares that
// scope's state and helpers, and is not a script of its own.
//
// Every public method of the instance that Bambuser's docs, boilerplate or Android wrapper show
// exists here, does what they say where they say it, and is recorded in state().calls, so a test
// (or validate) can see that it was called. Each instance keeps its own handlers, as each real
// instance draws its own widget; the simulator has one widget, and it belongs to the first
// instance (a second one is the diagnostic multiple-instances).

const CUSTOMER_EVENTS = Object.freeze({ ADDED_TO_CART: 'ADDED_TO_CART' });
const ELEMENT_IDS = ['drop-in-card', 'book-meeting-card'];
const MAX_TRACKING_TAGS = 20;
const MAX_TAG_VALUE = 1024;

// The instance whose widget the shopper and agent use: the first one not destroyed.
function owner() {
  return state.instances.find((instance) => !instance.destroyed) || null;
}

function handlersOf(event) {
  const instance = owner();
  return instance ? instance.handlers.get(event) || [] : [];
}

// The record of a method call: what tests and validate read in state().calls.
function recordCall(instance, method, args) {
  state.calls.push({ method, instance: state.instances.indexOf(instance) + 1, args: jsonSafe(args) });
}

function invalid(method, problem) {
  diagnose(DIAG.invalidArgument, `${method}: ${problem}`);
}

// Calls every handler of `name` on `instance` with `payload` and, for events that are answered,
// a callback of its own (so an answer can be traced to the handler that gave it). What each
// handler returned or threw is handed back for the caller to judge.
function dispatch(instance, name, payload, callback) {
  return (instance.handlers.get(name) || []).map((handler, index) => {
    try {
      const returned = typeof callback === 'function'
        ? handler(clone(payload), (value) => callback(value, index))
        : handler(payload === undefined ? undefined : clone(payload));
      return { index, returned };
    } catch (error) {
      return { index, error };
    }
  });
}

// Emits an event that is not answered (close, queue status) to the widget's instance, traced.
function emitNotification(event, payload, action) {
  const instance = owner();
  const entry = { seq: ++sequence, event, action, payload: payload === undefined ? null : clone(payload), outcome: null, value: null, callbackCalls: 0, ms: 0 };
  state.trace.push(entry);
  mark('emit', entry.seq, event);
  const results = instance ? instance.events.emit(event, payload) : [];
  for (const result of results || []) {
    if (result && result.error !== undefined) {
      mark('threw', entry.seq, errorMessage(result.error));
      diagnose(DIAG.handlerThrew, `'${event}' #${entry.seq}: handler #${result.index + 1} threw: ${errorMessage(result.error)}`);
    }
  }
  return { seq: entry.seq, event, payload: entry.payload, handlers: (results || []).length };
}

function requireLive(instance, method) {
  if (instance.destroyed) {
    diagnose(DIAG.instanceDestroyed, `${method}() on an instance that was destroyed; the widget is gone`);
    return false;
  }
  return true;
}

class BambuserOneToOneEmbed {
  constructor(options) {
    if (!options || typeof options !== 'object' || typeof options.orgId !== 'string' || options.orgId.trim() === '') {
      throw new Error(`BambuserOneToOneEmbed: option 'orgId' is required (a non-empty string: the id in your BamHub URL), got ${describe(options && options.orgId)}`);
    }
    this.config = { ...options };
    this.handlers = new Map();
    this.destroyed = false;
    // Bambuser's own wrapper patches events.emit to see every event; every emission goes through it.
    this.events = { emit: (name, payload, callback) => dispatch(this, name, payload, callback) };
    state.instances.push(this);
    if (state.instances.length > 1) {
      diagnose(DIAG.multipleInstances, `instance #${state.instances.length} created (orgId '${options.orgId}'); the real widget would draw two widgets, and the simulator's belongs to the first`);
    } else {
      // The widget starts with its first instance: handlers are given their time from here.
      state.startedAt = performance.now();
      state.orgId = options.orgId;
      state.queue.name = typeof options.queue === 'string' ? options.queue : null;
    }
    widget.mount();
    resolveReady();
  }

  on(event, handler) {
    if (typeof handler !== 'function') {
      throw new TypeError(`on('${event}', handler): handler must be a function, got ${describe(handler)}`);
    }
    if (EVENTS.unverified.includes(event)) {
      diagnose(DIAG.unverifiedEvent, `on('${event}'): Bambuser documents no such event (its own wrapper only guesses call-lifecycle names); it may never fire`);
    } else if (!EVENTS.known.includes(event)) {
      diagnose(DIAG.unknownEvent, `on('${event}'): not an event the Calls Widget emits; it will never fire${closestName(event, EVENTS.known)}`);
    }
    if (!this.handlers.has(event)) this.handlers.set(event, []);
    this.handlers.get(event).push(handler);
    widget.render();
  }

  show() {
    recordCall(this, 'show', []);
    if (!requireLive(this, 'show')) return;
    // From the miniplayer, the call comes back to full size.
    if (state.mode !== MODES.open) state.mode = MODES.open;
    widget.render();
  }

  floatAbove(url) {
    recordCall(this, 'floatAbove', [url]);
    if (!requireLive(this, 'floatAbove')) return;
    floatAbove(url);
  }

  updateProduct(id, factory) {
    recordCall(this, 'updateProduct', [id]);
    if (!requireLive(this, 'updateProduct')) return;
    answerLookup(id, factory);
  }

  // Customer data for the agent: the argument, or the `data` option (called again when a function).
  updateData(data) {
    recordCall(this, 'updateData', arguments.length > 0 ? [data] : []);
    if (!requireLive(this, 'updateData')) return undefined;
    const source = arguments.length > 0 ? data : this.config.data;
    const resolved = typeof source === 'function' ? source() : source;
    return Promise.resolve(resolved).then((value) => {
      if (value !== undefined && (value === null || typeof value !== 'object')) {
        invalid('updateData', `customer data must be an object, got ${describe(value)}`);
        return;
      }
      state.customerData = jsonSafe(value);
    }, (error) => invalid('updateData', `the data function failed: ${errorMessage(error)}`));
  }

  setQueue(queue) {
    recordCall(this, 'setQueue', [queue]);
    if (typeof queue !== 'string' || queue.trim() === '') {
      invalid('setQueue', `a queue name or id (a non-empty string) is expected, got ${describe(queue)}`);
      return;
    }
    state.queue.name = queue;
  }

  setTrackingTags(tags) {
    recordCall(this, 'setTrackingTags', [tags]);
    if (!Array.isArray(tags)) {
      invalid('setTrackingTags', `an array of { key, value } is expected, got ${describe(tags)}`);
      return;
    }
    const byKey = new Map();
    tags.forEach((tag, index) => {
      if (!tag || typeof tag.key !== 'string' || typeof tag.value !== 'string') {
        invalid('setTrackingTags', `tag [${index}] must be { key: string, value: string }, got ${describe(tag)}`);
      } else if (tag.value.length > MAX_TAG_VALUE) {
        invalid('setTrackingTags', `tag '${tag.key}': a value may be at most ${MAX_TAG_VALUE} characters, got ${tag.value.length}`);
      } else {
        // A repeated key: the last one wins.
        byKey.set(tag.key, tag.value);
      }
    });
    if (byKey.size > MAX_TRACKING_TAGS) {
      invalid('setTrackingTags', `at most ${MAX_TRACKING_TAGS} tags per session, got ${byKey.size}; the first ${MAX_TRACKING_TAGS} are kept`);
    }
    state.trackingTags = [...byKey].slice(0, MAX_TRACKING_TAGS).map(([key, value]) => ({ key, value }));
  }

  areQueuesOpen() {
    recordCall(this, 'areQueuesOpen', []);
    const queue = state.queue;
    return Promise.resolve(queue.isOpen
      ? { isOpen: true, nextCloseTime: queue.nextCloseTime }
      : { isOpen: false, nextOpenTime: queue.nextOpenTime });
  }

  getNumberOfOnlineAgents(queue) {
    recordCall(this, 'getNumberOfOnlineAgents', queue === undefined ? [] : [queue]);
    return Promise.resolve({ numberOfAgentsOnline: state.queue.agentsOnline, ...(queue === undefined ? {} : { queueId: queue }) });
  }

  getEstimatedWaitingTime(queue) {
    recordCall(this, 'getEstimatedWaitingTime', queue === undefined ? [] : [queue]);
    return Promise.resolve({ ...state.queue.waitingTime, ...(queue === undefined ? {} : { queueId: queue }) });
  }

  updateElement(elementId, elementState) {
    recordCall(this, 'updateElement', [elementId, elementState]);
    if (!ELEMENT_IDS.includes(elementId)) {
      invalid('updateElement', `element id must be one of ${ELEMENT_IDS.join(', ')}, got ${describe(elementId)}`);
      return;
    }
    if (elementState === null) {
      delete state.elements[elementId];
    } else if (typeof elementState !== 'object') {
      invalid('updateElement', `state must be { disableCTA?, content?: { title?, subtitle?, buttonText? } } or null, got ${describe(elementState)}`);
    } else {
      state.elements[elementId] = jsonSafe(elementState);
    }
  }

  notifyProductNavigation(product) {
    recordCall(this, 'notifyProductNavigation', [product]);
    if (!product || typeof product.externalId !== 'string' || product.externalId === '') {
      invalid('notifyProductNavigation', `{ externalId } is expected, got ${describe(product)}`);
    }
  }

  notifyCustomerEvent(type, payload) {
    recordCall(this, 'notifyCustomerEvent', [type, payload]);
    if (!Object.values(CUSTOMER_EVENTS).includes(type)) {
      invalid('notifyCustomerEvent', `type must be one of BambuserOneToOneEmbed.CUSTOMER_EVENTS (${Object.keys(CUSTOMER_EVENTS).join(', ')}), got ${describe(type)}`);
    } else if (!payload || typeof payload.name !== 'string' || payload.name === '') {
      // The real embed rejects customer events without a name.
      invalid('notifyCustomerEvent', `'${type}' needs a payload with a name ({ sku, name, price, currency, quantity }), got ${describe(payload)}; the event is rejected`);
    }
  }

  // Tears the instance down: its widget goes, and the agent cannot act through it any more.
  destroy() {
    recordCall(this, 'destroy', []);
    if (this.destroyed) return;
    const wasOwner = owner() === this;
    this.destroyed = true;
    if (wasOwner) {
      state.mode = MODES.closed;
      widget.unmount();
    }
  }

  // Not in Bambuser's docs (its wrapper never calls it; closing is the shopper's, in the widget):
  // kept so the rest of an integration runs, and flagged.
  close() {
    // The method shares the `close` event's name (a contract name, so read from CONTRACT).
    recordCall(this, EVENTS.close, []);
    diagnose(DIAG.undocumentedMethod, 'close(): Bambuser documents no close() on the embed instance (the shopper closes the widget); the real widget may not have it');
    endCall('instance-close');
  }
}

BambuserOneToOneEmbed.CUSTOMER_EVENTS = CUSTOMER_EVENTS;

// The shopper closes the widget: the call ends and the merchant hears `close`.
function endCall(action) {
  if (state.mode === MODES.closed) return null;
  state.mode = MODES.closed;
  state.floatAboveUrl = null;
  state.floatAboveFraming = null;
  widget.render();
  return emitNotification(EVENTS.close, undefined, action);
}

// "; did you mean goto-checkout?" for a typo of a documented name.
function closestName(name, names) {
  const distance = (a, b) => {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      let previous = row[0];
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const current = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = current;
      }
    }
    return row[b.length];
  };
  const text = String(name);
  const best = names.map((known) => ({ known, d: distance(text, known) })).sort((x, y) => x.d - y.d)[0];
  return best && best.d <= Math.max(1, Math.floor(text.length / 4)) ? `; did you mean '${best.known}'?` : '';
}
