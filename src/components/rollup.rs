//! The roll-up of a check of several units: one row per unit — name, source, year, kind, errors,
//! warnings, 三公 total, 检查表 否 — sortable by any column, filterable to the units with errors;
//! a row opens its unit. The sorting and filtering are `state::rollup_rows` (tested on the host).

use gouji_protocol::i18n::{units_more, Lang};
use gouji_protocol::protocol::AnalysisView;
use gouji_protocol::state::{rollup_rows, Action, RollupKey, Shared, Ui};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::unit_picker::UNITS_PER_PAGE;

#[derive(Properties, PartialEq)]
pub struct RollupProps {
    pub lang: Lang,
    pub result: Shared<AnalysisView>,
    pub ui: Ui,
    pub busy: bool,
    pub on_unit: Callback<usize>,
    /// Pairs a unit (first) with another as its prior year, or with none.
    pub on_pair: Callback<(usize, Option<usize>)>,
    pub dispatch: Callback<Action>,
}

#[function_component(Rollup)]
pub fn rollup(props: &RollupProps) -> Html {
    let lang = props.lang;
    let t = lang.texts();
    let units = &props.result.units;
    let current = props.result.unit.index;
    let rows = rollup_rows(units, &props.ui);
    let limit = use_state_eq(|| UNITS_PER_PAGE);
    let hidden = rows.len().saturating_sub(*limit);
    let more = {
        let limit = limit.clone();
        Callback::from(move |_: MouseEvent| limit.set(*limit + UNITS_PER_PAGE))
    };
    let with_errors = units.iter().filter(|u| u.counts.errors > 0).count();
    let (key, desc) = props.ui.rollup;
    let head = |k: RollupKey, label: &'static str| {
        let sort = if key == k {
            if desc {
                "descending"
            } else {
                "ascending"
            }
        } else {
            "none"
        };
        let onclick = props.dispatch.reform(move |_: MouseEvent| Action::RollupSort(k));
        html! {
            <th scope="col" aria-sort={sort}>
                <button type="button" class="rollup__sort" data-testid={format!("rollup-sort-{k:?}").to_lowercase()} {onclick}>
                    { label }
                    <span aria-hidden="true">{ match sort { "descending" => " ▼", "ascending" => " ▲", _ => "" } }</span>
                </button>
            </th>
        }
    };
    let onchange =
        props.dispatch.reform(|e: Event| Action::ErrorsOnly(e.target_dyn_into::<HtmlInputElement>().is_some_and(|el| el.checked())));
    let paired = units.iter().any(|u| u.prior.is_some());
    // A unit's label in the pairing choice: its name, year and file.
    let label = |u: &gouji_protocol::protocol::UnitSummary| {
        [
            u.name.clone().unwrap_or_else(|| t.unit_unnamed.to_string()),
            u.year.map(|y| y.to_string()).unwrap_or_default(),
            u.source.clone().unwrap_or_default(),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
    };
    // Up to 50 units: a choice of prior year per row. More is a many-unit workbook, not years.
    let pairing = units.len() <= 50;
    html! {
        <details class="card rollup" data-testid="rollup" open=true>
            <summary class="rollup__summary">
                <h2 class="section-title">{ t.rollup_title }</h2>
                <span class="muted" data-testid="rollup-count">{ lang.pick(
                    &format!("{} 个单位，{} 个有错误", units.len(), with_errors),
                    &format!("{} units, {} with errors", units.len(), with_errors),
                ) }</span>
            </summary>
            if paired {
                <p class="muted small" data-testid="rollup-paired">{ t.rollup_paired }</p>
            }
            <label class="rollup__filter">
                <input type="checkbox" data-testid="rollup-errors-only" checked={props.ui.errors_only} {onchange} />
                { t.rollup_errors_only }
            </label>
            <div class="rollup__scroll">
                <table class="rollup__table">
                    <thead>
                        <tr>
                            { head(RollupKey::Name, t.rollup_unit) }
                            <th scope="col">{ t.rollup_source }</th>
                            { head(RollupKey::Year, t.rollup_year) }
                            <th scope="col">{ t.rollup_kind }</th>
                            { head(RollupKey::Errors, t.rollup_errors) }
                            { head(RollupKey::Warnings, t.rollup_warnings) }
                            { head(RollupKey::ThreePublic, t.rollup_three_public) }
                            { head(RollupKey::Checklist, t.rollup_checklist) }
                            if pairing {
                                <th scope="col">{ t.rollup_prior }</th>
                                <th scope="col">{ t.rollup_change }</th>
                            }
                        </tr>
                    </thead>
                    <tbody>
                        { for rows.iter().enumerate().filter(|(i, u)| *i < *limit || u.index == current).map(|(_, u)| {
                            let index = u.index;
                            let selected = index == current;
                            let onclick = props.on_unit.reform(move |_: MouseEvent| index);
                            let name = u.name.clone().unwrap_or_else(|| t.unit_unnamed.to_string());
                            html! {
                                <tr key={index} data-testid="rollup-row" data-unit-index={index.to_string()} data-year={u.year.map(|y| y.to_string())}
                                    data-errors={u.counts.errors.to_string()} class={classes!(selected.then_some("rollup__row--selected"))}>
                                    <th scope="row">
                                        <button type="button" class="rollup__open" title={name.clone()} aria-current={selected.then_some("true")}
                                            disabled={props.busy && !selected} {onclick}>{ name }</button>
                                    </th>
                                    <td class="small muted">{ u.source.clone().unwrap_or_default() }</td>
                                    <td class="num">{ u.year.map(|y| y.to_string()).unwrap_or_default() }</td>
                                    <td class="small">{ if u.final_accounts { t.rollup_final_accounts } else { t.rollup_budget } }</td>
                                    <td class="num">
                                        if u.counts.errors > 0 {
                                            <span class="pill pill--error">{ u.counts.errors }</span>
                                        } else {
                                            { "0" }
                                        }
                                    </td>
                                    <td class="num">{ u.counts.warnings }</td>
                                    <td class="num">{ u.three_public.as_ref().map(|t| t.0.clone()).unwrap_or_default() }</td>
                                    <td class="num">{ u.checklist_no }</td>
                                    if pairing {
                                        <td>
                                            <select class="rollup__prior" data-testid="rollup-prior" aria-label={t.rollup_prior_label}
                                                disabled={props.busy}
                                                onchange={props.on_pair.reform(move |e: Event| {
                                                    let v = e.target_dyn_into::<web_sys::HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
                                                    (index, v.parse::<usize>().ok())
                                                })}>
                                                <option value="" selected={u.prior.is_none()}>{ t.rollup_prior_none }</option>
                                                { for units.iter().filter(|o| o.index != index).map(|o| html! {
                                                    <option value={o.index.to_string()} selected={u.prior == Some(o.index)}>{ label(o) }</option>
                                                }) }
                                            </select>
                                        </td>
                                        <td class="num" data-testid="rollup-change">{ u.change.clone().unwrap_or_default() }</td>
                                    }
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            if hidden > 0 {
                <button type="button" class="button button--quiet" data-testid="rollup-more" onclick={more}>
                    { units_more(lang, UNITS_PER_PAGE, hidden) }
                </button>
            }
        </details>
    }
}
