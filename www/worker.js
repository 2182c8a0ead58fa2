// The processing worker's loader: a classic worker script (no inline code anywhere, so the
// page's Content-Security-Policy holds). It loads the wasm-bindgen output of the gouji-worker
// binary, which Trunk writes next to this file (unhashed: workers name their files at run time).
// If the code cannot load, it tells the page instead of failing silently; the page then says so.
/* global wasm_bindgen, importScripts */
const fail = (error) => {
  self.postMessage({ json: JSON.stringify({ type: 'fatal', message: `load: ${error}` }) });
};

try {
  importScripts('./gouji-worker.js');
  wasm_bindgen({ module_or_path: './gouji-worker_bg.wasm' }).catch(fail);
} catch (error) {
  fail(error);
}
