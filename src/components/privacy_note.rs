use crate::components::icons::LockIcon;
use gouji_protocol::i18n::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PrivacyNoteProps {
    pub lang: Lang,
}

/// The promise that files stay on this computer.
#[function_component(PrivacyNote)]
pub fn privacy_note(props: &PrivacyNoteProps) -> Html {
    let t = props.lang.texts();
    html! {
        <div class="privacy" data-testid="privacy-note">
            <LockIcon />
            <p>
                <strong class="privacy__main">{ t.privacy }</strong>
                <span class="privacy__detail">{ t.privacy_detail }</span>
            </p>
        </div>
    }
}
