use gouji_protocol::i18n::{file_size, text_chars, Lang};
use gouji_protocol::state::Inputs;
use yew::prelude::*;

use crate::components::icons::CloseIcon;

#[derive(Properties, PartialEq)]
pub struct SourceBarProps {
    pub lang: Lang,
    pub inputs: Inputs,
    pub on_clear: Callback<()>,
    pub on_clear_text: Callback<()>,
}

/// What is being checked: this year's files (or the sample), the prior year's, the pasted text.
#[function_component(SourceBar)]
pub fn source_bar(props: &SourceBarProps) -> Html {
    let lang = props.lang;
    let t = lang.texts();
    let i = &props.inputs;
    if i.is_empty() && i.prior.is_empty() {
        return html! {};
    }
    let files = |list: &[gouji_protocol::state::FileInfo]| -> Html {
        html! { <>{ for list.iter().map(|f| html! {
            <li class="chip" title={f.name.clone()} data-testid="source-file">
                <span class="chip__name">{ f.name.clone() }</span>
                <span class="chip__meta">{ file_size(f.size) }</span>
            </li>
        }) }</> }
    };
    let clear_text = props.on_clear_text.reform(|_: MouseEvent| ());
    html! {
        <div class="source-bar" data-testid="source-bar">
            <dl class="source-bar__list">
                if i.sample || !i.files.is_empty() {
                    <div class="source-bar__group">
                        <dt>{ t.source_current }</dt>
                        <dd><ul class="chips">
                            if i.sample {
                                <li class="chip chip--sample" data-testid="source-sample" title={t.sample_hint}>
                                    <span class="chip__name">{ t.source_sample }</span>
                                </li>
                            }
                            { files(&i.files) }
                        </ul></dd>
                    </div>
                }
                if let Some(n) = i.text {
                    <div class="source-bar__group">
                        <dt>{ t.source_text }</dt>
                        <dd><ul class="chips">
                            <li class="chip" data-testid="source-text">
                                <span class="chip__name">{ t.pasted_text }</span>
                                <span class="chip__meta">{ text_chars(lang, n) }</span>
                                <button type="button" class="chip__remove" aria-label={t.remove} title={t.remove} onclick={clear_text}>
                                    <CloseIcon />
                                </button>
                            </li>
                        </ul></dd>
                    </div>
                }
                if !i.prior.is_empty() {
                    <div class="source-bar__group">
                        <dt>{ t.source_prior }</dt>
                        <dd><ul class="chips">{ files(&i.prior) }</ul></dd>
                    </div>
                }
            </dl>
            <button type="button" class="button button--quiet" data-testid="clear-all"
                onclick={props.on_clear.reform(|_: MouseEvent| ())}>{ t.clear_all }</button>
        </div>
    }
}
