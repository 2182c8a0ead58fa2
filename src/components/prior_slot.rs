use gouji_protocol::i18n::{file_size, Lang};
use gouji_protocol::state::FileInfo;
use yew::prelude::*;

use crate::components::drop_zone::take_files;
use crate::components::icons::{CloseIcon, HistoryIcon};
use crate::web::files_of;

#[derive(Properties, PartialEq)]
pub struct PriorSlotProps {
    pub lang: Lang,
    pub prior: Vec<FileInfo>,
    pub on_files: Callback<Vec<web_sys::File>>,
    pub on_clear: Callback<()>,
}

/// The prior year's budget: its own drop target (drops here do not reach the page's) and chooser.
#[function_component(PriorSlot)]
pub fn prior_slot(props: &PriorSlotProps) -> Html {
    let t = props.lang.texts();
    let input = use_node_ref();
    let over = use_state_eq(|| false);

    let choose = {
        let input = input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(el) = input.cast::<web_sys::HtmlInputElement>() {
                el.click();
            }
        })
    };
    let onchange = {
        let on_files = props.on_files.clone();
        Callback::from(move |e: Event| {
            let files = take_files(&e);
            if !files.is_empty() {
                on_files.emit(files);
            }
        })
    };
    let ondragover = {
        let over = over.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            e.stop_propagation();
            over.set(true);
        })
    };
    let ondragleave = {
        let over = over.clone();
        Callback::from(move |_: DragEvent| over.set(false))
    };
    let ondrop = {
        let over = over.clone();
        let on_files = props.on_files.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            e.stop_propagation();
            over.set(false);
            let files = files_of(e.data_transfer().and_then(|dt| dt.files()));
            if !files.is_empty() {
                on_files.emit(files);
            }
        })
    };
    let clear = props.on_clear.reform(|_: MouseEvent| ());
    let stop = Callback::from(|e: MouseEvent| e.stop_propagation());

    html! {
        <div class={classes!("prior-slot", (*over).then_some("prior-slot--active"), (!props.prior.is_empty()).then_some("prior-slot--set"))}
            data-testid="prior-drop" {ondragover} {ondragleave} {ondrop}>
            <div class="prior-slot__icon"><HistoryIcon /></div>
            <div class="prior-slot__text">
                <p class="prior-slot__title">{ t.prior_title }</p>
                if props.prior.is_empty() {
                    <p class="prior-slot__hint">{ t.prior_hint }</p>
                } else {
                    <ul class="chips" data-testid="prior-files">
                        { for props.prior.iter().map(|f| html! {
                            <li class="chip" title={f.name.clone()}>
                                <span class="chip__name">{ f.name.clone() }</span>
                                <span class="chip__meta">{ file_size(f.size) }</span>
                            </li>
                        }) }
                    </ul>
                }
            </div>
            <div class="prior-slot__actions">
                <button type="button" class="button button--secondary" data-testid="prior-choose"
                    title={t.prior_drop_label} onclick={choose}>{ t.prior_choose }</button>
                if !props.prior.is_empty() {
                    <button type="button" class="icon-button" data-testid="prior-remove"
                        aria-label={t.remove} title={t.remove} onclick={clear}><CloseIcon /></button>
                }
            </div>
            <input ref={input} type="file" multiple=true class="visually-hidden" tabindex="-1" aria-hidden="true"
                data-testid="prior-input" onclick={stop} {onchange} />
        </div>
    }
}
