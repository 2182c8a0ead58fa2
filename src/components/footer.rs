use gouji_protocol::i18n::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FooterProps {
    pub lang: Lang,
}

#[function_component(Footer)]
pub fn footer(props: &FooterProps) -> Html {
    html! {
        <footer class="site-footer">
            <div class="container">{ props.lang.texts().footer }</div>
        </footer>
    }
}
