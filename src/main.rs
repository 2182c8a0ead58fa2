//! gouji-web: the page. Built for wasm32 by Trunk; it shows what the worker (`gouji-worker`)
//! finds and never links gouji-core itself. On the host it does nothing: the shared modules are
//! tested through the `gouji_web` library.

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod web;
#[cfg(target_arch = "wasm32")]
mod worker_client;

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    match web::app_root() {
        Some(root) => yew::Renderer::<app::App>::with_root(root).render(),
        None => yew::Renderer::<app::App>::new().render(),
    };
}

/// The web app only runs in a browser; `cargo run -p gouji-web` on the host does nothing.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("gouji-web is the browser app: build it with `./x build` or run `./x serve`.");
}
