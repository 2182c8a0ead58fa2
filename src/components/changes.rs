use gouji_protocol::i18n::{changes_count, changes_title, year, Lang};
use gouji_protocol::protocol::{AnalysisView, ChangeBar};
use gouji_protocol::state::{change_rows, Action, ChangeSort, Shared, Ui};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::charts::{Change, Diverging, Pair, Pairs, Variant};
use crate::components::findings::cell_link;

#[derive(Properties, PartialEq)]
pub struct ChangesProps {
    pub lang: Lang,
    pub unit: Shared<AnalysisView>,
    pub ui: Ui,
    pub dispatch: Callback<Action>,
}

/// Rows shown at most (the export has them all).
const MAX_ROWS: usize = 500;

fn status_label(lang: Lang, status: &str) -> &'static str {
    let t = lang.texts();
    match status {
        "new" => t.status_new,
        "removed" => t.status_removed,
        "renamed" => t.status_renamed,
        _ => "",
    }
}

fn change(b: &ChangeBar, lang: Lang) -> Option<Change> {
    let d = b.delta.as_ref()?;
    let text = match &b.pct {
        Some(p) => format!("{} ({p}%)", d.text),
        None => d.text.clone(),
    };
    Some(Change { key: b.key.clone(), label: b.label.get(lang).to_string(), value: d.value, text })
}

fn pair(b: &ChangeBar, lang: Lang) -> Pair {
    Pair {
        key: b.key.clone(),
        label: b.label.get(lang).to_string(),
        old: b.old.as_ref().map(|f| (f.value, f.text.clone())),
        new: b.new.as_ref().map(|f| (f.value, f.text.clone())),
        delta: b.delta.as_ref().map(|f| f.text.clone()),
    }
}

/// The prior year against this one: the largest movers by 类/款, the 三公 items year against
/// year, and every changed amount, sortable by the size of the change.
#[function_component(ChangesPanel)]
pub fn changes_panel(props: &ChangesProps) -> Html {
    let lang = props.lang;
    let t = lang.texts();
    let Some(c) = props.unit.unit.changes.as_ref() else {
        return html! { <p class="empty-state" data-testid="changes-none">{ t.changes_none }</p> };
    };
    let ui = &props.ui;
    let rows = change_rows(c, ui);
    let movers: Vec<Change> = c.movers.iter().filter_map(|b| change(b, lang)).collect();
    let tp: Vec<Pair> = c.three_public.iter().map(|b| pair(b, lang)).collect();
    let movers_unit = c.movers_unit.as_ref().map(|u| u.get(lang).to_string()).unwrap_or_default();
    let tp_unit = c.three_public_unit.as_ref().map(|u| u.get(lang).to_string()).unwrap_or_default();
    let old_label = year(lang, c.old_year);
    let new_label = year(lang, c.new_year);
    let on_sort = props.dispatch.reform(|e: Event| {
        let v = e.target_dyn_into::<HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
        Action::Sort(if v == "size" { ChangeSort::Size } else { ChangeSort::Table })
    });
    let on_totals =
        props.dispatch.reform(|e: Event| Action::TotalsOnly(e.target_dyn_into::<HtmlInputElement>().map(|i| i.checked()).unwrap_or(true)));
    let kinds = |list: &[gouji_protocol::protocol::KindView]| {
        list.iter().map(|k| k.name.get(lang).to_string()).collect::<Vec<_>>().join(lang.pick("、", ", "))
    };
    html! {
        <div class="changes" data-testid="changes">
            <div class="changes__head">
                <h3 class="section-title" data-testid="changes-title">{ changes_title(lang, c.old_year, c.new_year) }</h3>
                <p class="muted" data-testid="changes-count">
                    { changes_count(lang, c.rows.len(), c.compared) }
                    if let Some(p) = &c.prior_unit { { " · " }{ p.clone() } }
                </p>
            </div>
            if !movers.is_empty() {
                <figure class="chart-figure">
                    <figcaption class="chart-figure__caption">
                        { t.movers_title }
                        <span class="muted">
                            if let Some(m) = &c.movers_table { { " · " }{ m.get(lang).to_string() } }
                            { format!(" · {movers_unit}") }
                        </span>
                    </figcaption>
                    <Diverging rows={movers.clone()} variant={Variant::Wide} label={t.movers_title.to_string()} testid="movers-chart" />
                    <Diverging rows={movers} variant={Variant::Narrow} label={t.movers_title.to_string()} testid="movers-chart" />
                </figure>
            }
            if !tp.is_empty() {
                <figure class="chart-figure">
                    <figcaption class="chart-figure__caption">{ t.tp_yoy_title }<span class="muted">{ format!(" · {tp_unit}") }</span></figcaption>
                    <Pairs rows={tp.clone()} variant={Variant::Wide} label={t.tp_yoy_title.to_string()}
                        old_label={old_label.clone()} new_label={new_label.clone()} testid="tp-yoy-chart" />
                    <Pairs rows={tp} variant={Variant::Narrow} label={t.tp_yoy_title.to_string()}
                        old_label={old_label.clone()} new_label={new_label.clone()} testid="tp-yoy-chart" />
                </figure>
            }
            <div class="filters">
                <label class="filter">
                    <span>{ t.sort_label }</span>
                    <select data-testid="changes-sort" onchange={on_sort}>
                        <option value="size" selected={ui.sort == ChangeSort::Size}>{ t.sort_size }</option>
                        <option value="table" selected={ui.sort == ChangeSort::Table}>{ t.sort_table }</option>
                    </select>
                </label>
                <label class="check">
                    <input type="checkbox" data-testid="totals-only" checked={ui.totals_only} onchange={on_totals} />
                    <span>{ t.totals_only }</span>
                </label>
            </div>
            <p class="scroll-hint" aria-hidden="true">{ lang.pick("← 左右滑动查看更多列 →", "← swipe sideways for more columns →") }</p>
            <div class="table-scroll">
                <table class="data-table data-table--changes" data-testid="changes-table">
                    <thead>
                        <tr>
                            <th scope="col">{ t.col_table }</th>
                            <th scope="col" class="code">{ t.col_code }</th>
                            <th scope="col">{ t.col_name }</th>
                            <th scope="col">{ t.col_column }</th>
                            <th scope="col" class="num">{ old_label.clone() }</th>
                            <th scope="col" class="num">{ new_label.clone() }</th>
                            <th scope="col" class="num">{ t.col_delta }</th>
                            <th scope="col" class="num">{ t.col_pct }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for rows.iter().take(MAX_ROWS).map(|r| {
                            let sign = match r.delta.as_deref() {
                                Some(d) if d.starts_with('-') => "down",
                                Some(d) if d.starts_with('+') => "up",
                                _ => "flat",
                            };
                            html! {
                                <tr data-testid="change-row" data-size={r.size.to_string()} data-status={r.status.clone()} data-table={r.table.clone()}>
                                    <td class="muted small">{ r.table_name.get(lang).to_string() }</td>
                                    <td class="code">{ r.code.clone().unwrap_or_default() }</td>
                                    <td>
                                        { r.name.clone() }
                                        if r.status != "both" {
                                            <span class={classes!("pill", format!("pill--{}", r.status))}>{ status_label(lang, &r.status) }</span>
                                        }
                                        if let Some(old) = &r.old_name { <span class="muted small">{ format!(" ← {old}") }</span> }
                                        if let Some(cell) = &r.new_cell { <span class="change-cell">{ cell_link(cell, lang, &props.dispatch) }</span> }
                                    </td>
                                    <td class="small nowrap">{ r.column_name.get(lang).to_string() }</td>
                                    <td class="num">{ r.old.clone().unwrap_or_else(|| "—".into()) }</td>
                                    <td class="num">{ r.new.clone().unwrap_or_else(|| "—".into()) }</td>
                                    <td class={classes!("num", format!("delta--{sign}"))}>{ r.delta.clone().unwrap_or_else(|| "—".into()) }</td>
                                    <td class={classes!("num", format!("delta--{sign}"))}>{ r.pct.clone().map(|p| format!("{p}%")).unwrap_or_default() }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            if rows.len() > MAX_ROWS {
                <p class="muted small">{ t.changes_more }</p>
            }
            if !c.only_old.is_empty() {
                <p class="small"><strong>{ t.only_old_label }</strong>{ lang.pick("：", ": ") }{ kinds(&c.only_old) }</p>
            }
            if !c.only_new.is_empty() {
                <p class="small"><strong>{ t.only_new_label }</strong>{ lang.pick("：", ": ") }{ kinds(&c.only_new) }</p>
            }
            { for c.skipped.iter().map(|(k, why)| html! {
                <p class="small"><strong>{ t.skipped_label }</strong>{ lang.pick("：", ": ") }{ k.name.get(lang).to_string() }{ " — " }{ why.get(lang).to_string() }</p>
            }) }
        </div>
    }
}
