use gouji_protocol::i18n::Lang;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::components::icons::PasteIcon;

#[derive(Properties, PartialEq)]
pub struct PasteBoxProps {
    pub lang: Lang,
    pub compact: bool,
    /// Text from this box is part of the check (shown beside the files, removable there).
    #[prop_or_default]
    pub in_use: bool,
    /// Called with the pasted text when the person asks to check it.
    pub on_submit: Callback<String>,
}

/// A textarea for text copied from the published PDF (or cells from Excel or a web page).
///
/// The text stays in the box once it is checked (and after a failed check), so that it can be
/// corrected and checked again; the box empties when the text leaves the check (removed, cleared,
/// or replaced by the sample).
#[function_component(PasteBox)]
pub fn paste_box(props: &PasteBoxProps) -> Html {
    let t = props.lang.texts();
    let text = use_state(String::new);
    let empty_error = use_state_eq(|| false);

    {
        let text = text.clone();
        let was_in_use = use_mut_ref(|| false);
        use_effect_with(props.in_use, move |in_use| {
            if *was_in_use.borrow() && !*in_use {
                text.set(String::new());
            }
            *was_in_use.borrow_mut() = *in_use;
        });
    }

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
