// The core's pipeline as WebAssembly in Node (V8, as in Chromium), phase by phase, beside the same
// example built natively: where wasm loses time, without a browser in the way.
//
//   node tests/bench/wasm-core.mjs WASM FILE [RUNS]
//   node --cpu-prof --cpu-prof-dir=target/prof tests/bench/wasm-core.mjs WASM FILE   (a profile)
import { readFile } from 'node:fs/promises';

const [wasmPath, file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 3);
const module = await WebAssembly.compile(await readFile(wasmPath));
// The core links wasm-bindgen through a dependency (random numbers for hashing); its placeholder
// imports are never called by these exports.
const imports = {};
for (const i of WebAssembly.Module.imports(module)) {
  (imports[i.module] ??= {})[i.name] = () => {
    throw new Error(`unexpected call to ${i.module}.${i.name}`);
  };
}
const bytes = await readFile(file);
const ms = (t) => `${t.toFixed(0)} ms`;
// WARM=FILE:N first runs FILE N times through the same module (as the worker does at start).
if (process.env.WARM) {
  const [warmFile, n] = process.env.WARM.split(':');
  const warm = await readFile(warmFile);
  const t0 = performance.now();
  const { exports } = await WebAssembly.instantiate(module, imports);
  const ptr = exports.bench_alloc(warm.length);
  new Uint8Array(exports.memory.buffer, ptr, warm.length).set(warm);
  for (let i = 0; i < Number(n ?? 1); i++) {
    exports.bench_read(ptr, warm.length);
    exports.bench_recognise();
    exports.bench_check();
  }
  console.log(`warm-up: ${warmFile} × ${n ?? 1} in ${ms(performance.now() - t0)}`);
}
for (let run = 0; run < runs; run++) {
  // A fresh instance per run, as the browser's worker has per file.
  const t0 = performance.now();
  const { exports } = await WebAssembly.instantiate(module, imports);
  const ptr = exports.bench_alloc(bytes.length);
  new Uint8Array(exports.memory.buffer, ptr, bytes.length).set(bytes);
  const t1 = performance.now();
  const sheets = exports.bench_read(ptr, bytes.length);
  const t2 = performance.now();
  const units = exports.bench_recognise();
  const t3 = performance.now();
  const findings = exports.bench_check();
  const t4 = performance.now();
  console.log(
    `wasm run ${run}: read ${ms(t2 - t1)} (${sheets} sheets) · recognise ${ms(t3 - t2)} (${units} units) · ` +
      `check ${ms(t4 - t3)} (${findings} findings) · instantiate+copy ${ms(t1 - t0)}`,
  );
}
