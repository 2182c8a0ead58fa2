use std::collections::{BTreeMap, HashMap};

use gouji_protocol::i18n::Lang;
use gouji_protocol::protocol::{AnalysisView, CellView, ColumnView, HalfView, RowKind, RowView, TableView};
use gouji_protocol::state::{highlights, Action, Highlight, Shared, Ui};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::findings::{amounts, cell_link, severity_label};
use crate::web;

#[derive(Properties, PartialEq)]
pub struct TableViewProps {
    pub lang: Lang,
    pub unit: Shared<AnalysisView>,
    pub ui: Ui,
    pub dispatch: Callback<Action>,
}

type Marks = HashMap<(String, u32, u32), Highlight>;

/// What a cell needs to be drawn: the table's sheet, the highlights and the cell to scroll to.
struct Ctx<'a> {
    lang: Lang,
    sheet: &'a str,
    marks: &'a Marks,
    focus: Option<(u32, u32)>,
}

impl Ctx<'_> {
    fn attrs(&self, row: u32, col: u32) -> (Option<&'static str>, bool, String, String) {
        let mark = self.marks.get(&(self.sheet.to_string(), row, col)).map(|h| h.id());
        let focused = self.focus == Some((row, col));
        let a1 = gouji_protocol::protocol::a1(row, col);
        let title = format!("{}!{a1}", self.sheet);
        (mark, focused, a1, title)
    }

    fn amount(&self, cell: &Option<CellView>) -> Html {
        let Some(c) = cell else { return html! { <td class="num cell cell--none"></td> } };
        let (mark, focused, a1, title) = self.attrs(c.row, c.col);
        let class = classes!(
            "num",
            "cell",
            mark.map(|m| format!("cell--{m}")),
            c.unreadable.then_some("cell--unreadable"),
            focused.then_some("cell--focus")
        );
        html! {
            <td {class} data-testid="cell" data-sheet={self.sheet.to_string()} data-row={c.row.to_string()}
                data-col={c.col.to_string()} data-a1={a1.clone()} data-highlight={mark} data-focus={focused.then_some("true")} {title}>
                if c.unreadable {
                    <span class="cell__bad">{ self.lang.texts().unreadable_cell }</span>
                } else {
                    { c.text.clone() }
                }
                <span class="addr" aria-hidden="true">{ a1 }</span>
            </td>
        }
    }

    /// The name cell; `sticky` keeps it in view when the table scrolls sideways.
    fn name(&self, r: &RowView, sticky: bool) -> Html {
        let (mark, focused, a1, title) = match r.label {
            Some((row, col)) => {
                let (m, f, a1, t) = self.attrs(row, col);
                (m, f, Some(a1), Some(t))
            }
            None => (None, false, None, None),
        };
        let class = classes!(
            "name",
            format!("name--level{}", r.level),
            sticky.then_some("name--sticky"),
            mark.map(|m| format!("cell--{m}")),
            focused.then_some("cell--focus")
        );
        html! {
            <td {class} data-highlight={mark} data-focus={focused.then_some("true")} data-a1={a1.clone()} {title}>
                if let Some(code) = &r.code {
                    <span class="name__code">{ code.clone() }</span>
                }
                <span class="name__text">{ r.name.clone() }</span>
                if let Some(a1) = a1 {
                    <span class="addr" aria-hidden="true">{ a1 }</span>
                }
            </td>
        }
    }
}

fn header(c: &ColumnView, lang: Lang) -> Html {
    let last = c.header.rsplit(" / ").next().unwrap_or("").trim().to_string();
    let label = if last.is_empty() { c.name.get(lang).to_string() } else { last };
    html! { <th scope="col" class="num" title={c.header.clone()}>{ label }</th> }
}

fn row_class(r: &RowView) -> Classes {
    classes!(
        "row",
        format!("row--level{}", r.level),
        matches!(r.kind, RowKind::Total).then_some("row--total"),
        matches!(r.kind, RowKind::Summary).then_some("row--summary")
    )
}

fn plain_table(t: &TableView, ctx: &Ctx<'_>) -> Html {
    let tx = ctx.lang.texts();
    html! {
        <table class="budget-table" data-testid="budget-table">
            <thead>
                <tr>
                    <th scope="col" class="code">{ tx.col_code }</th>
                    <th scope="col" class="name name--sticky">{ tx.col_name }</th>
                    { for t.columns.iter().map(|c| header(c, ctx.lang)) }
                </tr>
            </thead>
            <tbody>
                { for t.rows.iter().map(|r| html! {
                    <tr class={row_class(r)} tabindex="0" data-code={r.code.clone()} data-row={r.row.to_string()}>
                        <td class="code">{ r.code.clone().unwrap_or_default() }</td>
                        { ctx.name(r, true) }
                        { for r.cells.iter().map(|c| ctx.amount(c)) }
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

/// A table with an income half and an expenditure half side by side, as published.
fn two_half_table(t: &TableView, ctx: &Ctx<'_>) -> Html {
    let tx = ctx.lang.texts();
    let left: Vec<usize> = (0..t.columns.len()).filter(|&i| t.columns[i].half != HalfView::Expenditure).collect();
    let right: Vec<usize> = (0..t.columns.len()).filter(|&i| t.columns[i].half == HalfView::Expenditure).collect();
    let mut lines: BTreeMap<u32, (Option<&RowView>, Option<&RowView>)> = BTreeMap::new();
    for r in &t.rows {
        let e = lines.entry(r.row).or_default();
        if r.half == HalfView::Expenditure {
            e.1 = Some(r);
        } else {
            e.0 = Some(r);
        }
    }
    let side = |r: Option<&RowView>, cols: &[usize], sticky: bool| -> Html {
        match r {
            Some(r) => html! {
                <>
                    { ctx.name(r, sticky) }
                    { for cols.iter().map(|&i| ctx.amount(r.cells.get(i).unwrap_or(&None))) }
                </>
            },
            None => html! {
                <>
                    <td class={classes!("name", sticky.then_some("name--sticky"))}></td>
                    { for cols.iter().map(|_| html! { <td class="num cell cell--none"></td> }) }
                </>
            },
        }
    };
    html! {
        <table class="budget-table budget-table--halves" data-testid="budget-table">
            <thead>
                <tr>
                    <th scope="col" class="name name--sticky">{ tx.half_income }</th>
                    { for left.iter().map(|&i| header(&t.columns[i], ctx.lang)) }
                    <th scope="col" class="name name--split">{ tx.half_expenditure }</th>
                    { for right.iter().map(|&i| header(&t.columns[i], ctx.lang)) }
                </tr>
            </thead>
            <tbody>
                { for lines.iter().map(|(row, (l, r))| {
                    let total = [l, r].iter().any(|x| x.is_some_and(|x| matches!(x.kind, RowKind::Total)));
                    html! {
                        <tr class={classes!("row", total.then_some("row--total"))} tabindex="0" data-row={row.to_string()}>
                            { side(*l, &left, true) }
                            { side(*r, &right, false) }
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

/// The recognised tables, one at a time, drawn like the original, with a finding's cells
/// highlighted (the checked cell and the compared ones differently).
#[function_component(TableViewPanel)]
pub fn table_view_panel(props: &TableViewProps) -> Html {
    let lang = props.lang;
    let t = lang.texts();
    let u = &props.unit.unit;
    let ui = &props.ui;

    // Scroll to the cell of a newly selected finding (or linked cell) once it is drawn.
    use_effect_with(ui.scroll, |scroll| {
        if *scroll > 0 {
            web::reveal(
                "[data-testid=\"table-view\"]",
                "[data-testid=\"table-view\"] .table-scroll",
                "[data-testid=\"budget-table\"] [data-focus=\"true\"]",
            );
        }
    });

    if u.tables.is_empty() {
        return html! { <p class="empty-state">{ t.no_tables }</p> };
    }
    let ti = ui.table.min(u.tables.len() - 1);
    let table = &u.tables[ti];
    let finding = ui.finding.and_then(|i| u.findings.get(i));
    let marks = highlights(finding);
    let focus = ui.focus.as_ref().filter(|c| c.sheet == table.sheet).map(|c| (c.row, c.col));
    let ctx = Ctx { lang, sheet: &table.sheet, marks: &marks, focus };
    let on_select = props.dispatch.reform(|e: Event| {
        let i = e.target_dyn_into::<HtmlSelectElement>().and_then(|s| s.value().parse().ok()).unwrap_or(0);
        Action::SelectTable(i)
    });
    let others: Vec<_> = finding.map(|f| f.cells.iter().filter(|c| c.table != Some(ti)).collect()).unwrap_or_default();

    html! {
        <div class="table-view" data-testid="table-view" data-table-id={table.id.clone()} data-table-index={ti.to_string()}>
            <div class="table-view__bar">
                <label class="filter">
                    <span>{ t.table_select_label }</span>
                    <select data-testid="table-select" onchange={on_select}>
                        { for u.tables.iter().enumerate().map(|(i, x)| html! {
                            <option value={i.to_string()} selected={i == ti}>{ x.name.get(lang).to_string() }</option>
                        }) }
                    </select>
                </label>
                <dl class="table-view__meta">
                    <div><dt>{ t.sheet_label }</dt><dd>{ table.sheet.clone() }</dd></div>
                    <div><dt>{ t.title_cell_label }</dt><dd>{ table.title_cell.a1.clone() }</dd></div>
                    <div><dt>{ t.money_unit_label }</dt><dd>{ table.unit.as_ref().map(|n| n.get(lang).to_string()).unwrap_or_else(|| t.unknown.to_string()) }</dd></div>
                </dl>
            </div>
            <h3 class="table-view__title" data-testid="table-title">{ table.title.clone() }</h3>
            if let Some(f) = finding {
                <div class={classes!("selected-finding", format!("selected-finding--{}", f.severity.id()))} data-testid="selected-finding" data-rule={f.rule.clone()}>
                    <div class="selected-finding__head">
                        <span class="muted">{ t.selected_finding }</span>
                        <span class={classes!("sev", format!("sev--{}", f.severity.id()))}>{ severity_label(lang, f.severity) }</span>
                        <span class="rule-id">{ f.rule.clone() }</span>
                        <button type="button" class="button button--quiet button--small" data-testid="clear-finding"
                            onclick={props.dispatch.reform(|_: MouseEvent| Action::ClearFinding)}>{ t.clear_selection }</button>
                    </div>
                    <p class="selected-finding__message">{ f.message.get(lang).to_string() }</p>
                    { amounts(lang, &f.expected, &f.actual, &f.difference, f.unit.as_ref().map(|n| n.get(lang))) }
                    <p class="legend">
                        <span class="legend__item"><span class="swatch swatch--checked" aria-hidden="true"></span>{ t.legend_checked }
                            if let Some(c) = f.cells.first() { { " " }{ cell_link(c, lang, &props.dispatch) } }
                        </span>
                        if f.cells.len() > 1 {
                            <span class="legend__item"><span class="swatch swatch--compared" aria-hidden="true"></span>{ t.legend_compared }</span>
                        }
                    </p>
                    if !others.is_empty() {
                        <p class="selected-finding__others" data-testid="other-cells">
                            <span class="muted">{ t.other_tables_cells }{ lang.pick("：", ": ") }</span>
                            { for others.iter().map(|c| cell_link(c, lang, &props.dispatch)) }
                        </p>
                    }
                </div>
            }
            if table.empty {
                <p class="notice">{ t.empty_table_note }</p>
            }
            <p class="hint muted">{ t.address_hint }</p>
            <p class="scroll-hint" aria-hidden="true" data-testid="scroll-hint">{ lang.pick("← 左右滑动查看更多列 →", "← swipe sideways for more columns →") }</p>
            <div class="table-scroll">
                if table.two_halves { { two_half_table(table, &ctx) } } else { { plain_table(table, &ctx) } }
            </div>
        </div>
    }
}
