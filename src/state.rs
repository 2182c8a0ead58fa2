//! The app's state and the actions that change it. Plain Rust (no web APIs), tested on the host;
//! the Yew `Reducible` glue is a few lines at the bottom, compiled for wasm only.

use crate::i18n::Lang;
use std::sync::atomic::{AtomicU64, Ordering};

/// One sheet of a file that was read: its name and the size of its used range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetSummary {
    pub name: String,
    pub rows: usize,
    pub cols: usize,
    /// Hidden sheets are read like the others but marked as hidden.
    pub hidden: bool,
}

/// Why a file could not be read, already in words for both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorText {
    /// A stable machine name (`corrupt`, `too_large`, …) for tests and styling.
    pub kind: String,
    pub zh: String,
    pub en: String,
}

impl ErrorText {
    pub fn new(kind: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) -> Self {
        ErrorText {
            kind: kind.into(),
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// Where an entry's bytes came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A dropped or chosen file.
    File,
    /// Text pasted into the paste box; the number counts pastes from 1.
    Paste(u32),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    Reading,
    Read(Vec<SheetSummary>),
    Failed(ErrorText),
}

/// One file (or paste) the person gave us.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub id: u64,
    /// The file name as given (for a paste, the name passed to the reader).
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    pub source: Source,
    pub status: Status,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct State {
    pub lang: Lang,
    pub entries: Vec<Entry>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    SetLang(Lang),
    /// A file or paste starts being read.
    Add {
        id: u64,
        name: String,
        size: u64,
        source: Source,
    },
    /// Reading an entry ended. Ignored if the entry was removed meanwhile.
    Finish {
        id: u64,
        outcome: Result<Vec<SheetSummary>, ErrorText>,
    },
    Remove(u64),
    Clear,
}

/// Counts for the results heading.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub total: usize,
    pub reading: usize,
    pub read: usize,
    pub failed: usize,
}

impl Counts {
    pub fn of(entries: &[Entry]) -> Counts {
        let mut c = Counts {
            total: entries.len(),
            ..Counts::default()
        };
        for e in entries {
            match e.status {
                Status::Reading => c.reading += 1,
                Status::Read(_) => c.read += 1,
                Status::Failed(_) => c.failed += 1,
            }
        }
        c
    }
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);
static NEXT_PASTE: AtomicU64 = AtomicU64::new(1);

/// A fresh entry id (ids are needed before the `Add` action is dispatched).
pub fn new_entry_id() -> u64 {
    NEXT_ID.fetch_add(1, Ordering::Relaxed)
}

/// The next paste number: 1, 2, 3, …
pub fn new_paste_number() -> u32 {
    NEXT_PASTE
        .fetch_add(1, Ordering::Relaxed)
        .min(u32::MAX as u64) as u32
}

impl State {
    pub fn with_lang(lang: Lang) -> Self {
        State {
            lang,
            entries: Vec::new(),
        }
    }

    /// Applies one action in place.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::SetLang(lang) => self.lang = lang,
            Action::Add {
                id,
                name,
                size,
                source,
            } => {
                if self.entries.iter().all(|e| e.id != id) {
                    self.entries.push(Entry {
                        id,
                        name,
                        size,
                        source,
                        status: Status::Reading,
                    });
                }
            }
            Action::Finish { id, outcome } => {
                if let Some(entry) = self.entries.iter_mut().find(|e| e.id == id) {
                    entry.status = match outcome {
                        Ok(sheets) => Status::Read(sheets),
                        Err(error) => Status::Failed(error),
                    };
                }
            }
            Action::Remove(id) => self.entries.retain(|e| e.id != id),
            Action::Clear => self.entries.clear(),
        }
    }
}

#[cfg(target_arch = "wasm32")]
impl yew::Reducible for State {
    type Action = Action;

    fn reduce(self: std::rc::Rc<Self>, action: Action) -> std::rc::Rc<Self> {
        let mut next = std::rc::Rc::unwrap_or_clone(self);
        next.apply(action);
        std::rc::Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add(state: &mut State, id: u64, name: &str) {
        state.apply(Action::Add {
            id,
            name: name.into(),
            size: 10,
            source: Source::File,
        });
    }

    fn sheet(name: &str, rows: usize, cols: usize) -> SheetSummary {
        SheetSummary {
            name: name.into(),
            rows,
            cols,
            hidden: false,
        }
    }

    #[test]
    fn a_new_state_is_chinese_and_empty() {
        let s = State::default();
        assert_eq!(s.lang, Lang::Zh);
        assert!(s.entries.is_empty());
        assert_eq!(Counts::of(&s.entries), Counts::default());
        assert_eq!(Counts::of(&s.entries).reading, 0);
    }

    #[test]
    fn entries_go_from_reading_to_read_or_failed_in_order() {
        let mut s = State::default();
        add(&mut s, 1, "a.xlsx");
        add(&mut s, 2, "b.csv");
        assert_eq!(Counts::of(&s.entries).reading, 2);
        assert_eq!(
            Counts::of(&s.entries),
            Counts {
                total: 2,
                reading: 2,
                read: 0,
                failed: 0
            }
        );

        s.apply(Action::Finish {
            id: 2,
            outcome: Ok(vec![sheet("b", 3, 4)]),
        });
        s.apply(Action::Finish {
            id: 1,
            outcome: Err(ErrorText::new("corrupt", "坏了", "broken")),
        });
        assert_eq!(s.entries[0].name, "a.xlsx");
        assert!(matches!(&s.entries[0].status, Status::Failed(e) if e.kind == "corrupt"));
        assert_eq!(s.entries[1].status, Status::Read(vec![sheet("b", 3, 4)]));
        assert_eq!(
            Counts::of(&s.entries),
            Counts {
                total: 2,
                reading: 0,
                read: 1,
                failed: 1
            }
        );
        assert_eq!(Counts::of(&s.entries).reading, 0);
    }

    #[test]
    fn finishing_a_removed_entry_changes_nothing() {
        let mut s = State::default();
        add(&mut s, 1, "a.xlsx");
        s.apply(Action::Remove(1));
        s.apply(Action::Finish {
            id: 1,
            outcome: Ok(vec![]),
        });
        assert!(s.entries.is_empty());
    }

    #[test]
    fn adding_the_same_id_twice_keeps_one_entry() {
        let mut s = State::default();
        add(&mut s, 7, "a.xlsx");
        add(&mut s, 7, "a.xlsx");
        assert_eq!(s.entries.len(), 1);
    }

    #[test]
    fn clear_and_language_switch() {
        let mut s = State::with_lang(Lang::En);
        add(&mut s, 1, "a.xlsx");
        add(&mut s, 2, "b.xlsx");
        s.apply(Action::Clear);
        assert!(s.entries.is_empty());
        s.apply(Action::SetLang(Lang::Zh));
        assert_eq!(s.lang, Lang::Zh);
    }

    #[test]
    fn ids_and_paste_numbers_are_fresh() {
        let a = new_entry_id();
        let b = new_entry_id();
        assert!(b > a);
        let p = new_paste_number();
        assert!(new_paste_number() > p);
    }

    #[test]
    fn error_text_follows_the_language() {
        let e = ErrorText::new("empty", "空的", "empty");
        assert_eq!(e.text(Lang::Zh), "空的");
        assert_eq!(e.text(Lang::En), "empty");
    }
}
