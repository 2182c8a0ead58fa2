use gouji_protocol::i18n::{count_word, year, Lang};
use gouji_protocol::protocol::AnalysisView;
use gouji_protocol::state::{Action, Shared, Tab};
use yew::prelude::*;

use crate::components::icons::{AlertIcon, CheckIcon};

#[derive(Properties, PartialEq)]
pub struct OverviewProps {
    pub lang: Lang,
    pub result: Shared<AnalysisView>,
    pub dispatch: Callback<Action>,
}

/// The unit, year and unit of amounts; how many errors, warnings and notes; which tables were
/// found where, which are missing or empty; which relations could not be checked and why.
#[function_component(Overview)]
pub fn overview(props: &OverviewProps) -> Html {
    let lang = props.lang;
    let t = lang.texts();
    let r = &props.result;
    let u = &r.unit;
    let c = &u.counts;
    let money = if u.money_units.is_empty() {
        t.unknown.to_string()
    } else {
        u.money_units.iter().map(|n| n.get(lang).to_string()).collect::<Vec<_>>().join(lang.pick("、", ", "))
    };
    let mut files: Vec<String> = r.source.files.clone();
    if r.source.sample {
        files.insert(0, t.source_sample.to_string());
    }
    if r.source.text_chars.is_some() && r.source.files.is_empty() && !r.source.sample {
        files.push(t.pasted_text.to_string());
    }
    let tile = |n: usize, label: &'static str, kind: &'static str| {
        html! {
            <div class={classes!("count", format!("count--{kind}"), (n > 0).then_some("count--some"))}
                data-testid={format!("count-{kind}")} data-count={n.to_string()}>
                <span class="count__n">{ n }</span>
                <span class="count__label">{ label }</span>
            </div>
        }
    };
    let open = |i: usize| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::SelectTable(i));
            dispatch.emit(Action::SelectTab(Tab::Tables));
        })
    };
    html! {
        <section class="card overview" data-testid="overview" aria-labelledby="overview-title">
            <div class="overview__head">
                <div class="overview__unit">
                    <p class="overview__kicker" id="overview-title">{ t.overview_title }</p>
                    <h2 class="overview__name" data-testid="unit-name">
                        { u.name.clone().unwrap_or_else(|| t.unit_unnamed.to_string()) }
                    </h2>
                    <dl class="overview__meta">
                        <div><dt>{ if u.final_accounts { t.year_label_final } else { t.year_label } }</dt><dd data-testid="unit-year">{ year(lang, u.year) }</dd></div>
                        if let Some(f) = &u.family {
                            <div><dt>{ t.family_label }</dt><dd data-testid="unit-family">{ f.get(lang).to_string() }</dd></div>
                        }
                        <div><dt>{ t.money_unit_label }</dt><dd data-testid="money-units">{ money }</dd></div>
                        <div><dt>{ t.files_label }</dt><dd class="overview__files" data-testid="checked-files">{ files.join(lang.pick("，", ", ")) }</dd></div>
                    </dl>
                </div>
                <div class="counts">
                    { tile(c.errors, t.count_errors, "errors") }
                    { tile(c.warnings, t.count_warnings, "warnings") }
                    { tile(c.infos, t.count_infos, "info") }
                </div>
            </div>
            if c.errors == 0 {
                <div class="verdict verdict--ok" data-testid="no-errors">
                    <CheckIcon />
                    <p><strong>{ t.no_errors }</strong>{ " " }<span>{ t.no_errors_detail }</span></p>
                </div>
            } else {
                <div class="verdict verdict--bad" data-testid="has-errors">
                    <AlertIcon />
                    <p><strong>{ count_word(lang, c.errors, t.count_errors, "error", "errors") }</strong>{ " " }<span>{ t.has_errors_detail }</span></p>
                </div>
            }
            if let Some(e) = &r.prior_error {
                <div class="notice notice--warn" data-testid="prior-error" data-error-kind={e.kind.clone()}>
                    <strong>{ t.prior_error_title }</strong>{ "：" }{ e.text(lang).to_string() }
                </div>
            }
            <div class="overview__grid">
                <div>
                    <h3 class="section-title">{ t.tables_title }
                        <span class="section-title__count">{ format!("{}/{}", u.tables.len(), u.tables.len() + u.missing.len()) }</span>
                    </h3>
                    <table class="tables-list" data-testid="table-list">
                        <tbody>
                            { for u.tables.iter().enumerate().map(|(i, tv)| {
                                let status = if tv.empty { "empty" } else { "found" };
                                html! {
                                    <tr data-testid="table-item" data-table-id={tv.id.clone()} data-status={status}>
                                        <td class="tables-list__name">
                                            <button type="button" class="link" onclick={open(i)} title={tv.title.clone()}>{ tv.name.get(lang).to_string() }</button>
                                            <span class="tables-list__where-inline">{ table_where(tv, lang) }</span>
                                        </td>
                                        <td class="tables-list__where" data-testid="table-where" data-pages={tv.pages.map(|(a, b)| format!("{a}-{b}"))}>{ table_where(tv, lang) }</td>
                                        <td class="tables-list__unit">{ tv.unit.as_ref().map(|n| n.get(lang).to_string()).unwrap_or_else(|| t.unknown.to_string()) }</td>
                                        <td class="tables-list__status">
                                            <span class={classes!("pill", format!("pill--{status}"))}>{ if tv.empty { t.table_empty } else { t.table_found } }</span>
                                        </td>
                                    </tr>
                                }
                            }) }
                            { for u.missing.iter().map(|k| html! {
                                <tr data-testid="table-item" data-table-id={k.id.clone()} data-status="missing" class="tables-list__missing">
                                    <td class="tables-list__name">{ k.name.get(lang).to_string() }</td>
                                    <td class="tables-list__where">{ "—" }</td>
                                    <td class="tables-list__unit"></td>
                                    <td class="tables-list__status"><span class="pill pill--missing">{ t.table_missing }</span></td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
                <div>
                    <h3 class="section-title">{ t.not_checked_title }
                        <span class="section-title__count">{ u.not_checked.len() }</span>
                    </h3>
                    if u.not_checked.is_empty() {
                        <p class="muted" data-testid="not-checked-none">{ t.not_checked_none }</p>
                    } else {
                        <ul class="not-checked" data-testid="not-checked">
                            { for u.not_checked.iter().map(|n| html! {
                                <li data-rule={n.rule.clone()}>
                                    <span class="rule-id">{ n.rule.clone() }</span>
                                    <span class="not-checked__title">{ n.rule_title.get(lang).to_string() }</span>
                                    <span class="not-checked__reason">{ n.reason.get(lang).to_string() }</span>
                                </li>
                            }) }
                        </ul>
                    }
                </div>
            </div>
        </section>
    }
}

/// Where a table is: a PDF's pages (`第 9–10 页`), a sheet's title cell (`表2 收入总表!A1`).
fn table_where(tv: &gouji_protocol::protocol::TableView, lang: Lang) -> String {
    match (tv.pages, lang) {
        (Some((a, b)), Lang::Zh) if a == b => format!("第 {a} 页"),
        (Some((a, b)), Lang::Zh) => format!("第 {a}–{b} 页"),
        (Some((a, b)), Lang::En) if a == b => format!("page {a}"),
        (Some((a, b)), Lang::En) => format!("pages {a}–{b}"),
        (None, _) => tv.title_cell.full(),
    }
}
