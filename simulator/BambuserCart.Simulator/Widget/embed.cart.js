// Part of the fake embed.js: cart events, callback semantics and the agent's cart actions.
// FakeEmbedScript inserts it into embed.js's scope when the script is served: it shares that
// scope's state and helpers, and is not a script of its own.
// ---- Callback semantics (docs/fake-widget.md, "Callback outcomes") ------------------------

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

// Emits one cart event to every handler of the widget's instance and settles on the first
// answer. Each handler gets a callback of its own, so an extra answer names who gave it: the
// same handler answering twice (callback-called-twice) or another handler answering as well
// (answered-by-several-handlers). `action` is what the agent did (add, setQuantity, remove): a
// re-add and a quantity change emit the same event, and a recording must replay the one that happened.
function emitCartEvent(event, payload, action) {
  const instance = owner();
  const handlers = handlersOf(event);
  const entry = { seq: ++sequence, event, action, payload: clone(payload), outcome: null, value: null, callbackCalls: 0, ms: null };
  state.trace.push(entry);
  const started = performance.now();
  mark('emit', entry.seq, event);

  return new Promise((resolve) => {
    let settled = false;
    let stopTimeout = () => {};
    let answeredBy = null;
    const callsByHandler = new Map();
    const finish = (outcome, value) => {
      if (settled) return;
      settled = true;
      stopTimeout();
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
    stopTimeout = startCallbackTimeout(entry.seq, started, (within) => {
      mark('timeout', entry.seq, timeoutMs);
      diagnose(DIAG.callbackTimeout, `'${event}' #${entry.seq}: no callback ${within}`);
      finish(OUTCOMES.timeout, undefined);
    });

    const who = (index) => (handlers.length > 1 ? `handler #${index + 1}` : 'the handler');
    const callback = (value, index) => {
      entry.callbackCalls += 1;
      const calls = (callsByHandler.get(index) || 0) + 1;
      callsByHandler.set(index, calls);
      mark('answer', entry.seq, describe(value));
      if (calls > 1) {
        diagnose(DIAG.callbackCalledTwice, `'${event}' #${entry.seq}: ${who(index)} called its callback ${calls} times; ignored ${describe(value)}, the first call counts`);
        return;
      }
      if (answeredBy !== null) {
        diagnose(DIAG.answeredBySeveralHandlers, `'${event}' #${entry.seq}: handler #${index + 1} also answered ${describe(value)}; the first answer, from handler #${answeredBy + 1}, counts (${handlers.length} handlers are registered for this event)`);
        return;
      }
      if (settled) {
        diagnose(DIAG.callbackAfterTimeout, `'${event}' #${entry.seq}: callback(${describe(value)}) came after the ${timeoutMs} ms timeout and was ignored`);
        return;
      }
      answeredBy = index;
      const outcome = classify(value);
      if (outcome === OUTCOMES.invalid) {
        diagnose(DIAG.invalidCallbackValue, `'${event}' #${entry.seq}: callback(${describe(value)}); expected true, false or {success:false, reason:'${CONTRACT.outOfStockReason}'}`);
      }
      finish(outcome, value);
    };

    const threw = (error, how, index) => {
      mark('threw', entry.seq, errorMessage(error));
      diagnose(DIAG.handlerThrew, `'${event}' #${entry.seq}: ${who(index)} ${how}: ${errorMessage(error)}`);
      if (entry.callbackCalls === 0) finish(OUTCOMES.threw, undefined);
    };

    for (const result of instance.events.emit(event, payload, callback) || []) {
      if (result.error !== undefined) {
        threw(result.error, 'threw', result.index);
      } else if (result.returned && typeof result.returned.then === 'function') {
        result.returned.then(undefined, (error) => threw(error, 'returned a rejected promise', result.index));
      }
    }
  });
}

// ---- Agent actions ------------------------------------------------------------------------

function requireInstance() {
  if (state.instances.length === 0) {
    throw new Error('No BambuserOneToOneEmbed instance exists yet: the page has not created the widget (is window.onBambuserOneToOneReady defined before embed.js loads?)');
  }
  if (!owner()) {
    throw new Error('The widget was destroyed (destroy() was called on the embed instance): there is no call to act in');
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
    if (soldOut(sku)) {
      throw new Error(`'${sku}' is sold out in the product the merchant hydrated (inStock(false)): the agent tool does not let the agent add it`);
    }
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
  if (state.mode === MODES.closed) state.mode = MODES.open;
  widget.render();
}
