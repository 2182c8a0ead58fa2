//! The scheduling of a large workbook's parts among the worker's helpers, as a plain state
//! machine: events in (a check starts, a part was read, a helper answered or failed), effects out
//! (send a part to a helper, read one here, end and restart a helper, finish the check). No web
//! API here: `src/pool.rs` carries the effects out with real Web Workers and `File`s, and the
//! tests below drive it with strings.
//!
//! The rules it keeps:
//! - a check's large files are each read in `helpers + 1` parts: part 0 here, part k by helper k;
//! - a part that cannot be sent, whose helper failed, or whose answer cannot be read is read here,
//!   so a check never waits on a helper that is gone;
//! - a newer check replaces one still waiting, and an answer is taken only for the check, file and
//!   part it names, once: late answers of a superseded check are dropped;
//! - a helper that failed is ended and a new one started in its slot; until it has started, the
//!   slot gets no part;
//! - when every part of every split file is in, the check finishes with the parts in order.
//!
//! `P` is what the check carries besides its parts (the files' bytes, the text), `T` a part's
//! tables and `E` why a part could not be read.

use serde::{Deserialize, Serialize};

/// One of a check's files: this year's (`prior == false`) or the prior year's, by index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRef {
    pub prior: bool,
    pub file: usize,
}

/// Which part of which file of which check: the request to a helper and the label of its answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartJob {
    pub job: u64,
    pub prior: bool,
    pub file: usize,
    pub index: usize,
    pub of: usize,
}

impl PartJob {
    fn file_ref(&self) -> FileRef {
        FileRef { prior: self.prior, file: self.file }
    }
}

/// A split file's parts, in order, once every one is in.
#[derive(Debug, PartialEq)]
pub struct Parts<T, E> {
    pub file: FileRef,
    pub parts: Vec<Result<T, E>>,
}

/// What the worker must do.
#[derive(Debug, PartialEq)]
pub enum Effect<P, T, E> {
    /// Post the part to the helper in `slot` (with the file it names); if that cannot be done,
    /// tell [`Scheduler::undelivered`].
    Send { slot: usize, part: PartJob },
    /// Read the part here, and tell [`Scheduler::read`] what came of it.
    ReadHere(PartJob),
    /// End the helper in `slot`.
    Terminate(usize),
    /// Start a new helper in `slot`, and tell [`Scheduler::started`] once it is.
    Spawn(usize),
    /// Every part is in: join them and check, with what the check carries.
    Finish { job: u64, payload: P, splits: Vec<Parts<T, E>> },
}

#[derive(Debug)]
struct Split<T, E> {
    file: FileRef,
    parts: Vec<Option<Result<T, E>>>,
    /// The helper slot reading each part, while it does (`None` for a part read here or in).
    readers: Vec<Option<usize>>,
}

#[derive(Debug)]
struct Pending<P, T, E> {
    job: u64,
    payload: P,
    splits: Vec<Split<T, E>>,
}

/// The helpers' slots and the check waiting for its parts.
#[derive(Debug)]
pub struct Scheduler<P, T, E> {
    /// Each slot: a helper is started in it (loading, warming up or ready).
    slots: Vec<bool>,
    pending: Option<Pending<P, T, E>>,
}

impl<P, T, E> Scheduler<P, T, E> {
    /// `slots` helper slots, none started yet: start them with the effects of [`Self::spawn_all`].
    pub fn new(slots: usize) -> Self {
        Scheduler { slots: vec![false; slots], pending: None }
    }

    /// Start a helper in every slot.
    pub fn spawn_all(&self) -> Vec<Effect<P, T, E>> {
        (0..self.slots.len()).map(Effect::Spawn).collect()
    }

    /// The helper in `slot` was started (its messages are kept until it listens).
    pub fn started(&mut self, slot: usize) {
        if let Some(s) = self.slots.get_mut(slot) {
            *s = true;
        }
    }

    fn live(&self) -> Vec<usize> {
        self.slots.iter().enumerate().filter(|(_, &l)| l).map(|(i, _)| i).collect()
    }

    /// How many parts a large file would be read in now, or `None` with no helper to share them.
    pub fn parts_per_file(&self) -> Option<usize> {
        let live = self.live().len();
        (live > 0).then_some(live + 1)
    }

    /// What the check waiting for its parts carries (its files' bytes, to read a part here).
    pub fn payload(&self) -> Option<&P> {
        self.pending.as_ref().map(|p| &p.payload)
    }

    /// The check waiting for its parts, if any.
    pub fn waiting(&self) -> Option<u64> {
        self.pending.as_ref().map(|p| p.job)
    }

    /// Begins check `job`, reading each of `files` in [`Self::parts_per_file`] parts. A check
    /// still waiting is replaced. With no helper, or no file to split, the check is given back
    /// (`Err`) to be read whole.
    pub fn start(&mut self, job: u64, payload: P, files: Vec<FileRef>) -> Result<Vec<Effect<P, T, E>>, P> {
        let live = self.live();
        let Some(of) = self.parts_per_file() else { return Err(payload) };
        if files.is_empty() {
            return Err(payload);
        }
        let mut sends = Vec::new();
        let mut here = Vec::new();
        let mut splits = Vec::new();
        for file in files {
            let mut readers = vec![None; of];
            for (k, &slot) in live.iter().enumerate() {
                let part = PartJob { job, prior: file.prior, file: file.file, index: k + 1, of };
                readers[k + 1] = Some(slot);
                sends.push(Effect::Send { slot, part });
            }
            here.push(Effect::ReadHere(PartJob { job, prior: file.prior, file: file.file, index: 0, of }));
            splits.push(Split { file, parts: (0..of).map(|_| None).collect(), readers });
        }
        self.pending = Some(Pending { job, payload, splits });
        // The helpers' parts first, so that they read while this worker reads its own.
        sends.extend(here);
        Ok(sends)
    }

    /// The split and part a label names, in the check waiting.
    fn locate(&self, part: &PartJob) -> Option<usize> {
        let pending = self.pending.as_ref().filter(|p| p.job == part.job)?;
        let s = pending.splits.iter().position(|sp| sp.file == part.file_ref() && sp.parts.len() == part.of)?;
        (part.index < part.of && pending.splits[s].parts[part.index].is_none()).then_some(s)
    }

    /// A part could not be posted to its helper: it is read here.
    pub fn undelivered(&mut self, part: PartJob) -> Vec<Effect<P, T, E>> {
        match self.locate(&part) {
            Some(s) => {
                if let Some(p) = self.pending.as_mut() {
                    p.splits[s].readers[part.index] = None;
                }
                vec![Effect::ReadHere(part)]
            }
            None => Vec::new(),
        }
    }

    /// A part was read here.
    pub fn read(&mut self, part: PartJob, result: Result<T, E>) -> Vec<Effect<P, T, E>> {
        self.store(part, result)
    }

    /// A helper answered for `part`: its tables, why it could not read them, or (`None`) tables
    /// that could not be decoded, which are then read here. Answers for a check that is over, or
    /// for a part already in, are dropped.
    pub fn answered(&mut self, part: PartJob, result: Option<Result<T, E>>) -> Vec<Effect<P, T, E>> {
        match result {
            Some(result) => self.store(part, result),
            None => self.undelivered(part),
        }
    }

    fn store(&mut self, part: PartJob, result: Result<T, E>) -> Vec<Effect<P, T, E>> {
        let Some(s) = self.locate(&part) else { return Vec::new() };
        if let Some(p) = self.pending.as_mut() {
            p.splits[s].parts[part.index] = Some(result);
            p.splits[s].readers[part.index] = None;
        }
        self.finish_if_complete()
    }

    /// The helper in `slot` failed (a crash, an unreadable message): it is ended and replaced, and
    /// the parts it was reading are read here.
    pub fn failed(&mut self, slot: usize) -> Vec<Effect<P, T, E>> {
        let mut effects = Vec::new();
        if slot >= self.slots.len() {
            return effects;
        }
        self.slots[slot] = false;
        effects.push(Effect::Terminate(slot));
        if let Some(pending) = self.pending.as_mut() {
            for split in &mut pending.splits {
                for (index, reader) in split.readers.iter_mut().enumerate() {
                    if *reader == Some(slot) {
                        *reader = None;
                        let of = split.parts.len();
                        effects.push(Effect::ReadHere(PartJob {
                            job: pending.job,
                            prior: split.file.prior,
                            file: split.file.file,
                            index,
                            of,
                        }));
                    }
                }
            }
        }
        effects.push(Effect::Spawn(slot));
        effects
    }

    fn finish_if_complete(&mut self) -> Vec<Effect<P, T, E>> {
        let complete = self.pending.as_ref().is_some_and(|p| p.splits.iter().all(|s| s.parts.iter().all(Option::is_some)));
        if !complete {
            return Vec::new();
        }
        let Some(pending) = self.pending.take() else { return Vec::new() };
        let splits = pending.splits.into_iter().map(|s| Parts { file: s.file, parts: s.parts.into_iter().flatten().collect() }).collect();
        vec![Effect::Finish { job: pending.job, payload: pending.payload, splits }]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type S = Scheduler<&'static str, String, String>;
    type Fx = Effect<&'static str, String, String>;

    fn started(slots: usize) -> S {
        let mut s = S::new(slots);
        for e in s.spawn_all() {
            let Effect::Spawn(slot) = e else { panic!("{e:?}") };
            s.started(slot);
        }
        s
    }

    const BOOK: FileRef = FileRef { prior: false, file: 0 };
    const LAST_YEAR: FileRef = FileRef { prior: true, file: 0 };

    fn part(job: u64, file: FileRef, index: usize, of: usize) -> PartJob {
        PartJob { job, prior: file.prior, file: file.file, index, of }
    }

    fn tables(p: &PartJob) -> String {
        format!("{}:{}:{}/{}", if p.prior { "prior" } else { "files" }, p.file, p.index, p.of)
    }

    /// Carries the effects out as a worker would, with helpers that answer (or not) by `helper`:
    /// `Some(answer)` for an answer at once, `None` to leave the part with the helper. Returns the
    /// effects that were not carried out (sends left unanswered, terminations, spawns, finishes).
    fn drive(s: &mut S, effects: Vec<Fx>, helper: &mut impl FnMut(usize, PartJob) -> Option<Option<Result<String, String>>>) -> Vec<Fx> {
        let mut queue: std::collections::VecDeque<Fx> = effects.into();
        let mut left = Vec::new();
        while let Some(e) = queue.pop_front() {
            match e {
                Effect::ReadHere(p) => queue.extend(s.read(p, Ok(format!("here {}", tables(&p))))),
                Effect::Send { slot, part } => match helper(slot, part) {
                    Some(answer) => queue.extend(s.answered(part, answer)),
                    None => left.push(Effect::Send { slot, part }),
                },
                other => left.push(other),
            }
        }
        left
    }

    /// A finished check: its job, payload and each split's parts.
    type Done = (u64, &'static str, Vec<(FileRef, Vec<Result<String, String>>)>);

    fn finished(effects: &[Fx]) -> Option<Done> {
        effects.iter().find_map(|e| match e {
            Effect::Finish { job, payload, splits } => Some((*job, *payload, splits.iter().map(|s| (s.file, s.parts.clone())).collect())),
            _ => None,
        })
    }

    #[test]
    fn without_helpers_or_large_files_a_check_is_read_whole() {
        let mut none = S::new(0);
        assert_eq!(none.parts_per_file(), None);
        assert_eq!(none.start(1, "check", vec![BOOK]).unwrap_err(), "check");
        // Slots whose helpers never started are no helpers.
        let mut unstarted = S::new(2);
        assert_eq!(unstarted.parts_per_file(), None);
        assert!(unstarted.start(1, "check", vec![BOOK]).is_err());
        let mut two = started(2);
        assert_eq!(two.parts_per_file(), Some(3));
        assert!(two.start(1, "check", vec![]).is_err());
        assert_eq!(two.waiting(), None);
    }

    #[test]
    fn each_large_file_is_read_in_parts_one_here_and_one_per_helper_and_joined_in_order() {
        let mut s = started(2);
        let effects = s.start(7, "check", vec![BOOK, LAST_YEAR]).unwrap();
        // The helpers are given their parts before this worker reads its own.
        assert_eq!(
            effects,
            vec![
                Effect::Send { slot: 0, part: part(7, BOOK, 1, 3) },
                Effect::Send { slot: 1, part: part(7, BOOK, 2, 3) },
                Effect::Send { slot: 0, part: part(7, LAST_YEAR, 1, 3) },
                Effect::Send { slot: 1, part: part(7, LAST_YEAR, 2, 3) },
                Effect::ReadHere(part(7, BOOK, 0, 3)),
                Effect::ReadHere(part(7, LAST_YEAR, 0, 3)),
            ]
        );
        assert_eq!(s.payload(), Some(&"check"));
        // The helpers answer in reverse order; the parts still come out in order.
        let mut held = Vec::new();
        let left = drive(&mut s, effects, &mut |_, p| {
            held.push(p);
            None
        });
        assert_eq!(left.len(), 4, "nothing finishes before the helpers answer");
        let mut out = Vec::new();
        for p in held.into_iter().rev() {
            out.extend(s.answered(p, Some(Ok(format!("helper {}", tables(&p))))));
        }
        let (job, payload, splits) = finished(&out).expect("the check finishes once every part is in");
        assert_eq!((job, payload), (7, "check"));
        assert_eq!(
            splits,
            vec![
                (BOOK, vec![Ok("here files:0:0/3".into()), Ok("helper files:0:1/3".into()), Ok("helper files:0:2/3".into())]),
                (LAST_YEAR, vec![Ok("here prior:0:0/3".into()), Ok("helper prior:0:1/3".into()), Ok("helper prior:0:2/3".into())]),
            ]
        );
        assert_eq!(s.waiting(), None);
    }

    #[test]
    fn a_helper_that_crashes_mid_check_is_replaced_and_its_parts_are_read_here() {
        let mut s = started(2);
        let effects = s.start(3, "check", vec![BOOK]).unwrap();
        // Helper 0 answers; helper 1 takes its part and crashes.
        let left = drive(&mut s, effects, &mut |slot, p| (slot == 0).then(|| Some(Ok(format!("helper {}", tables(&p))))));
        assert_eq!(left, vec![Effect::Send { slot: 1, part: part(3, BOOK, 2, 3) }]);
        let effects = s.failed(1);
        assert_eq!(effects, vec![Effect::Terminate(1), Effect::ReadHere(part(3, BOOK, 2, 3)), Effect::Spawn(1)]);
        assert_eq!(s.parts_per_file(), Some(2), "until the new helper has started, its slot gets no part");
        let left = drive(&mut s, effects, &mut |_, _| None);
        let (_, _, splits) = finished(&left).expect("the check does not wait for the helper that is gone");
        assert_eq!(splits[0].1[2], Ok("here files:0:2/3".into()));
        // The replacement starts and takes its part of the next check.
        s.started(1);
        assert_eq!(s.parts_per_file(), Some(3));
    }

    #[test]
    fn a_part_that_cannot_be_sent_or_whose_answer_is_unreadable_is_read_here() {
        let mut s = started(2);
        let effects = s.start(4, "check", vec![BOOK]).unwrap();
        let mut out = Vec::new();
        for e in effects {
            match e {
                Effect::Send { slot: 0, part } => out.extend(s.undelivered(part)),
                Effect::Send { slot: 1, part } => out.extend(s.answered(part, None)),
                Effect::ReadHere(p) => out.extend(s.read(p, Ok("own".into()))),
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(out, vec![Effect::ReadHere(part(4, BOOK, 1, 3)), Effect::ReadHere(part(4, BOOK, 2, 3))]);
        let left = drive(&mut s, out, &mut |_, _| None);
        let (_, _, splits) = finished(&left).unwrap();
        assert_eq!(splits[0].1, vec![Ok("own".into()), Ok("here files:0:1/3".into()), Ok("here files:0:2/3".into())]);
    }

    #[test]
    fn a_newer_check_supersedes_one_waiting_and_the_late_answers_are_dropped() {
        let mut s = started(1);
        let first = s.start(1, "first", vec![BOOK]).unwrap();
        let left = drive(&mut s, first, &mut |_, _| None);
        let late = match left.as_slice() {
            [Effect::Send { part, .. }] => *part,
            other => panic!("{other:?}"),
        };
        // The person starts another check while the helper still reads the first one's part.
        let second = s.start(2, "second", vec![BOOK]).unwrap();
        assert_eq!(s.waiting(), Some(2));
        assert_eq!(s.answered(late, Some(Ok("stale".into()))), vec![], "an answer for a check that is over");
        let out = drive(&mut s, second, &mut |_, p| Some(Some(Ok(format!("helper {}", tables(&p))))));
        let (job, payload, splits) = finished(&out).unwrap();
        assert_eq!((job, payload), (2, "second"));
        assert!(splits[0].1.iter().all(|p| p.as_ref().is_ok_and(|t| !t.contains("stale"))));
    }

    #[test]
    fn an_answer_is_taken_once_and_only_for_the_part_it_names() {
        let mut s = started(1);
        let effects = s.start(5, "check", vec![BOOK]).unwrap();
        let left = drive(&mut s, effects, &mut |_, _| None);
        let Some(Effect::Send { part: p, .. }) = left.first() else { panic!("{left:?}") };
        let p = *p;
        // Labels naming another file, another split or no part at all are dropped.
        assert_eq!(s.answered(PartJob { file: 9, ..p }, Some(Ok("x".into()))), vec![]);
        assert_eq!(s.answered(PartJob { of: 5, ..p }, Some(Ok("x".into()))), vec![]);
        assert_eq!(s.answered(PartJob { index: 7, ..p }, Some(Ok("x".into()))), vec![]);
        assert_eq!(s.answered(PartJob { index: 0, ..p }, Some(Ok("again".into()))), vec![], "part 0 is in already");
        let out = s.answered(p, Some(Ok("helper".into())));
        let (_, _, splits) = finished(&out).unwrap();
        assert_eq!(splits[0].1, vec![Ok("here files:0:0/2".into()), Ok("helper".into())]);
        assert_eq!(s.answered(p, Some(Ok("twice".into()))), vec![], "the check is over");
    }

    #[test]
    fn a_part_a_helper_could_not_read_is_carried_to_the_finish_as_its_error() {
        let mut s = started(1);
        let effects = s.start(6, "check", vec![BOOK]).unwrap();
        let out = drive(&mut s, effects, &mut |_, _| Some(Some(Err("encrypted".into()))));
        let (_, _, splits) = finished(&out).unwrap();
        assert_eq!(splits[0].1[1], Err("encrypted".into()));
    }

    #[test]
    fn a_helper_that_fails_while_idle_is_replaced_and_a_cancelled_checks_helpers_start_afresh() {
        let mut s = started(2);
        assert_eq!(s.failed(0), vec![Effect::Terminate(0), Effect::Spawn(0)]);
        assert_eq!(s.failed(9), vec![], "no such slot");
        assert_eq!(s.parts_per_file(), Some(2));
        // A check is cancelled by ending this worker, helpers and all: the page starts a fresh
        // worker, whose scheduler has no check waiting and starts every helper again.
        let fresh = S::new(2);
        assert_eq!(fresh.waiting(), None);
        assert_eq!(fresh.spawn_all(), vec![Effect::Spawn(0), Effect::Spawn(1)]);
    }
}
