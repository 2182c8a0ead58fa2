use crate::components::icons::{CloseIcon, PasteIcon, SheetIcon};
use crate::i18n::{file_size, group, pasted_name, sheet_count, Lang};
use crate::state::{Entry, Source, Status};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FileCardProps {
    pub lang: Lang,
    pub entry: Entry,
    pub on_remove: Callback<u64>,
}

/// One file: its name and size, then its sheets (name, rows, columns) or why it cannot be read.
#[function_component(FileCard)]
pub fn file_card(props: &FileCardProps) -> Html {
    let lang = props.lang;
    let t = lang.texts();
    let entry = &props.entry;
    let title = match entry.source {
        Source::File => entry.name.clone(),
        Source::Paste(n) => pasted_name(lang, n),
    };
    let (status_key, status_text) = match &entry.status {
        Status::Reading => ("reading", t.status_reading),
        Status::Read(_) => ("read", t.status_read),
        Status::Failed(_) => ("failed", t.status_failed),
    };
    let id = entry.id;
    let onclick = props.on_remove.reform(move |_: MouseEvent| id);
    let remove_label = format!("{} {}", t.remove, title);

    let body = match &entry.status {
        Status::Reading => html! {
            <p class="file-card__reading" role="status">
                <span class="spinner" aria-hidden="true"></span>{ t.status_reading }{ "…" }
            </p>
        },
        Status::Read(sheets) if sheets.is_empty() => html! {
            <p class="file-card__note">{ t.no_sheets }</p>
        },
        Status::Read(sheets) => html! {
            <table class="sheets" data-testid="sheet-table">
                <thead>
                    <tr>
                        <th scope="col">{ t.col_sheet }</th>
                        <th scope="col" class="num">{ t.col_rows }</th>
                        <th scope="col" class="num">{ t.col_cols }</th>
                    </tr>
                </thead>
                <tbody>
                    { for sheets.iter().map(|s| {
                        let name = if s.name.trim().is_empty() { t.unnamed_sheet.to_string() } else { s.name.clone() };
                        html! {
                            <tr data-testid="sheet-row" data-sheet-name={s.name.clone()}
                                data-rows={s.rows.to_string()} data-cols={s.cols.to_string()}>
                                <td data-testid="sheet-name">
                                    { name }
                                    if s.hidden {
                                        <span class="tag" data-testid="sheet-hidden">{ t.hidden_sheet }</span>
                                    }
                                </td>
                                <td class="num" data-testid="sheet-rows">{ group(s.rows as u64) }</td>
                                <td class="num" data-testid="sheet-cols">{ group(s.cols as u64) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        },
        Status::Failed(error) => html! {
            <p class="file-card__error" role="alert" data-testid="file-error" data-error-kind={error.kind.clone()}>
                { error.text(lang).to_string() }
            </p>
        },
    };

    let meta = match &entry.status {
        Status::Read(sheets) => format!(
            "{} · {}",
            file_size(entry.size),
            sheet_count(lang, sheets.len())
        ),
        _ => file_size(entry.size),
    };

    html! {
        <article class={classes!("file-card", format!("file-card--{status_key}"))}
            data-testid="file-card" data-file-name={entry.name.clone()} data-status={status_key}
            aria-busy={(entry.status == Status::Reading).to_string()}>
            <div class="file-card__head">
                <div class="file-card__icon">
                    if matches!(entry.source, Source::Paste(_)) { <PasteIcon /> } else { <SheetIcon /> }
                </div>
                <div class="file-card__title">
                    <h3 class="file-card__name" data-testid="file-name" title={title.clone()}>{ title.clone() }</h3>
                    <p class="file-card__meta" data-testid="file-meta">{ meta }</p>
                </div>
                <span class={classes!("badge", format!("badge--{status_key}"))} data-testid="file-status">
                    { status_text }
                </span>
                <button type="button" class="icon-button" data-testid="file-remove"
                    aria-label={remove_label.clone()} title={remove_label} {onclick}>
                    <CloseIcon />
                </button>
            </div>
            <div class="file-card__body">{ body }</div>
        </article>
    }
}
