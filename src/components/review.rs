//! The 检查表 tab: the reviewer's sheet as gouji filled it in, one row per item (docs/review.md).

use gouji_protocol::i18n::Lang;
use gouji_protocol::protocol::{AnalysisView, AnswerView};
use gouji_protocol::state::Shared;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReviewProps {
    pub lang: Lang,
    pub unit: Shared<AnalysisView>,
}

fn answer(lang: Lang, a: AnswerView) -> (&'static str, &'static str) {
    let t = lang.texts();
    match a {
        AnswerView::Yes => (t.answer_yes, "yes"),
        AnswerView::No => (t.answer_no, "no"),
        AnswerView::ForReviewer => (t.answer_pending, "pending"),
    }
}

#[function_component(ReviewPanel)]
pub fn review_panel(props: &ReviewProps) -> Html {
    let lang = props.lang;
    let t = lang.texts();
    let Some(c) = props.unit.unit.checklist.as_ref() else {
        return html! {};
    };
    html! {
        <div class="review" data-testid="review">
            <h3 class="review__title">{ c.title.clone() }</h3>
            <p class="muted small">{ format!("{}: {}", c.unit_label, c.unit.as_deref().unwrap_or("—")) }</p>
            <p class="muted small">{ t.review_intro }</p>
            <table class="review__table">
                <thead>
                    <tr><th scope="col">{ t.review_item }</th><th scope="col">{ t.review_answer }</th><th scope="col">{ t.review_evidence }</th></tr>
                </thead>
                <tbody>
                    { for c.items.iter().map(|i| {
                        let (label, id) = answer(lang, i.answer);
                        html! {
                            <tr data-testid="review-item" data-answer={id}>
                                <th scope="row"><span class="muted small">{ i.group.clone() }{ " · " }</span>{ i.name.get(lang).to_string() }</th>
                                <td><span class={classes!("answer", format!("answer--{id}"))}>{ label }</span></td>
                                <td class="review__evidence">
                                    { for i.lines.iter().map(|l| html! { <p>{ l.get(lang).to_string() }</p> }) }
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}
