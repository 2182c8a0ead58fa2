use crate::components::icons::UploadIcon;
use crate::i18n::Lang;
use crate::web::files_of;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The file types offered in the file chooser (the core tells formats from bytes, not names).
const ACCEPT: &str = ".xlsx,.xlsm,.xlsb,.xls,.ods,.csv,.tsv,.txt,\
application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,text/csv,text/plain";

#[derive(Properties, PartialEq)]
pub struct DropZoneProps {
    pub lang: Lang,
    /// Files are being dragged over the page.
    pub dragging: bool,
    pub on_files: Callback<Vec<web_sys::File>>,
}

/// A drop target that is also a keyboard-operable button opening a hidden file input.
/// (The drop itself is handled by the page root, so a drop anywhere on the page works.)
#[function_component(DropZone)]
pub fn drop_zone(props: &DropZoneProps) -> Html {
    let t = props.lang.texts();
    let input = use_node_ref();

    let open = {
        let input = input.clone();
        move || {
            if let Some(el) = input.cast::<HtmlInputElement>() {
                el.click();
            }
        }
    };
    let onclick = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open())
    };
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        let key = e.key();
        if key == "Enter" || key == " " || key == "Spacebar" {
            e.prevent_default();
            open();
        }
    });
    let onchange = {
        let on_files = props.on_files.clone();
        Callback::from(move |e: Event| {
            let Some(el) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let files = files_of(el.files());
            // Let the same file be chosen again later.
            el.set_value("");
            if !files.is_empty() {
                on_files.emit(files);
            }
        })
    };

    // The input sits inside the zone: its own click must not bubble up and open it again.
    let stop = Callback::from(|e: MouseEvent| e.stop_propagation());

    let class = classes!("drop-zone", props.dragging.then_some("drop-zone--active"));
    html! {
        <div class={class} role="button" tabindex="0" data-testid="drop-zone"
            aria-label={t.drop_button_label} aria-describedby="drop-zone-hint"
            {onclick} {onkeydown}>
            <UploadIcon />
            <p class="drop-zone__title">
                { if props.dragging { t.drop_active } else { t.drop_title } }
            </p>
            <p class="drop-zone__hint" id="drop-zone-hint">
                { t.drop_hint }<span class="sep" aria-hidden="true">{ " · " }</span>{ t.drop_formats }
            </p>
            <input ref={input} type="file" multiple=true accept={ACCEPT} class="visually-hidden"
                tabindex="-1" aria-hidden="true" data-testid="file-input" onclick={stop} {onchange} />
        </div>
    }
}
