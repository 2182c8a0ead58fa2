//! The few browser calls the page makes, each tolerant of a browser that refuses them
//! (storage disabled, no window): nothing here can panic.

use gouji_protocol::i18n::Lang;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, Element, File, FileList, HtmlAnchorElement, Url};

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

/// A performance mark (`performance.mark(name)`), read by the browser benchmark.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
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

/// The person's marks kept for a set of files (none when storage is off or the entry unreadable).
pub fn load_marks(key: &str) -> gouji_protocol::protocol::Marks {
    storage().and_then(|s| s.get_item(key).ok().flatten()).and_then(|json| serde_json::from_str(&json).ok()).unwrap_or_default()
}

/// Keeps the marks for a set of files in the browser (an empty set removes the entry). Storage
/// full or refused: the marks stay for this visit only.
pub fn save_marks(key: &str, marks: &gouji_protocol::protocol::Marks) {
    let Some(s) = storage() else { return };
    if marks.is_empty() {
        let _ = s.remove_item(key);
    } else if let Ok(json) = serde_json::to_string(marks) {
        if s.set_item(key, &json).is_err() {
            web_sys::console::warn_1(&"gouji: the marks could not be kept in this browser".into());
        }
    }
}

/// The local time as `20261201-2130`, for export file names.
pub fn stamp() -> String {
    let d = js_sys::Date::new_0();
    format!("{:04}{:02}{:02}-{:02}{:02}", d.get_full_year(), d.get_month() + 1, d.get_date(), d.get_hours(), d.get_minutes())
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

/// A URL relative to the page (`./worker.js`), made absolute against the document's base, so
/// the app works under any sub-path.
pub fn resolve(relative: &str) -> String {
    let base = document().and_then(|d| d.base_uri().ok().flatten()).unwrap_or_default();
    Url::new_with_base(relative, &base).map(|u| u.href()).unwrap_or_else(|_| relative.to_string())
}

/// Saves bytes as a download (a Blob and an `<a download>`: nothing goes over the network).
pub fn download(bytes: &Uint8Array, file_name: &str, mime: &str) {
    let Some(doc) = document() else { return };
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = Blob::new_with_u8_array_sequence_and_options(&Array::of1(bytes), &options) else { return };
    let Ok(url) = Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) = doc.create_element("a") {
        if let Ok(a) = a.dyn_into::<HtmlAnchorElement>() {
            a.set_href(&url);
            a.set_download(file_name);
            a.set_class_name("visually-hidden");
            if let Some(body) = doc.body() {
                let _ = body.append_child(&a);
                a.click();
                let _ = body.remove_child(&a);
            }
        }
    }
    // Revoke later: the download must have started reading the blob.
    let revoke = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
}

/// Opens the print dialog once the page has drawn what is to be printed.
pub fn print_soon() {
    let print = Closure::once_into_js(|| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(print.unchecked_ref(), 120);
    }
}

fn query(selector: &str) -> Option<Element> {
    document()?.query_selector(selector).ok().flatten()
}

/// Scrolls the page so that `selector` starts at the top of the window (a check's results).
pub fn scroll_to(selector: &str) {
    let Some(el) = query(selector) else { return };
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Start);
    el.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Moves the keyboard focus to `selector`.
pub fn focus(selector: &str) {
    if let Some(el) = query(selector).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Scrolls a scroll box (`scroller`) just enough to show an element inside it, leaving the page
/// where it is.
pub fn scroll_within(scroller: &str, item: &str) {
    let (Some(scroller), Some(item)) = (query(scroller), query(item)) else { return };
    let (b, c) = (scroller.get_bounding_client_rect(), item.get_bounding_client_rect());
    let bottom = b.top() + f64::from(scroller.client_height());
    let dy = if c.top() < b.top() {
        c.top() - b.top() - 4.0
    } else if c.bottom() > bottom {
        c.bottom() - bottom + 4.0
    } else {
        0.0
    };
    scroller.set_scroll_top(scroller.scroll_top() + dy as i32);
}

/// Shows a cell of a scrollable table: the page scrolls so that `view` starts at the top of the
/// window, then the table's scroll box (`scroller`) so that the cell is in its middle.
pub fn reveal(view: &str, scroller: &str, cell: &str) {
    let (Some(view), Some(scroller), Some(cell)) = (query(view), query(scroller), query(cell)) else { return };
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Start);
    view.scroll_into_view_with_scroll_into_view_options(&options);
    let (b, c) = (scroller.get_bounding_client_rect(), cell.get_bounding_client_rect());
    let dy = c.top() - b.top() - (f64::from(scroller.client_height()) - c.height()) / 2.0;
    scroller.set_scroll_top(scroller.scroll_top() + dy as i32);
    // Sideways only when the cell is out of view (the names stay in view when possible).
    let right = b.left() + f64::from(scroller.client_width());
    let dx = if c.right() > right {
        c.right() - right + 16.0
    } else if c.left() < b.left() {
        c.left() - b.left() - 16.0
    } else {
        0.0
    };
    scroller.set_scroll_left(scroller.scroll_left() + dx as i32);
}

/// A keydown listener on the document, removed when dropped.
pub struct KeyListener {
    closure: Closure<dyn FnMut(web_sys::KeyboardEvent)>,
}

impl Drop for KeyListener {
    fn drop(&mut self) {
        if let Some(d) = web_sys::window().and_then(|w| w.document()) {
            let _ = d.remove_event_listener_with_callback("keydown", self.closure.as_ref().unchecked_ref());
        }
    }
}

/// Calls `f` with the key of each plain key press on the page: not while the person types in a
/// field, nor with Ctrl, Alt or Meta held (the browser's and the screen reader's own keys).
pub fn on_key(f: impl Fn(&str) + 'static) -> Option<KeyListener> {
    let document = web_sys::window()?.document()?;
    let closure = Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
        if e.ctrl_key() || e.alt_key() || e.meta_key() || e.default_prevented() {
            return;
        }
        let typing = e.target().and_then(|t| t.dyn_into::<Element>().ok()).is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.closest("[contenteditable]").ok().flatten().is_some()
        });
        if !typing {
            f(&e.key());
        }
    });
    document.add_event_listener_with_callback("keydown", closure.as_ref().unchecked_ref()).ok()?;
    Some(KeyListener { closure })
}
