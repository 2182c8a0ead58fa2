use gouji_protocol::i18n::{cause_line, causes_summary, page_line, shown_of, Lang};
use gouji_protocol::protocol::{AnalysisView, CellAddr, FindingView, Mark, MarkStatus, Marks, SeverityView};
use gouji_protocol::state::{filter_options, shown_order, Action, Shared, Tab, Ui};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FindingsProps {
    pub lang: Lang,
    pub unit: Shared<AnalysisView>,
    pub ui: Ui,
    pub marks: Marks,
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
    amounts_worded(lang, expected, actual, difference, unit, false)
}

/// The amounts of a finding; `neutral` for a rounding note (计算值 / 表中数 / 差, no red).
fn amounts_worded(
    lang: Lang,
    expected: &Option<String>,
    actual: &Option<String>,
    difference: &Option<String>,
    unit: Option<&str>,
    neutral: bool,
) -> Html {
    let t = lang.texts();
    if expected.is_none() && actual.is_none() {
        return html! {};
    }
    let (l_expected, l_actual, l_difference) = if neutral { (t.computed, t.printed, t.gap) } else { (t.expected, t.actual, t.difference) };
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
        <dl class={classes!("amounts", neutral.then_some("amounts--neutral"))}>
            { item(l_expected, expected, "expected") }
            { item(l_actual, actual, "actual") }
            { item(l_difference, difference, "difference") }
        </dl>
    }
}

/// The person's mark on a finding: 已复核 / 可接受 (toggles) and, once marked, a comment.
fn mark_controls(lang: Lang, f: &FindingView, mark: Option<&Mark>, dispatch: &Callback<Action>) -> Html {
    let t = lang.texts();
    let toggle = |status: MarkStatus, label: &'static str| {
        let on = mark.is_some_and(|m| m.status == status);
        let key = f.key.clone();
        let onclick = dispatch.reform(move |_: MouseEvent| Action::SetMark { key: key.clone(), status: (!on).then_some(status) });
        html! {
            <button type="button" class={classes!("button", "button--secondary", "button--small", "mark", on.then_some("mark--on"))}
                aria-pressed={on.to_string()} data-testid={format!("mark-{}", status.id())} {onclick}>{ label }</button>
        }
    };
    let comment = mark.map(|m| {
        let key = f.key.clone();
        let onchange = dispatch.reform(move |e: Event| {
            let value = e.target_dyn_into::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            Action::MarkComment { key: key.clone(), comment: value }
        });
        html! {
            <input type="text" class="mark__comment" data-testid="mark-comment" aria-label={t.mark_comment}
                placeholder={t.mark_comment} value={m.comment.clone()} {onchange} />
        }
    });
    html! {
        <span class="marks" role="group" aria-label={t.mark_group}>
            { toggle(MarkStatus::Reviewed, t.mark_reviewed) }
            { toggle(MarkStatus::Accepted, t.mark_accepted) }
            { for comment }
        </span>
    }
}

fn finding_card(lang: Lang, f: &FindingView, selected: bool, mark: Option<&Mark>, dispatch: &Callback<Action>) -> Html {
    let t = lang.texts();
    let rounding = f.severity == SeverityView::Info;
    let id = f.id;
    let open = dispatch.reform(move |_: MouseEvent| Action::SelectFinding(id));
    let open_text = dispatch.reform(|_: MouseEvent| Action::SelectTab(Tab::Claims));
    let first = f.cells.first();
    let sev = f.severity.id();
    html! {
        <li class={classes!("finding", format!("finding--{sev}"), selected.then_some("finding--selected"), mark.map(|m| format!("finding--{}", m.status.id())))}
            id={format!("finding-{}", f.id)} data-testid="finding" data-rule={f.rule.clone()} data-severity={sev}
            data-mark={mark.map(|m| m.status.id())} data-table={f.table.clone().unwrap_or_default()}
            data-cell-sheet={first.map(|c| c.sheet.clone())} data-cell-row={first.map(|c| c.row.to_string())}
            data-cell-col={first.map(|c| c.col.to_string())} data-cell-a1={first.map(|c| c.a1.clone())}>
            <div class="finding__head">
                <span class={classes!("sev", format!("sev--{sev}"))}>{ severity_label(lang, f.severity) }</span>
                <span class="rule-id">{ f.rule.clone() }</span>
                <span class="finding__rule">{ f.rule_title.get(lang).to_string() }</span>
                if f.heuristic {
                    <span class="tag tag--heuristic" data-testid="heuristic" title={t.heuristic_title}>{ t.heuristic }</span>
                }
                if let Some(m) = mark {
                    <span class={classes!("tag", format!("tag--{}", m.status.id()))} data-testid="mark-badge">
                        { match m.status { MarkStatus::Reviewed => t.mark_reviewed, MarkStatus::Accepted => t.mark_accepted } }
                    </span>
                }
            </div>
            <p class="finding__message" data-testid="finding-message">{ f.message.get(lang).to_string() }</p>
            { amounts_worded(lang, &f.expected, &f.actual, &f.difference, f.unit.as_ref().map(|u| u.get(lang)), rounding) }
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
                if !rounding {
                    { mark_controls(lang, f, mark, dispatch) }
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
    let (open, rounding) = shown_order(u, ui);
    let shown_count = open.len() + rounding.len();
    let marked = u.findings.iter().filter(|f| props.marks.contains_key(&f.key)).count();
    let card = |f: &FindingView| finding_card(lang, f, ui.finding == Some(f.id), props.marks.get(&f.key), &props.dispatch);
    let step = |delta: i32| props.dispatch.reform(move |_: MouseEvent| Action::StepFinding(delta));
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
                <span class="filters__count muted" data-testid="findings-count">{ shown_of(lang, shown_count, u.findings.len()) }
                    if marked > 0 {
                        <span data-testid="marked-count">{ format!(" · {} {marked}", t.marked_count) }</span>
                    }
                </span>
                if !open.is_empty() {
                    <span class="filters__step">
                        <button type="button" class="button button--secondary button--small" data-testid="prev-finding" aria-keyshortcuts="K" onclick={step(-1)}>{ t.prev_finding }</button>
                        <button type="button" class="button button--secondary button--small" data-testid="next-finding" aria-keyshortcuts="J" onclick={step(1)}>{ t.next_finding }</button>
                        <span class="muted small">{ t.keys_hint }</span>
                    </span>
                }
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
            if shown_count == 0 {
                <p class="empty-state">{ t.findings_none_filtered }</p>
            }
            <ol class="finding-list" role="list">
                { for open.iter().map(|f| card(f)) }
            </ol>
            if !rounding.is_empty() {
                <details class="rounding" data-testid="rounding-group">
                    <summary data-testid="rounding-summary">{ format!("{} ({})", t.rounding_group, rounding.len()) }</summary>
                    <p class="muted small">{ t.rounding_note }</p>
                    <ol class="finding-list" role="list">
                        { for rounding.iter().map(|f| card(f)) }
                    </ol>
                </details>
            }
        </div>
    }
}

/// The findings as a plain list for print, under any tab but the findings' own (which prints
/// itself): errors and warnings with their cells and the person's marks, then how many rounding
/// notes there are.
#[derive(Properties, PartialEq)]
pub struct PrintFindingsProps {
    pub lang: Lang,
    pub unit: Shared<AnalysisView>,
    pub marks: Marks,
}

#[function_component(PrintFindings)]
pub fn print_findings(props: &PrintFindingsProps) -> Html {
    let lang = props.lang;
    let t = lang.texts();
    let u = &props.unit.unit;
    let (open, rounding) = shown_order(u, &Ui::default());
    html! {
        <section class="print-only print-findings" data-testid="print-findings">
            <h2 class="print-title">{ t.print_findings }</h2>
            if open.is_empty() {
                <p>{ t.findings_none }</p>
            }
            <ol>
                { for open.iter().map(|f| {
                    let cells: Vec<String> = f.cells.iter().take(4).map(|c| c.shown(lang)).collect();
                    let mark = props.marks.get(&f.key);
                    html! {
                        <li>
                            <strong>{ format!("{} {} ", severity_label(lang, f.severity), f.rule) }</strong>
                            { f.message.get(lang).to_string() }
                            if !cells.is_empty() {
                                <span class="muted">{ format!(" （{}）", cells.join("，")) }</span>
                            }
                            if let Some(m) = mark {
                                <em>{ format!(" [{}{}]", match m.status { MarkStatus::Reviewed => t.mark_reviewed, MarkStatus::Accepted => t.mark_accepted },
                                    if m.comment.is_empty() { String::new() } else { format!("：{}", m.comment) }) }</em>
                            }
                        </li>
                    }
                }) }
            </ol>
            if !rounding.is_empty() {
                <p class="muted">{ format!("{} ({})", t.rounding_group, rounding.len()) }</p>
            }
        </section>
    }
}
