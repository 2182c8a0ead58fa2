use gouji_protocol::i18n::Lang;
use gouji_protocol::protocol::ErrorView;
use yew::prelude::*;

use crate::components::icons::{AlertIcon, BookIcon};

#[derive(Properties, PartialEq)]
pub struct ErrorPanelProps {
    pub lang: Lang,
    pub error: ErrorView,
    pub on_sample: Callback<()>,
    /// Checks the same files again (offered when the worker, not the file, failed).
    #[prop_or_default]
    pub on_retry: Option<Callback<()>>,
}

/// Why the check could not be done, in plain words, and what to do next.
#[function_component(ErrorPanel)]
pub fn error_panel(props: &ErrorPanelProps) -> Html {
    let t = props.lang.texts();
    html! {
        <div class="error-panel" role="alert" data-testid="error" data-error-kind={props.error.kind.clone()}>
            <AlertIcon />
            <div class="error-panel__body">
                <p class="error-panel__title">{ t.error_title }</p>
                <p class="error-panel__message" data-testid="error-message">{ props.error.text(props.lang).to_string() }</p>
                <p class="error-panel__next">
                    if let Some(retry) = &props.on_retry {
                        <button type="button" class="button button--secondary" data-testid="retry"
                            onclick={retry.reform(|_: MouseEvent| ())}>{ t.retry }</button>
                    }
                    { t.error_next }
                    <button type="button" class="button button--link" data-testid="error-sample"
                        onclick={props.on_sample.reform(|_: MouseEvent| ())}>
                        <BookIcon />{ t.sample_button }
                    </button>
                </p>
            </div>
        </div>
    }
}
