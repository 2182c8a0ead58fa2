use gouji_protocol::i18n::{claims_summary, page_line, text_line, Lang};
use gouji_protocol::protocol::{AnalysisView, ClaimView, VerdictView};
use gouji_protocol::state::{filtered_claims, Action, Shared, Ui};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::findings::{amounts, cell_link};

#[derive(Properties, PartialEq)]
pub struct ClaimsProps {
    pub lang: Lang,
    pub unit: Shared<AnalysisView>,
    pub ui: Ui,
    pub dispatch: Callback<Action>,
}

fn verdict_label(lang: Lang, v: VerdictView) -> &'static str {
    let t = lang.texts();
    match v {
        VerdictView::Agrees => t.verdict_agrees,
        VerdictView::Disagrees => t.verdict_disagrees,
        VerdictView::CannotCheck => t.verdict_cannot,
    }
}

fn mark(v: VerdictView) -> &'static str {
    match v {
        VerdictView::Agrees => "✓",
        VerdictView::Disagrees => "✗",
        VerdictView::CannotCheck => "?",
    }
}

/// The sentence with the claimed amount marked.
fn sentence(c: &ClaimView) -> Html {
    match c.sentence.find(&c.written) {
        Some(at) => {
            let (before, rest) = c.sentence.split_at(at);
            let after = &rest[c.written.len()..];
            html! { <>{ before.to_string() }<mark>{ c.written.clone() }</mark>{ after.to_string() }</> }
        }
        None => html! { { c.sentence.clone() } },
    }
}

fn claim(lang: Lang, c: &ClaimView, dispatch: &Callback<Action>) -> Html {
    let v = c.verdict.id();
    html! {
        <li class={classes!("claim", format!("claim--{v}"))} data-testid="claim" data-verdict={v} data-rule={c.rule.clone()}>
            <span class={classes!("claim__mark", format!("claim__mark--{v}"))} aria-hidden="true">{ mark(c.verdict) }</span>
            <div class="claim__body">
                <p class="claim__head">
                    <span class={classes!("verdict-tag", format!("verdict-tag--{v}"))} data-testid="claim-verdict">{ verdict_label(lang, c.verdict) }</span>
                    <span class="claim__subject">{ c.subject.clone() }</span>
                    <strong class="claim__amount num">{ c.written.clone() }</strong>
                    <span class="muted small">{ c.page.map_or_else(|| text_line(lang, c.line), |(p, l)| page_line(lang, p, l)) }{ " · " }<span class="rule-id">{ c.rule.clone() }</span></span>
                </p>
                <blockquote class="claim__sentence" data-testid="claim-sentence">{ sentence(c) }</blockquote>
                <p class="claim__message">{ c.message.get(lang).to_string() }</p>
                if let Some(reason) = c.reason.as_ref().filter(|r| !c.message.get(lang).contains(r.get(lang))) {
                    <p class="claim__reason muted">{ reason.get(lang).to_string() }</p>
                }
                { amounts(lang, &c.expected, &c.actual, &c.difference, c.unit.as_ref().map(|u| u.get(lang))) }
                if !c.cells.is_empty() {
                    <p class="small">{ for c.cells.iter().map(|x| cell_link(x, lang, dispatch)) }</p>
                }
            </div>
        </li>
    }
}

/// The narrative text's claims with their sentences and verdicts.
#[function_component(ClaimsPanel)]
pub fn claims_panel(props: &ClaimsProps) -> Html {
    let lang = props.lang;
    let t = lang.texts();
    let u = &props.unit.unit;
    if u.claims.is_empty() {
        return html! { <p class="empty-state" data-testid="claims-none">{ t.claims_none }</p> };
    }
    let count = |v: VerdictView| u.claims.iter().filter(|c| c.verdict == v).count();
    let shown = filtered_claims(u, &props.ui);
    let on_filter = props.dispatch.reform(|e: Event| {
        let v = e.target_dyn_into::<HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
        Action::FilterVerdict(match v.as_str() {
            "agrees" => Some(VerdictView::Agrees),
            "disagrees" => Some(VerdictView::Disagrees),
            "cannot_check" => Some(VerdictView::CannotCheck),
            _ => None,
        })
    });
    let verdict = props.ui.verdict;
    html! {
        <div class="claims" data-testid="claims">
            <div class="changes__head">
                <h3 class="section-title">{ t.claims_title }</h3>
                <p class="muted" data-testid="claims-summary">
                    { claims_summary(lang, u.claims.len(), count(VerdictView::Agrees), count(VerdictView::Disagrees), count(VerdictView::CannotCheck)) }
                </p>
            </div>
            <div class="filters">
                <label class="filter">
                    <span>{ t.filter_verdict }</span>
                    <select data-testid="filter-verdict" onchange={on_filter}>
                        <option value="" selected={verdict.is_none()}>{ t.filter_all }</option>
                        { for [VerdictView::Disagrees, VerdictView::CannotCheck, VerdictView::Agrees].into_iter().map(|v| html! {
                            <option value={v.id()} selected={verdict == Some(v)}>{ format!("{} {}", mark(v), verdict_label(lang, v)) }</option>
                        }) }
                    </select>
                </label>
            </div>
            <ol class="claim-list" role="list">
                { for shown.iter().map(|c| claim(lang, c, &props.dispatch)) }
            </ol>
        </div>
    }
}
