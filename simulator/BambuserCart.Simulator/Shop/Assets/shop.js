// The sample shop's own UI: a cart badge and mini cart that follow the native cart.
// The cart integration announces every change with a 'native-cart:changed' event.
(function () {
  'use strict';

  function render(cart) {
    const items = (cart && cart.items) || [];
    document.querySelector('.badge').textContent = String(items.reduce((sum, line) => sum + line.quantity, 0));
    document.querySelector('.mini-cart').replaceChildren(...items.map((line) => {
      const item = document.createElement('li');
      item.textContent = `${line.name} × ${line.quantity}`;
      item.dataset.sku = line.sku;
      return item;
    }));
  }

  document.addEventListener('native-cart:changed', (event) => render(event.detail));
  fetch('/cart', { credentials: 'same-origin' }).then((response) => response.json()).then(render);
})();
