use gouji_protocol::i18n::{converted_note, Lang};
use gouji_protocol::protocol::{AnalysisView, Figure, SeverityView};
use gouji_protocol::state::{Action, Shared};
use yew::prelude::*;

use crate::components::charts::{Part, Shares, Variant};
use crate::components::findings::{cell_link, severity_label};

#[derive(Properties, PartialEq)]
pub struct ThreePublicProps {
    pub lang: Lang,
    pub unit: Shared<AnalysisView>,
    pub dispatch: Callback<Action>,
}

/// The 三公 spending: its total, the four items with their shares (an SVG chart), 机关运行经费,
/// and each item against the economic line of basic spending it must cover.
#[function_component(ThreePublicPanel)]
pub fn three_public_panel(props: &ThreePublicProps) -> Html {
    let lang = props.lang;
    let t = lang.texts();
    let Some(tp) = props.unit.unit.three_public.as_ref() else {
        return html! { <p class="empty-state" data-testid="tp-missing">{ t.tp_missing }</p> };
    };
    let unit = tp.unit.as_ref().map(|u| u.get(lang).to_string()).unwrap_or_default();
    let with_unit = |text: &str| if unit.is_empty() { text.to_string() } else { format!("{text} {unit}") };
    let parts: Vec<Part> = tp
        .items
        .iter()
        .map(|i| Part {
            key: i.role.clone(),
            label: i.name.get(lang).to_string(),
            value: i.figure.value,
            text: with_unit(&i.figure.text),
            raw: i.figure.text.clone(),
            share: i.share.clone(),
        })
        .collect();
    let total = tp.total.as_ref().map(|f| f.text.clone()).unwrap_or_default();
    let figure = |label: &'static str, f: &Option<Figure>, testid: &'static str, main: bool| match f {
        Some(f) => html! {
            <div class={classes!("figure", main.then_some("figure--main"))}>
                <span class="figure__label">{ label }</span>
                <span class="figure__value" data-testid={testid} data-value={f.text.clone()}>
                    <span class="num">{ f.text.clone() }</span>{ " " }<span class="unit">{ unit.clone() }</span>
                </span>
            </div>
        },
        None => html! {},
    };
    let table = tp.table;
    let open = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::SelectTable(table));
            dispatch.emit(Action::SelectTab(gouji_protocol::state::Tab::Tables));
        })
    };
    // The relations of this table that fail (rounding notes aside), each opening its cells.
    let failing: Vec<_> = props
        .unit
        .unit
        .findings
        .iter()
        .filter(|f| f.table.as_deref() == Some("three_public") && f.severity != SeverityView::Info)
        .collect();
    html! {
        <div class="three-public" data-testid="three-public">
            <section class={classes!("tp-findings", (!failing.is_empty()).then_some("tp-findings--bad"))} data-testid="tp-findings"
                aria-label={t.tp_findings_title}>
                if failing.is_empty() {
                    <p class="muted small">{ "✓ " }{ t.tp_findings_none }</p>
                } else {
                    <h3 class="section-title">{ t.tp_findings_title }</h3>
                    <ul role="list">
                        { for failing.iter().map(|f| {
                            let id = f.id;
                            let onclick = props.dispatch.reform(move |_: MouseEvent| Action::SelectFinding(id));
                            html! {
                                <li data-testid="tp-finding" data-rule={f.rule.clone()}>
                                    <span class={classes!("sev", format!("sev--{}", f.severity.id()))}>{ severity_label(lang, f.severity) }</span>
                                    { " " }<span class="rule-id">{ f.rule.clone() }</span>{ " " }
                                    <button type="button" class="link" {onclick}>{ f.message.get(lang).to_string() }</button>
                                </li>
                            }
                        }) }
                    </ul>
                }
            </section>
            { for tp.disagreements.iter().map(|d| html! {
                <p class="notice notice--warn" role="note" data-testid="tp-disagreement">{ d.get(lang).to_string() }</p>
            }) }
            <div class="three-public__figures">
                { figure(t.tp_total, &tp.total, "tp-total", true) }
                { figure(t.tp_vehicle, &tp.vehicle, "tp-vehicle", false) }
                { figure(t.tp_office, &tp.office, "tp-office", false) }
            </div>
            <figure class="chart-figure">
                <figcaption class="chart-figure__caption">{ t.tp_title }<span class="muted">{ format!(" · {unit}") }</span></figcaption>
                <Shares parts={parts.clone()} variant={Variant::Wide} label={t.tp_chart_label.to_string()} total={total.clone()} unit={unit.clone()} />
                <Shares {parts} variant={Variant::Narrow} label={t.tp_chart_label.to_string()} {total} unit={unit.clone()} />
            </figure>
            if !tp.prior.is_empty() {
                <h3 class="section-title">{ t.tp_prior_title }</h3>
                <div class="table-scroll table-scroll--auto">
                    <table class="data-table" data-testid="tp-prior">
                        <thead>
                            <tr>
                                <th scope="col">{ t.tp_col_item }</th>
                                <th scope="col" class="num">{ format!("{} ({unit})", t.col_new) }</th>
                                <th scope="col" class="num">{ format!("{} ({unit})", t.col_old) }</th>
                                <th scope="col" class="num">{ t.col_delta }</th>
                                <th scope="col" class="num">{ t.col_pct }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for tp.prior.iter().map(|p| html! {
                                <tr data-testid="tp-prior-row" data-role={p.role.clone()}>
                                    <th scope="row">{ p.name.get(lang).to_string() }</th>
                                    <td class="num">{ p.current.clone().unwrap_or_else(|| "—".into()) }</td>
                                    <td class="num">{ p.prior.clone().unwrap_or_else(|| "—".into()) }</td>
                                    <td class="num">{ p.change.clone().unwrap_or_else(|| "—".into()) }</td>
                                    <td class="num">{ p.percent.clone().unwrap_or_else(|| "—".into()) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
            <h3 class="section-title">{ t.tp_economic_title }</h3>
            <p class="muted small">{ t.tp_economic_note }
                if let (Some(from), Some(to)) = (&tp.economic_unit, &tp.unit) {
                    { " " }{ converted_note(lang, from.get(lang), to.get(lang)) }
                }
            </p>
            <div class="table-scroll table-scroll--auto">
                <table class="data-table" data-testid="tp-economic">
                    <thead>
                        <tr>
                            <th scope="col">{ t.tp_col_item }</th>
                            <th scope="col" class="num">{ format!("{} ({unit})", t.col_new) }</th>
                            <th scope="col">{ t.tp_col_economic }</th>
                            <th scope="col" class="num">{ format!("{} ({unit})", t.tp_col_economic) }</th>
                            <th scope="col">{ t.tp_col_result }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for tp.economic.iter().map(|l| {
                            let (class, text) = match l.covered {
                                Some(true) => ("ok", format!("✓ {}", t.tp_covered)),
                                Some(false) => ("bad", format!("✗ {}", t.tp_not_covered)),
                                None => ("unknown", format!("? {}", t.tp_unknown)),
                            };
                            html! {
                                <tr data-testid="tp-economic-row" data-code={l.code.clone()} data-covered={class}>
                                    <td>{ l.item_name.get(lang).to_string() }</td>
                                    <td class="num">{ l.item.clone().unwrap_or_else(|| "—".into()) }</td>
                                    <td>
                                        <span class="code">{ l.code.clone() }</span>{ " " }{ l.name.clone() }
                                        if let Some(c) = &l.economic_cell {
                                            <span class="small">{ " " }{ cell_link(c, lang, &props.dispatch) }</span>
                                        }
                                    </td>
                                    <td class="num" title={l.economic_written.clone()}>{ l.economic.clone().unwrap_or_else(|| "—".into()) }</td>
                                    <td class={format!("result result--{class}")}>{ text }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            <p class="three-public__open"><button type="button" class="button button--secondary" onclick={open}>{ t.tp_open_table }</button></p>
        </div>
    }
}
