use gouji_web::i18n::Lang;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::components::icons::PasteIcon;

#[derive(Properties, PartialEq)]
pub struct PasteBoxProps {
    pub lang: Lang,
    pub compact: bool,
    /// Called with the pasted text when the person asks to check it.
    pub on_submit: Callback<String>,
}

/// A textarea for text copied from the published PDF (or cells from Excel or a web page).
#[function_component(PasteBox)]
pub fn paste_box(props: &PasteBoxProps) -> Html {
    let t = props.lang.texts();
    let text = use_state(String::new);
    let empty_error = use_state_eq(|| false);

    let oninput = {
        let text = text.clone();
        let empty_error = empty_error.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(el) = e.target_dyn_into::<HtmlTextAreaElement>() {
                text.set(el.value());
                empty_error.set(false);
            }
        })
    };
    let onsubmit = {
        let text = text.clone();
        let empty_error = empty_error.clone();
        let on_submit = props.on_submit.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if text.trim().is_empty() {
                empty_error.set(true);
            } else {
                on_submit.emit((*text).clone());
                text.set(String::new());
            }
        })
    };

    html! {
        <form class="paste-box" data-testid="paste-form" {onsubmit}>
            <label class="paste-box__label" for="paste-input">
                <PasteIcon />
                <span>{ t.paste_title }</span>
            </label>
            <p class="paste-box__hint" id="paste-hint">{ t.paste_hint }</p>
            <textarea id="paste-input" class="paste-box__input" data-testid="paste-input"
                rows={if props.compact { "2" } else { "4" }} spellcheck="false" aria-describedby="paste-hint"
                placeholder={t.paste_placeholder} value={(*text).clone()} {oninput} />
            <div class="paste-box__actions">
                if *empty_error {
                    <p class="paste-box__error" role="alert" data-testid="paste-error">{ t.paste_empty }</p>
                }
                <button type="submit" class="button" data-testid="paste-submit">{ t.paste_submit }</button>
            </div>
        </form>
    }
}
