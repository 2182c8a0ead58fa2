//! The root component: owns the state, reads files, lays out the page.

use crate::components::{
    drop_zone::DropZone, file_list::FileList, footer::Footer, header::Header, paste_box::PasteBox,
    privacy_note::PrivacyNote,
};
use crate::i18n::{pasted_name, Lang, ZH};
use crate::reading;
use crate::state::{new_entry_id, new_paste_number, Action, ErrorText, Source, State};
use crate::web;
use yew::prelude::*;

/// Starts reading one dropped or chosen file: the entry appears at once as "reading", the bytes
/// are read asynchronously, then the core reads them.
fn start_file(dispatcher: UseReducerDispatcher<State>, file: web_sys::File) {
    let id = new_entry_id();
    let name = file.name();
    let size = file.size().max(0.0) as u64;
    dispatcher.dispatch(Action::Add {
        id,
        name: name.clone(),
        size,
        source: Source::File,
    });

    let limits = reading::limits();
    if let Err(error) = reading::precheck(&name, size, &limits) {
        dispatcher.dispatch(Action::Finish {
            id,
            outcome: Err(error),
        });
        return;
    }
    let file = gloo_file::File::from(file);
    wasm_bindgen_futures::spawn_local(async move {
        let outcome = match gloo_file::futures::read_as_bytes(&file).await {
            Ok(bytes) => reading::read(&name, &bytes, &limits),
            Err(_) => Err(ErrorText::new(
                "browser_read",
                format!("{name}：{}", ZH.read_failed_browser),
                format!("{name}: {}", crate::i18n::EN.read_failed_browser),
            )),
        };
        dispatcher.dispatch(Action::Finish { id, outcome });
    });
}

/// Reads pasted text as a file of its own.
fn start_paste(dispatcher: UseReducerDispatcher<State>, text: String) {
    let id = new_entry_id();
    let n = new_paste_number();
    // The name the core sees (it names the sheet and appears in messages); shown in Chinese.
    let name = pasted_name(Lang::Zh, n);
    dispatcher.dispatch(Action::Add {
        id,
        name: name.clone(),
        size: text.len() as u64,
        source: Source::Paste(n),
    });
    let outcome = reading::read(&name, text.as_bytes(), &reading::limits());
    dispatcher.dispatch(Action::Finish { id, outcome });
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| State::with_lang(web::load_lang()));
    let dragging = use_state_eq(|| false);
    let lang = state.lang;

    use_effect_with(lang, |lang| {
        web::apply_document_lang(*lang);
    });

    let on_toggle_lang = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: ()| {
            let next = lang.toggled();
            web::save_lang(next);
            dispatcher.dispatch(Action::SetLang(next));
        })
    };

    let on_files = {
        let dispatcher = state.dispatcher();
        Callback::from(move |files: Vec<web_sys::File>| {
            for file in files {
                start_file(dispatcher.clone(), file);
            }
        })
    };

    let on_paste = {
        let dispatcher = state.dispatcher();
        Callback::from(move |text: String| start_paste(dispatcher.clone(), text))
    };

    let on_remove = {
        let dispatcher = state.dispatcher();
        Callback::from(move |id: u64| dispatcher.dispatch(Action::Remove(id)))
    };
    let on_clear = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: ()| dispatcher.dispatch(Action::Clear))
    };

    // Files may be dropped anywhere on the page; the drop zone shows that a drop is coming.
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(dt) = e.data_transfer() {
                dt.set_drop_effect("copy");
            }
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            // Leaving for another element of the page keeps the highlight; leaving the window ends it.
            if e.related_target().is_none() {
                dragging.set(false);
            }
        })
    };
    let ondrop = {
        let dragging = dragging.clone();
        let on_files = on_files.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            let files = web::files_of(e.data_transfer().and_then(|dt| dt.files()));
            if !files.is_empty() {
                on_files.emit(files);
            }
        })
    };

    html! {
        <div class="app" data-testid="app" data-ready="true" data-lang={lang.code()}
            {ondragover} {ondragleave} {ondrop}>
            <Header {lang} on_toggle={on_toggle_lang} />
            <main id="main" class="main">
                <div class="container">
                    <PrivacyNote {lang} />
                    <section class="inputs" aria-label={lang.texts().drop_button_label}>
                        <DropZone {lang} dragging={*dragging} on_files={on_files} />
                        <PasteBox {lang} on_submit={on_paste} />
                    </section>
                    <FileList {lang} entries={state.entries.clone()} {on_remove} {on_clear} />
                </div>
            </main>
            <Footer {lang} />
        </div>
    }
}
