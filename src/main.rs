//! gouji-web: the browser app. Built for wasm32 by Trunk; on the host only the pure modules
//! (state, i18n, reading) are compiled, so `cargo test --workspace` tests them.

#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

mod i18n;
mod reading;
mod state;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod web;

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    let root = web::app_root();
    match root {
        Some(root) => yew::Renderer::<app::App>::with_root(root).render(),
        None => yew::Renderer::<app::App>::new().render(),
    };
}

/// The web app only runs in a browser; `cargo run -p gouji-web` on the host does nothing.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("gouji-web is the browser app: build it with `./x build` or run `./x serve`.");
}
