//! SVG charts drawn by Yew. Each chart comes in a wide and a narrow layout (the stylesheet shows
//! one of them), so that its text stays readable at any screen width: an SVG scaled down to a
//! phone would shrink its labels. No style attributes (the page's CSP forbids them): geometry is
//! in attributes, colours in classes.

use yew::prelude::*;

/// The two layouts.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    Wide,
    Narrow,
}

impl Variant {
    pub fn width(self) -> f64 {
        match self {
            Variant::Wide => 940.0,
            Variant::Narrow => 340.0,
        }
    }
    pub fn id(self) -> &'static str {
        match self {
            Variant::Wide => "wide",
            Variant::Narrow => "narrow",
        }
    }
}

/// Roughly how wide a text is at a font size: CJK characters are square, others about half.
pub fn text_width(s: &str, size: f64) -> f64 {
    s.chars().map(|c| if (c as u32) > 0x2E80 { size } else { size * 0.56 }).sum()
}

/// Shortens a label to fit a width, with an ellipsis.
pub fn fit(s: &str, size: f64, width: f64) -> String {
    if text_width(s, size) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        if text_width(&out, size) + text_width(&c.to_string(), size) + size > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

fn n(v: f64) -> String {
    format!("{:.1}", v)
}

/// One part of a whole (a 三公 item).
#[derive(Clone, PartialEq)]
pub struct Part {
    pub key: String,
    pub label: String,
    pub value: f64,
    /// The amount as written, with its unit.
    pub text: String,
    /// The amount alone, as written (for tests and screen readers).
    pub raw: String,
    /// Share of the whole in percent (`45.7`).
    pub share: Option<String>,
}

#[derive(Properties, PartialEq)]
pub struct SharesProps {
    pub parts: Vec<Part>,
    pub variant: Variant,
    pub label: String,
    pub total: String,
    pub unit: String,
}

/// A stacked bar of the whole split into its parts (with percentages), then one bar per part
/// with its amount and share.
#[function_component(Shares)]
pub fn shares(props: &SharesProps) -> Html {
    let v = props.variant;
    let w = v.width();
    let total: f64 = props.parts.iter().map(|p| p.value.max(0.0)).sum();
    let max = props.parts.iter().map(|p| p.value).fold(0.0_f64, f64::max);
    let stack_h = 34.0;
    let (row_h, top) = match v {
        Variant::Wide => (36.0, stack_h + 26.0),
        Variant::Narrow => (50.0, stack_h + 22.0),
    };
    let height = top + row_h * props.parts.len() as f64;
    let mut x = 0.0;
    let segments: Vec<Html> = props
        .parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let width = if total > 0.0 { p.value.max(0.0) / total * w } else { 0.0 };
            let label = p.share.as_ref().map(|s| format!("{s}%")).unwrap_or_default();
            let show = width > text_width(&label, 13.0) + 10.0;
            let seg = html! {
                <g>
                    <rect class={format!("chart-fill-{i}")} x={n(x)} y="0" width={n(width.max(0.0))} height={n(stack_h)} />
                    if show {
                        <text class="chart-on-fill" x={n(x + width / 2.0)} y={n(stack_h / 2.0 + 5.0)} text-anchor="middle">{ label }</text>
                    }
                </g>
            };
            x += width;
            seg
        })
        .collect();
    let rows: Vec<Html> = props
        .parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let y = top + row_h * i as f64;
            let value = match &p.share {
                Some(s) => format!("{}  {s}%", p.text),
                None => p.text.clone(),
            };
            let (label_x, bar_x, bar_w, bar_y, bar_h, text_y) = match v {
                Variant::Wide => (20.0, 200.0, w - 200.0 - 200.0, y + 6.0, 16.0, y + 19.0),
                Variant::Narrow => (20.0, 0.0, w, y + 24.0, 10.0, y + 14.0),
            };
            let len = if max > 0.0 { p.value.max(0.0) / max * bar_w } else { 0.0 };
            html! {
                <g data-testid="tp-item" data-role={p.key.clone()} data-value={p.raw.clone()} data-share={p.share.clone()}>
                    <rect class={format!("chart-fill-{i}")} x="0" y={n(text_y - 11.0)} width="12" height="12" rx="2" />
                    <text class="chart-label" x={n(label_x)} y={n(text_y)}>{ p.label.clone() }</text>
                    <rect class="chart-track" x={n(bar_x)} y={n(bar_y)} width={n(bar_w)} height={n(bar_h)} rx="2" />
                    <rect class={format!("chart-fill-{i}")} x={n(bar_x)} y={n(bar_y)} width={n(len)} height={n(bar_h)} rx="2" />
                    <text class="chart-value" data-testid="tp-item-value" x={n(w)} y={n(text_y)} text-anchor="end">{ value }</text>
                </g>
            }
        })
        .collect();
    html! {
        <svg class={classes!("chart", format!("chart--{}", v.id()))} viewBox={format!("0 0 {} {}", n(w), n(height))}
            role="img" aria-label={props.label.clone()} data-testid="tp-chart" data-variant={v.id()}
            data-total={props.total.clone()} data-unit={props.unit.clone()}>
            <title>{ props.label.clone() }</title>
            { for segments }
            { for rows }
        </svg>
    }
}

/// A signed change of one thing.
#[derive(Clone, PartialEq)]
pub struct Change {
    pub key: String,
    pub label: String,
    pub value: f64,
    pub text: String,
}

#[derive(Properties, PartialEq)]
pub struct DivergingProps {
    pub rows: Vec<Change>,
    pub variant: Variant,
    pub label: String,
    pub testid: String,
}

/// Bars left (decrease) or right (increase) of an axis, each with its change written at its end.
#[function_component(Diverging)]
pub fn diverging(props: &DivergingProps) -> Html {
    let v = props.variant;
    let w = v.width();
    let max = props.rows.iter().map(|r| r.value.abs()).fold(0.0_f64, f64::max);
    // Wide: [label][room for a decrease's text][bars either side of the axis][room for an
    // increase's text]. Narrow: the label and the change on one line, the bar below.
    let (row_h, label_w, text_room) = match v {
        Variant::Wide => (30.0, 250.0, 140.0),
        Variant::Narrow => (46.0, 0.0, 4.0),
    };
    let reach = (w - label_w - 2.0 * text_room) / 2.0;
    let axis = label_w + text_room + reach;
    let height = row_h * props.rows.len() as f64 + 8.0;
    let rows: Vec<Html> = props
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let y = 4.0 + row_h * i as f64;
            let (label_y, bar_y) = match v {
                Variant::Wide => (y + 17.0, y + 6.0),
                Variant::Narrow => (y + 13.0, y + 21.0),
            };
            let len = if max > 0.0 { r.value.abs() / max * reach } else { 0.0 };
            let up = r.value >= 0.0;
            let bx = if up { axis } else { axis - len };
            let (label, value) = match v {
                Variant::Wide => {
                    let (tx, anchor) = if up { (axis + len + 6.0, "start") } else { (axis - len - 6.0, "end") };
                    (
                        html! { <text class="chart-label" x={n(label_w - 10.0)} y={n(label_y)} text-anchor="end">{ fit(&r.label, 13.0, label_w - 14.0) }</text> },
                        html! { <text class="chart-value" x={n(tx)} y={n(bar_y + 12.0)} text-anchor={anchor}>{ r.text.clone() }</text> },
                    )
                }
                Variant::Narrow => {
                    let room = w - text_width(&r.text, 13.0) - 10.0;
                    (
                        html! { <text class="chart-label" x="0" y={n(label_y)}>{ fit(&r.label, 13.0, room) }</text> },
                        html! { <text class="chart-value" x={n(w)} y={n(label_y)} text-anchor="end">{ r.text.clone() }</text> },
                    )
                }
            };
            let bar_h = match v {
                Variant::Wide => 15.0,
                Variant::Narrow => 11.0,
            };
            html! {
                <g data-testid="bar" data-key={r.key.clone()} data-value={r.text.clone()}>
                    { label }
                    <rect class={if up { "chart-up" } else { "chart-down" }} x={n(bx)} y={n(bar_y)} width={n(len.max(1.0))} height={n(bar_h)} rx="2" />
                    { value }
                </g>
            }
        })
        .collect();
    html! {
        <svg class={classes!("chart", format!("chart--{}", v.id()))} viewBox={format!("0 0 {} {}", n(w), n(height))}
            role="img" aria-label={props.label.clone()} data-testid={props.testid.clone()} data-variant={v.id()}>
            <title>{ props.label.clone() }</title>
            <line class="chart-axis" x1={n(axis)} x2={n(axis)} y1="0" y2={n(height)} />
            { for rows }
        </svg>
    }
}

/// One thing in two years.
#[derive(Clone, PartialEq)]
pub struct Pair {
    pub key: String,
    pub label: String,
    pub old: Option<(f64, String)>,
    pub new: Option<(f64, String)>,
    pub delta: Option<String>,
}

#[derive(Properties, PartialEq)]
pub struct PairsProps {
    pub rows: Vec<Pair>,
    pub variant: Variant,
    pub label: String,
    pub old_label: String,
    pub new_label: String,
    pub testid: String,
}

/// Two bars per row, the prior year's above this year's, each with its amount.
#[function_component(Pairs)]
pub fn pairs(props: &PairsProps) -> Html {
    let v = props.variant;
    let w = v.width();
    let max = props.rows.iter().flat_map(|r| [r.old.as_ref().map(|o| o.0), r.new.as_ref().map(|o| o.0)]).flatten().fold(0.0_f64, f64::max);
    let (row_h, label_w, text_room) = match v {
        Variant::Wide => (48.0, 200.0, 130.0),
        Variant::Narrow => (62.0, 0.0, 110.0),
    };
    let legend_h = 26.0;
    let height = legend_h + row_h * props.rows.len() as f64;
    let reach = w - label_w - text_room;
    let bar = |y: f64, value: &Option<(f64, String)>, class: &'static str, which: &'static str| -> Html {
        match value {
            Some((v, text)) => {
                let len = if max > 0.0 { v.max(0.0) / max * reach } else { 0.0 };
                html! {
                    <g data-year={which} data-value={text.clone()}>
                        <rect class={class} x={n(label_w)} y={n(y)} width={n(len.max(1.0))} height="13" rx="2" />
                        <text class="chart-value" x={n(label_w + len + 6.0)} y={n(y + 11.0)}>{ text.clone() }</text>
                    </g>
                }
            }
            None => html! {
                <text class="chart-value chart-muted" x={n(label_w)} y={n(y + 11.0)} data-year={which}>{ "—" }</text>
            },
        }
    };
    let rows: Vec<Html> = props
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let y = legend_h + row_h * i as f64;
            let (label, first) = match v {
                Variant::Wide => (
                    html! { <text class="chart-label" x={n(label_w - 12.0)} y={n(y + 22.0)} text-anchor="end">{ fit(&r.label, 13.0, label_w - 16.0) }</text> },
                    y + 6.0,
                ),
                Variant::Narrow => (html! { <text class="chart-label" x="0" y={n(y + 13.0)}>{ fit(&r.label, 13.0, w) }</text> }, y + 20.0),
            };
            html! {
                <g data-testid="pair" data-key={r.key.clone()} data-delta={r.delta.clone()}>
                    { label }
                    { bar(first, &r.old, "chart-old", "old") }
                    { bar(first + 16.0, &r.new, "chart-new", "new") }
                </g>
            }
        })
        .collect();
    html! {
        <svg class={classes!("chart", format!("chart--{}", v.id()))} viewBox={format!("0 0 {} {}", n(w), n(height))}
            role="img" aria-label={props.label.clone()} data-testid={props.testid.clone()} data-variant={v.id()}>
            <title>{ props.label.clone() }</title>
            <rect class="chart-old" x={n(label_w)} y="4" width="12" height="12" rx="2" />
            <text class="chart-legend" x={n(label_w + 18.0)} y="14">{ props.old_label.clone() }</text>
            <rect class="chart-new" x={n(label_w + 110.0)} y="4" width="12" height="12" rx="2" />
            <text class="chart-legend" x={n(label_w + 128.0)} y="14">{ props.new_label.clone() }</text>
            { for rows }
        </svg>
    }
}
