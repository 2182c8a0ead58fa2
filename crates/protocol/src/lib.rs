//! gouji-protocol: what the page and the worker share, without gouji-core.
//!
//! - [`protocol`]: the requests and responses, and the view model the worker answers with;
//! - [`state`]: the page's state and its reducer (`Action` in, new `State` out);
//! - [`coordinator`]: the page's bookkeeping of the worker's work, as events in, effects out;
//! - [`i18n`]: every word the page shows, in Chinese and English.
//!
//! The page (`gouji-web`) depends on this crate alone of gouji's; the worker (`gouji-worker`)
//! depends on it and on gouji-core. Everything here is tested on the host with `cargo test`.

pub mod coordinator;
pub mod i18n;
pub mod protocol;
pub mod state;
