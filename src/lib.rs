//! gouji-web's shared modules, tested on the host with `cargo test`.
//!
//! - the page (`src/main.rs`, wasm only) uses [`i18n`], [`protocol`] and [`state`]: it never links
//!   gouji-core, so its wasm stays small;
//! - the worker (`src/worker/main.rs`, wasm only) uses [`engine`], which reads and checks with
//!   gouji-core and answers with the view model of [`view`], the exports of [`export`] and the
//!   .xlsx report of [`report`].

pub mod coordinator;
pub mod engine;
pub mod export;
pub mod i18n;
pub mod protocol;
pub mod report;
pub mod state;
pub mod view;
