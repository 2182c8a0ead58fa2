// Starts the gouji web app without any inline script, so the page's Content-Security-Policy
// needs neither 'unsafe-inline' nor a hash. Trunk replaces <link data-trunk rel="rust"> with
// <meta name="gouji-wasm" data-js=… data-wasm=…> (Trunk.toml, pattern_script); the paths are
// relative to the page, so the app works under any sub-path.

const showFailure = (error) => {
  const message = document.getElementById('boot-message');
  if (message) {
    message.textContent =
      '页面未能加载，请使用最新版的 Chrome、Edge、Firefox 或 Safari 并刷新。' +
      ' The page failed to load: use a current Chrome, Edge, Firefox or Safari and reload.';
    message.classList.add('boot__message--error');
  }
  console.error('gouji failed to start:', error);
};

const start = async () => {
  const meta = document.querySelector('meta[name="gouji-wasm"]');
  if (!meta) throw new Error('missing <meta name="gouji-wasm">');
  const base = document.baseURI;
  const js = new URL(meta.dataset.js, base).href;
  const wasm = new URL(meta.dataset.wasm, base).href;
  const bindings = await import(js);
  await bindings.default({ module_or_path: wasm });
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: bindings } }));
};

start().catch(showFailure);
