use gouji_web::i18n::{cause_line, causes_summary, page_line, shown_of, Lang};
use gouji_web::protocol::{AnalysisView, CellAddr, FindingView, SeverityView};
use gouji_web::state::{filter_options, filtered, Action, Shared, Tab, Ui};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FindingsProps {
    pub lang: Lang,
    pub unit: Shared<AnalysisView>,
    pub ui: Ui,
    pub dispatch: Callback<Action>,
}

pub fn severity_label(lang: Lang, s: SeverityView) -> &'static str {
    let t = lang.texts();
    match s {
        SeverityView::Error => t.sev_error,
        SeverityView::Warning => t.sev_warning,
        SeverityView::Info => t.sev_info,
    }
}

fn select_value(e: &Event) -> Option<String> {
    e.target_dyn_into::<HtmlSelectElement>().map(|s| s.value()).filter(|v| !v.is_empty())
}

/// A cell address as a link that shows the cell in its table.
pub fn cell_link(cell: &CellAddr, lang: Lang, dispatch: &Callback<Action>) -> Html {
    let c = cell.clone();
    let onclick = dispatch.reform(move |e: MouseEvent| {
        e.stop_propagation();
        Action::ShowCell(c.clone())
    });
    if cell.table.is_some() {
        html! {
            <button type="button" class="cell-ref link" data-testid="cell-link" data-sheet={cell.sheet.clone()}
                data-row={cell.row.to_string()} data-col={cell.col.to_string()} data-a1={cell.a1.clone()}
                data-page={cell.page.map(|p| p.to_string())} title={cell.full()} {onclick}>
                { cell.shown(lang) }
            </button>
        }
    } else {
        html! { <span class="cell-ref" data-page={cell.page.map(|p| p.to_string())} title={cell.full()}>{ cell.shown(lang) }</span> }
    }
}

/// Expected, actual and difference, in the finding's unit.
pub fn amounts(lang: Lang, expected: &Option<String>, actual: &Option<String>, difference: &Option<String>, unit: Option<&str>) -> Html {
    let t = lang.texts();
    if expected.is_none() && actual.is_none() {
        return html! {};
    }
    let unit = unit.unwrap_or("").to_string();
    let item = |label: &'static str, v: &Option<String>, class: &'static str| match v {
        Some(v) => html! {
            <div class={classes!("amounts__item", class)}>
                <dt>{ label }</dt>
                <dd><span class="num" data-testid={format!("amount-{class}")}>{ v.clone() }</span>{ " " }<span class="unit">{ unit.clone() }</span></dd>
            </div>
        },
        None => html! {},
    };
    html! {
        <dl class="amounts">
            { item(t.expected, expected, "expected") }
            { item(t.actual, actual, "actual") }
            { item(t.difference, difference, "difference") }
        </dl>
    }
}

fn finding_card(lang: Lang, f: &FindingView, selected: bool, dispatch: &Callback<Action>) -> Html {
    let t = lang.texts();
    let id = f.id;
    let open = dispatch.reform(move |_: MouseEvent| Action::SelectFinding(id));
    let open_text = dispatch.reform(|_: MouseEvent| Action::SelectTab(Tab::Claims));
    let first = f.cells.first();
    let sev = f.severity.id();
    html! {
        <li class={classes!("finding", format!("finding--{sev}"), selected.then_some("finding--selected"))}
            data-testid="finding" data-rule={f.rule.clone()} data-severity={sev} data-table={f.table.clone().unwrap_or_default()}
            data-cell-sheet={first.map(|c| c.sheet.clone())} data-cell-row={first.map(|c| c.row.to_string())}
            data-cell-col={first.map(|c| c.col.to_string())} data-cell-a1={first.map(|c| c.a1.clone())}>
            <div class="finding__head">
                <span class={classes!("sev", format!("sev--{sev}"))}>{ severity_label(lang, f.severity) }</span>
                <span class="rule-id">{ f.rule.clone() }</span>
                <span class="finding__rule">{ f.rule_title.get(lang).to_string() }</span>
            </div>
            <p class="finding__message" data-testid="finding-message">{ f.message.get(lang).to_string() }</p>
            { amounts(lang, &f.expected, &f.actual, &f.difference, f.unit.as_ref().map(|u| u.get(lang))) }
            if let Some(span) = &f.text {
                <blockquote class="finding__quote">
                    if let Some((page, line)) = span.page {
                        <span class="muted small" data-testid="finding-page">{ page_line(lang, page, line) }{ " · " }</span>
                    }
                    { span.sentence.clone() }
                </blockquote>
            }
            <div class="finding__foot">
                if !f.cells.is_empty() {
                    <span class="finding__cells">
                        <span class="muted">{ t.cells_label }{ lang.pick("：", ": ") }</span>
                        { for f.cells.iter().map(|c| cell_link(c, lang, dispatch)) }
                    </span>
                }
                if f.table_index().is_some() {
                    <button type="button" class="button button--small" data-testid="finding-open" onclick={open}>{ t.show_in_table }</button>
                } else if f.text.is_some() {
                    <button type="button" class="button button--small" data-testid="finding-open-text" onclick={open_text}>{ t.text_place }</button>
                }
            </div>
        </li>
    }
}

/// The findings, filterable by severity, table and rule.
#[function_component(FindingsPanel)]
pub fn findings_panel(props: &FindingsProps) -> Html {
    let lang = props.lang;
    let t = lang.texts();
    let u = &props.unit.unit;
    let ui = &props.ui;
    let shown = filtered(u, ui);
    let (rules, tables) = filter_options(u);
    let on_severity = props.dispatch.reform(|e: Event| {
        Action::FilterSeverity(match select_value(&e).as_deref() {
            Some("error") => Some(SeverityView::Error),
            Some("warning") => Some(SeverityView::Warning),
            Some("info") => Some(SeverityView::Info),
            _ => None,
        })
    });
    let on_table = props.dispatch.reform(|e: Event| Action::FilterTable(select_value(&e)));
    let on_rule = props.dispatch.reform(|e: Event| Action::FilterRule(select_value(&e)));
    let sev_selected = |s: SeverityView| ui.severity == Some(s);
    if u.findings.is_empty() {
        return html! { <p class="empty-state" data-testid="findings-none">{ t.findings_none }</p> };
    }
    html! {
        <div class="findings" data-testid="findings">
            <div class="filters">
                <label class="filter">
                    <span>{ t.filter_severity }</span>
                    <select data-testid="filter-severity" onchange={on_severity}>
                        <option value="" selected={ui.severity.is_none()}>{ t.filter_all }</option>
                        { for [SeverityView::Error, SeverityView::Warning, SeverityView::Info].into_iter().map(|s| html! {
                            <option value={s.id()} selected={sev_selected(s)}>{ severity_label(lang, s) }</option>
                        }) }
                    </select>
                </label>
                <label class="filter">
                    <span>{ t.filter_table }</span>
                    <select data-testid="filter-table" onchange={on_table}>
                        <option value="" selected={ui.table_filter.is_none()}>{ t.filter_all }</option>
                        { for tables.iter().map(|(id, name)| html! {
                            <option value={id.clone()} selected={ui.table_filter.as_deref() == Some(id.as_str())}>{ name.get(lang).to_string() }</option>
                        }) }
                    </select>
                </label>
                <label class="filter">
                    <span>{ t.filter_rule }</span>
                    <select data-testid="filter-rule" onchange={on_rule}>
                        <option value="" selected={ui.rule_filter.is_none()}>{ t.filter_all }</option>
                        { for rules.iter().map(|(id, name)| html! {
                            <option value={id.clone()} selected={ui.rule_filter.as_deref() == Some(id.as_str())}>{ format!("{id} {}", name.get(lang)) }</option>
                        }) }
                    </select>
                </label>
                <span class="filters__count muted" data-testid="findings-count">{ shown_of(lang, shown.len(), u.findings.len()) }</span>
            </div>
            if !u.causes.is_empty() {
                <section class="causes" data-testid="causes" aria-labelledby="causes-title">
                    <h3 class="causes__title" id="causes-title">{ t.causes_title }
                        <span class="muted small">{ " · " }{ causes_summary(lang, u.causes.len(), u.causes.iter().map(|c| c.findings.len()).sum(), u.findings.len()) }</span>
                    </h3>
                    <ul role="list">
                        { for u.causes.iter().map(|c| html! {
                            <li class="cause" data-testid="cause" data-relations={c.findings.len().to_string()}>
                                <p>{ cause_line(lang, &c.difference, c.findings.len()) }{ " " }{ cell_link(&c.cell, lang, &props.dispatch) }</p>
                                <details>
                                    <summary class="small">{ lang.pick("查看这些关系", "Show the relations") }</summary>
                                    <ul class="cause__relations" role="list">
                                        { for c.findings.iter().filter_map(|&i| u.findings.get(i)).map(|f| {
                                            let id = f.id;
                                            let onclick = props.dispatch.reform(move |_: MouseEvent| Action::SelectFinding(id));
                                            html! {
                                                <li><button type="button" class="link small" {onclick}>
                                                    <span class="rule-id">{ f.rule.clone() }</span>{ " " }{ f.message.get(lang).to_string() }
                                                </button></li>
                                            }
                                        }) }
                                    </ul>
                                </details>
                            </li>
                        }) }
                    </ul>
                </section>
            }
            if shown.is_empty() {
                <p class="empty-state">{ t.findings_none_filtered }</p>
            }
            <ol class="finding-list" role="list">
                { for shown.iter().map(|f| finding_card(lang, f, ui.finding == Some(f.id), &props.dispatch)) }
            </ol>
        </div>
    }
}
