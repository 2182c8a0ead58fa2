use gouji_protocol::i18n::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct IntroProps {
    pub lang: Lang,
}

/// What the app does, in three steps (shown before anything is checked).
#[function_component(Intro)]
pub fn intro(props: &IntroProps) -> Html {
    let t = props.lang.texts();
    let step = |n: &'static str, title: &'static str, body: &'static str| {
        html! {
            <li class="intro__step">
                <span class="intro__n" aria-hidden="true">{ n }</span>
                <div>
                    <h3 class="intro__title">{ title }</h3>
                    <p class="intro__body">{ body }</p>
                </div>
            </li>
        }
    };
    html! {
        <section class="intro" data-testid="intro" aria-labelledby="intro-title">
            <h2 class="section-title" id="intro-title">{ t.intro_title }</h2>
            <ol class="intro__steps" role="list">
                { step("1", t.intro_1_title, t.intro_1) }
                { step("2", t.intro_2_title, t.intro_2) }
                { step("3", t.intro_3_title, t.intro_3) }
            </ol>
        </section>
    }
}
