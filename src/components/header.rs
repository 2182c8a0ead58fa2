use crate::components::icons::Logo;
use gouji_protocol::i18n::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub lang: Lang,
    pub on_toggle: Callback<()>,
}

#[function_component(Header)]
pub fn header(props: &HeaderProps) -> Html {
    let t = props.lang.texts();
    let onclick = props.on_toggle.reform(|_: MouseEvent| ());
    // The toggle is written in the language it switches to.
    let toggle_lang = props.lang.toggled().html_lang();
    html! {
        <header class="site-header">
            <div class="container site-header__inner">
                <div class="brand">
                    <Logo />
                    <div class="brand__text">
                        <h1 class="brand__name">
                            <span class="brand__zh">{ t.app_name }</span>
                            <span class="brand__latin" lang="en">{ "gouji" }</span>
                        </h1>
                        <p class="brand__tagline" data-testid="tagline">{ t.tagline }</p>
                    </div>
                </div>
                <button type="button" class="lang-toggle" data-testid="lang-toggle"
                    lang={toggle_lang} aria-label={t.lang_toggle_label} title={t.lang_toggle_label} {onclick}>
                    { t.lang_toggle }
                </button>
            </div>
        </header>
    }
}
