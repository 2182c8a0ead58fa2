// The processing worker's loader: a classic worker script (no inline code anywhere, so the
// page's Content-Security-Policy holds). It loads the wasm-bindgen output of the gouji-worker
// binary, which Trunk writes next to this file (unhashed: workers name their files at run time).
// If the code cannot load, it tells the page instead of failing silently; the page then says so.
/* global wasm_bindgen, importScripts */
const fail = (error) => {
  self.postMessage({ json: JSON.stringify({ type: 'fatal', message: `load: ${error}` }) });
};

// Messages that arrive before the wasm listens (a helper is sent its part as soon as it is
// started, and its wasm takes a while to load) wait here; the wasm takes them when it starts.
// Without this they would be dispatched to no handler and lost, and the check would wait for
// ever for a part no one reads.
// A listener, not `onmessage`: the wasm's own handler then comes after any listener the loaded
// script adds, as it would without this.
self.__goujiEarly = [];
self.__goujiEarlyListener = (event) => self.__goujiEarly.push(event);
self.addEventListener('message', self.__goujiEarlyListener);

try {
  importScripts('./gouji-worker.js');
  // The wasm's exports stay reachable (`self.__goujiWasm.memory`): the soak test reads the
  // worker's memory through them.
  wasm_bindgen({ module_or_path: './gouji-worker_bg.wasm' }).then((wasm) => { self.__goujiWasm = wasm; }).catch(fail);
} catch (error) {
  fail(error);
}
