//! The few browser calls the app makes, each tolerant of a browser that refuses them
//! (storage disabled, no window): nothing here can panic.

use crate::i18n::Lang;
use web_sys::{Element, File, FileList};

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// The element the app mounts into (`<div id="app">` in index.html).
pub fn app_root() -> Option<Element> {
    document()?.get_element_by_id("app")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The language remembered in `localStorage`, Chinese if none.
pub fn load_lang() -> Lang {
    let stored = storage().and_then(|s| s.get_item(Lang::STORAGE_KEY).ok().flatten());
    Lang::from_code(stored.as_deref())
}

pub fn save_lang(lang: Lang) {
    if let Some(s) = storage() {
        let _ = s.set_item(Lang::STORAGE_KEY, lang.code());
    }
}

/// Sets `<html lang>` and the document title for the language.
pub fn apply_document_lang(lang: Lang) {
    if let Some(doc) = document() {
        if let Some(html) = doc.document_element() {
            let _ = html.set_attribute("lang", lang.html_lang());
        }
        doc.set_title(lang.texts().doc_title);
    }
}

/// The files of a `FileList` (from a file input or a drop), in order.
pub fn files_of(list: Option<FileList>) -> Vec<File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}
