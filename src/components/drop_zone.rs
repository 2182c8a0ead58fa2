use gouji_protocol::i18n::Lang;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::icons::{BookIcon, FileIcon, FolderIcon, UploadIcon};
use crate::web::files_of;

/// The file types offered in the file chooser (the core tells formats from bytes, not names).
const ACCEPT: &str = ".pdf,.xlsx,.xlsm,.xlsb,.xls,.ods,.csv,.tsv,.txt,\
application/pdf,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,text/csv,text/plain";

#[derive(Properties, PartialEq)]
pub struct DropZoneProps {
    pub lang: Lang,
    /// Files are being dragged over the page.
    pub dragging: bool,
    /// Results are shown: the zone is smaller.
    pub compact: bool,
    pub on_files: Callback<Vec<web_sys::File>>,
    pub on_sample: Callback<()>,
}

/// Clicks a hidden input.
fn open(input: &NodeRef) {
    if let Some(el) = input.cast::<HtmlInputElement>() {
        el.click();
    }
}

/// The files of a change event on an input, which is then emptied (so the same file can be
/// chosen again).
pub fn take_files(e: &Event) -> Vec<web_sys::File> {
    let Some(el) = e.target_dyn_into::<HtmlInputElement>() else { return Vec::new() };
    let files = files_of(el.files());
    el.set_value("");
    files
}

/// This year's files: a drop target that is also a keyboard-operable button opening the file
/// chooser, with buttons for files, a folder (of CSVs) and the built-in sample. (The drop itself
/// is handled by the page root, so a drop anywhere on the page works.)
#[function_component(DropZone)]
pub fn drop_zone(props: &DropZoneProps) -> Html {
    let t = props.lang.texts();
    let input = use_node_ref();
    let folder = use_node_ref();

    let onclick = {
        let input = input.clone();
        Callback::from(move |_: MouseEvent| open(&input))
    };
    let onkeydown = {
        let input = input.clone();
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            if key == "Enter" || key == " " || key == "Spacebar" {
                e.prevent_default();
                open(&input);
            }
        })
    };
    let choose_files = {
        let input = input.clone();
        Callback::from(move |_: MouseEvent| open(&input))
    };
    let choose_folder = {
        let folder = folder.clone();
        Callback::from(move |_: MouseEvent| open(&folder))
    };
    let onchange = {
        let on_files = props.on_files.clone();
        Callback::from(move |e: Event| on_files.emit(take_files(&e)))
    };
    let sample = props.on_sample.reform(|_: MouseEvent| ());
    // The inputs sit outside the zone; their clicks must not reach anything else.
    let stop = Callback::from(|e: MouseEvent| e.stop_propagation());

    let class = classes!("drop-zone", props.dragging.then_some("drop-zone--active"));
    let title = if props.dragging {
        t.drop_active
    } else if props.compact {
        t.drop_title_again
    } else {
        t.drop_title
    };
    html! {
        <div class="input-card input-card--current">
            // Named by its content (the title and the hint), as a person reads it.
            <div class={class} role="button" tabindex="0" data-testid="drop-zone"
                {onclick} {onkeydown}>
                <UploadIcon />
                <p class="drop-zone__title" id="drop-zone-title">{ title }</p>
                <p class="drop-zone__hint" id="drop-zone-hint">
                    <span>{ t.drop_hint }</span>
                    <span class="drop-zone__formats">{ t.drop_formats }</span>
                </p>
            </div>
            <div class="input-actions">
                <button type="button" class="button button--secondary" data-testid="choose-files" onclick={choose_files}>
                    <FileIcon />{ t.choose_files }
                </button>
                <button type="button" class="button button--secondary" data-testid="choose-folder"
                    title={t.choose_folder_label} onclick={choose_folder}>
                    <FolderIcon />{ t.choose_folder }
                </button>
                <span class="input-actions__sample">
                    <span class="input-actions__lead">{ t.sample_lead }</span>
                    <button type="button" class="button button--link" data-testid="sample" title={t.sample_hint} onclick={sample}>
                        <BookIcon />{ t.sample_button }
                    </button>
                </span>
            </div>
            <input ref={input} type="file" multiple=true accept={ACCEPT} class="visually-hidden"
                tabindex="-1" aria-hidden="true" data-testid="file-input" onclick={stop.clone()} onchange={onchange.clone()} />
            <input ref={folder} type="file" multiple=true webkitdirectory=true class="visually-hidden"
                tabindex="-1" aria-hidden="true" data-testid="folder-input" onclick={stop} {onchange} />
        </div>
    }
}
