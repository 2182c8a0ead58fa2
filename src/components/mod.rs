//! One component per file.

pub mod drop_zone;
pub mod file_card;
pub mod file_list;
pub mod footer;
pub mod header;
pub mod icons;
pub mod paste_box;
pub mod privacy_note;
