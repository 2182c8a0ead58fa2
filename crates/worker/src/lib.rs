//! gouji-worker's host-tested modules. The Web Worker (`src/main.rs`, wasm only) uses
//! [`engine`], which reads and checks with gouji-core and answers with the view model of
//! [`view`], the exports of [`export`] and the .xlsx report of [`report`]; its helpers' parts
//! are scheduled by [`parts`]. The messages and the wording are gouji-protocol's, re-exported
//! here as [`protocol`] and [`i18n`].

pub mod engine;
pub mod export;
pub mod parts;
pub mod report;
pub mod view;

pub use gouji_protocol::{i18n, protocol};
