use crate::components::file_card::FileCard;
use crate::i18n::{results_counts, Lang};
use crate::state::{Counts, Entry};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FileListProps {
    pub lang: Lang,
    pub entries: Vec<Entry>,
    pub on_remove: Callback<u64>,
    pub on_clear: Callback<()>,
}

#[function_component(FileList)]
pub fn file_list(props: &FileListProps) -> Html {
    let lang = props.lang;
    let t = lang.texts();
    let counts = Counts::of(&props.entries);
    let onclick = props.on_clear.reform(|_: MouseEvent| ());
    html! {
        <section class="results" aria-labelledby="results-title" data-testid="results">
            <div class="results__head">
                <h2 id="results-title" class="results__title">{ t.results_title }</h2>
                if counts.total > 0 {
                    <p class="results__counts" data-testid="results-counts" aria-live="polite">
                        { results_counts(lang, counts.total, counts.read, counts.reading, counts.failed) }
                    </p>
                    <button type="button" class="button button--quiet" data-testid="clear-all" {onclick}>
                        { t.clear_all }
                    </button>
                }
            </div>
            if props.entries.is_empty() {
                <p class="results__empty" data-testid="results-empty">{ t.results_empty }</p>
            } else {
                <ul class="file-list" role="list">
                    { for props.entries.iter().map(|entry| html! {
                        <li key={entry.id}>
                            <FileCard {lang} entry={entry.clone()} on_remove={props.on_remove.clone()} />
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}
