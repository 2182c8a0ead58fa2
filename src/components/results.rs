use gouji_protocol::i18n::Lang;
use gouji_protocol::protocol::{AnalysisView, AnswerView, ExportFormat};
use gouji_protocol::state::{Action, Shared, Tab, Ui};
use yew::prelude::*;

use crate::components::changes::ChangesPanel;
use crate::components::claims::ClaimsPanel;
use crate::components::findings::{FindingsPanel, PrintFindings};
use crate::components::icons::{DownloadIcon, PrintIcon};
use crate::components::overview::Overview;
use crate::components::review::ReviewPanel;
use crate::components::rollup::Rollup;
use crate::components::table_view::TableViewPanel;
use crate::components::three_public::ThreePublicPanel;
use crate::components::unit_picker::UnitPicker;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub lang: Lang,
    pub result: Shared<AnalysisView>,
    pub ui: Ui,
    pub marks: gouji_protocol::protocol::Marks,
    pub busy: bool,
    pub dispatch: Callback<Action>,
    pub on_unit: Callback<usize>,
    pub on_pair: Callback<(usize, Option<usize>)>,
    pub on_export: Callback<ExportFormat>,
    pub on_print: Callback<()>,
}

fn tab_title(lang: Lang, tab: Tab) -> &'static str {
    let t = lang.texts();
    match tab {
        Tab::Findings => t.tab_findings,
        Tab::Tables => t.tab_tables,
        Tab::ThreePublic => t.tab_three_public,
        Tab::Changes => t.tab_changes,
        Tab::Claims => t.tab_claims,
        Tab::Review => t.tab_review,
    }
}

/// The results: the unit list (for several units), the overview, the exports and the tabs.
#[function_component(Results)]
pub fn results(props: &ResultsProps) -> Html {
    let lang = props.lang;
    let t = lang.texts();
    let r = &props.result;
    let u = &r.unit;
    let ui = &props.ui;
    let many = r.units.len() > 1;

    // WAI-ARIA tabs: one tab in the Tab order (the selected), arrows and Home/End move between them.
    let order = [Tab::Findings, Tab::Tables, Tab::ThreePublic, Tab::Changes, Tab::Claims, Tab::Review];
    let on_tab_key = {
        let dispatch = props.dispatch.clone();
        let current = ui.tab;
        Callback::from(move |e: KeyboardEvent| {
            let i = order.iter().position(|t| *t == current).unwrap_or(0);
            let next = match e.key().as_str() {
                "ArrowRight" => order[(i + 1) % order.len()],
                "ArrowLeft" => order[(i + order.len() - 1) % order.len()],
                "Home" => order[0],
                "End" => order[order.len() - 1],
                _ => return,
            };
            e.prevent_default();
            dispatch.emit(Action::SelectTab(next));
            crate::web::focus(&format!("#tab-{}", next.id()));
        })
    };
    let tab_button = |tab: Tab, label: &'static str, count: Option<usize>| {
        let selected = ui.tab == tab;
        let onclick = props.dispatch.reform(move |_: MouseEvent| Action::SelectTab(tab));
        html! {
            <button type="button" role="tab" id={format!("tab-{}", tab.id())} class={classes!("tab", selected.then_some("tab--selected"))}
                tabindex={if selected { "0" } else { "-1" }}
                aria-selected={selected.to_string()} aria-controls="tab-panel" data-testid={format!("tab-{}", tab.id())} {onclick}>
                { label }
                if let Some(n) = count {
                    <span class="tab__count">{ n }</span>
                }
            </button>
        }
    };
    let export = |format: ExportFormat, label: &'static str, testid: &'static str| {
        let onclick = props.on_export.reform(move |_: MouseEvent| format);
        html! {
            <button type="button" class="button button--secondary" data-testid={testid} disabled={props.busy} {onclick}>
                <DownloadIcon />{ label }
            </button>
        }
    };
    let panel = match ui.tab {
        Tab::Findings => {
            html! { <FindingsPanel {lang} unit={props.result.clone()} ui={ui.clone()} marks={props.marks.clone()} dispatch={props.dispatch.clone()} /> }
        }
        Tab::Tables => html! { <TableViewPanel {lang} unit={props.result.clone()} ui={ui.clone()} dispatch={props.dispatch.clone()} /> },
        Tab::ThreePublic => html! { <ThreePublicPanel {lang} unit={props.result.clone()} dispatch={props.dispatch.clone()} /> },
        Tab::Changes => html! { <ChangesPanel {lang} unit={props.result.clone()} ui={ui.clone()} dispatch={props.dispatch.clone()} /> },
        Tab::Claims => html! { <ClaimsPanel {lang} unit={props.result.clone()} ui={ui.clone()} dispatch={props.dispatch.clone()} /> },
        Tab::Review => html! { <ReviewPanel {lang} unit={props.result.clone()} /> },
    };
    let failed = u.checklist.as_ref().map(|c| c.items.iter().filter(|i| i.answer == AnswerView::No).count());
    let changes = u.changes.as_ref().map(|c| c.rows.len());
    let claims = (!u.claims.is_empty()).then_some(u.claims.len());

    html! {
        <section class={classes!("results", many.then_some("results--units"))} data-testid="results"
            data-unit-index={u.index.to_string()}>
            if many {
                <UnitPicker {lang} units={props.result.clone()} query={ui.unit_query.clone()} busy={props.busy}
                    on_unit={props.on_unit.clone()} dispatch={props.dispatch.clone()} />
            }
            <div class="results__main">
                if many {
                    <Rollup {lang} result={props.result.clone()} ui={ui.clone()} busy={props.busy}
                        on_unit={props.on_unit.clone()} on_pair={props.on_pair.clone()} dispatch={props.dispatch.clone()} />
                }
                <Overview {lang} result={props.result.clone()} dispatch={props.dispatch.clone()} />
                <div class="export-bar" data-testid="export-bar">
                    <span class="export-bar__title">{ t.export_title }</span>
                    { export(ExportFormat::Csv, t.export_csv, "export-csv") }
                    { export(ExportFormat::Json, t.export_json, "export-json") }
                    { export(ExportFormat::Xlsx, t.export_xlsx, "export-xlsx") }
                    { export(ExportFormat::Checklist, t.export_checklist, "export-checklist") }
                    if r.source.files.iter().any(|f| gouji_protocol::protocol::can_mark_up(f)) {
                        <span title={t.export_markup_title}>{ export(ExportFormat::Markup, t.export_markup, "export-markup") }</span>
                    }
                    <button type="button" class="button button--secondary" data-testid="print"
                        onclick={props.on_print.reform(|_: MouseEvent| ())}>
                        <PrintIcon />{ t.print }
                    </button>
                    <span class="export-bar__note">{ t.export_note }</span>
                </div>
                <div class="tabs" role="tablist" aria-label={t.tabs_label} onkeydown={on_tab_key}>
                    { tab_button(Tab::Findings, t.tab_findings, Some(u.counts.errors + u.counts.warnings)) }
                    { tab_button(Tab::Tables, t.tab_tables, Some(u.tables.len())) }
                    { tab_button(Tab::ThreePublic, t.tab_three_public, None) }
                    { tab_button(Tab::Changes, t.tab_changes, changes) }
                    { tab_button(Tab::Claims, t.tab_claims, claims) }
                    { tab_button(Tab::Review, t.tab_review, failed) }
                </div>
                <h2 class="print-only print-title">{ tab_title(lang, ui.tab) }</h2>
                <div class="tab-panel" role="tabpanel" id="tab-panel" aria-labelledby={format!("tab-{}", ui.tab.id())}
                    data-testid={format!("panel-{}", ui.tab.id())}>
                    { panel }
                </div>
                if ui.tab != Tab::Findings {
                    <PrintFindings {lang} unit={props.result.clone()} marks={props.marks.clone()} />
                }
            </div>
        </section>
    }
}
