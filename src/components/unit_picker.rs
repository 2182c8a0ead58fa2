use gouji_protocol::i18n::{units_count, units_more, Lang};
use gouji_protocol::protocol::AnalysisView;
use gouji_protocol::state::{matching_units, Action, Shared};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct UnitPickerProps {
    pub lang: Lang,
    pub units: Shared<AnalysisView>,
    pub query: String,
    pub busy: bool,
    pub on_unit: Callback<usize>,
    pub dispatch: Callback<Action>,
}

/// How many units the list shows at first, and adds per "show more": a consolidated workbook can
/// hold thousands, and laying out thousands of buttons at once holds the page up for a few hundred
/// milliseconds (the search finds any of them).
pub const UNITS_PER_PAGE: usize = 100;

/// The units of a workbook with several: searchable, scrollable, each with its error count.
#[function_component(UnitPicker)]
pub fn unit_picker(props: &UnitPickerProps) -> Html {
    let lang = props.lang;
    let t = lang.texts();
    let units = &props.units.units;
    let current = props.units.unit.index;
    let shown = matching_units(units, &props.query);
    // A new search or a new result starts again from the first page.
    let limit = use_state_eq(|| UNITS_PER_PAGE);
    {
        let limit = limit.clone();
        use_effect_with((props.query.clone(), units.len()), move |_| limit.set(UNITS_PER_PAGE));
    }
    let hidden = shown.len().saturating_sub(*limit);
    let more = {
        let limit = limit.clone();
        Callback::from(move |_: MouseEvent| limit.set(*limit + UNITS_PER_PAGE))
    };
    // Keep the open unit in view in the list (after a switch, or when the search is cleared).
    use_effect_with((current, props.query.is_empty()), |_| {
        crate::web::scroll_within(".unit-picker__list", ".unit-option--selected");
    });
    let oninput = props
        .dispatch
        .reform(|e: InputEvent| Action::UnitQuery(e.target_dyn_into::<HtmlInputElement>().map(|el| el.value()).unwrap_or_default()));
    html! {
        <aside class="card unit-picker" data-testid="unit-picker" aria-labelledby="units-title">
            <div class="unit-picker__head">
                <h2 class="section-title" id="units-title">{ t.units_title }</h2>
                <span class="muted" data-testid="unit-count">{ units_count(lang, units.len()) }</span>
            </div>
            <input type="search" class="unit-picker__search" data-testid="unit-search" aria-label={t.unit_search_label}
                placeholder={t.unit_search_placeholder} value={props.query.clone()} {oninput} />
            if shown.is_empty() {
                <p class="muted">{ t.units_no_match }</p>
            }
            <ul class="unit-picker__list" role="list">
                // The open unit stays listed even beyond the limit.
                { for shown.iter().enumerate().filter(|(i, u)| *i < *limit || u.index == current).map(|(_, u)| {
                    let index = u.index;
                    let selected = index == current;
                    let onclick = props.on_unit.reform(move |_: MouseEvent| index);
                    let name = u.name.clone().unwrap_or_else(|| t.unit_unnamed.to_string());
                    // Units of the same name (two years of one department) are told apart by year and file.
                    let twin = props.units.units.iter().any(|o| o.index != index && o.name == u.name);
                    let detail = twin.then(|| {
                        [u.year.map(|y| y.to_string()), u.source.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ")
                    });
                    html! {
                        <li key={index}>
                            <button type="button" class={classes!("unit-option", selected.then_some("unit-option--selected"))}
                                data-testid="unit-option" data-unit-index={index.to_string()} aria-current={selected.then_some("true")}
                                disabled={props.busy && !selected} {onclick}>
                                <span class="unit-option__name" title={u.source.clone()}>{ name }
                                    if let Some(d) = detail.filter(|d| !d.is_empty()) {
                                        <span class="unit-option__detail muted small" data-testid="unit-option-detail">{ " " }{ d }</span>
                                    }
                                </span>
                                if u.counts.errors > 0 {
                                    <span class="pill pill--error">{ u.counts.errors }</span>
                                } else if u.counts.warnings > 0 {
                                    <span class="pill pill--warning">{ u.counts.warnings }</span>
                                } else {
                                    <span class="pill pill--ok" aria-hidden="true">{ "✓" }</span>
                                }
                            </button>
                        </li>
                    }
                }) }
            </ul>
            if hidden > 0 {
                <button type="button" class="button button--quiet unit-picker__more" data-testid="units-more" onclick={more}>
                    { units_more(lang, UNITS_PER_PAGE, hidden) }
                </button>
            }
        </aside>
    }
}
