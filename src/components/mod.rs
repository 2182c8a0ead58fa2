//! One component per file.

pub mod changes;
pub mod charts;
pub mod claims;
pub mod drop_zone;
pub mod error_panel;
pub mod findings;
pub mod footer;
pub mod header;
pub mod icons;
pub mod intro;
pub mod overview;
pub mod paste_box;
pub mod prior_slot;
pub mod privacy_note;
pub mod progress;
pub mod results;
pub mod review;
pub mod rollup;
pub mod source_bar;
pub mod table_view;
pub mod three_public;
pub mod unit_picker;
