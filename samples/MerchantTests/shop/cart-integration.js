// A merchant's Calls Widget cart integration: the agent's cart changes go to the shop's cart API,
// and the widget hears back only once the shop has answered.
window.onBambuserOneToOneReady = function (BambuserOneToOneEmbed) {
  const embed = new BambuserOneToOneEmbed({ orgId: 'my-shop', triggers: ['smart'] });

  async function cart(path, body) {
    const response = await fetch(path, { method: 'POST', body: JSON.stringify(body) });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(data.error || `HTTP ${response.status}`);
  }

  const answer = (callback) => (error) =>
    callback(error.message === 'out-of-stock' ? { success: false, reason: 'out-of-stock' } : false);

  embed.on('should-add-item-to-cart', (item, callback) => {
    cart('/cart/add', { sku: item.sku, quantity: 1 }).then(() => callback(true), answer(callback));
  });

  embed.on('should-update-item-in-cart', (item, callback) => {
    const change = item.quantity > 0
      ? cart('/cart/update', { sku: item.sku, quantity: item.quantity })
      : cart('/cart/remove', { sku: item.sku });
    change.then(() => callback(true), answer(callback));
  });

  embed.on('goto-checkout', () => embed.floatAbove(new URL('/checkout', location.href).href));
};
