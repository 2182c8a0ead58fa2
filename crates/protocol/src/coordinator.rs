//! The page's bookkeeping of the worker's work, as a plain state machine: events in, effects out
//! (`Restart` the worker, `Send` a request with files). No web API here: `app.rs` carries the
//! effects out with the real worker and `File`s, and the tests below drive it with strings.
//!
//! What it keeps beside the page's [`crate::state::State`]: the submission the next check is made
//! of (the `File`s themselves, which cannot be state), the check in flight, what the result on
//! screen was made of, and whether the worker still holds it — a unit switch, a new pairing or an
//! export needs the worker to hold the analysis on screen, and a fresh worker (after a crash, a
//! cancel, a stall or a check that failed in it) is first given those files again.

use crate::protocol::Request;

/// What the next check is made of. `F` is the page's `File` (a string in tests).
#[derive(Clone, Debug, PartialEq)]
pub struct Submission<F> {
    pub files: Vec<F>,
    pub prior: Vec<F>,
    pub text: Option<String>,
    pub sample: bool,
}

impl<F> Default for Submission<F> {
    fn default() -> Self {
        Submission { files: Vec::new(), prior: Vec::new(), text: None, sample: false }
    }
}

/// What the page must do.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect<F> {
    /// Stop whatever the worker is doing, in a fresh worker.
    Restart,
    /// Post a request with the files it names (this year's, the prior year's).
    Send { request: Request, files: Vec<F>, prior: Vec<F> },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Coordinator<F> {
    /// The submission as the person has made it so far.
    pub next: Submission<F>,
    /// The check sent and not answered yet: its job id and submission.
    checking: Option<(u64, Submission<F>)>,
    /// The submission behind the result on screen.
    shown: Option<Submission<F>>,
    /// The worker holds the analysis behind the result on screen. Not once it was replaced,
    /// nor once it began another check (it forgets then).
    held: bool,
    /// The job that gives `shown` again to a worker that did not hold it.
    restoring: Option<u64>,
    /// The person's pairings of units with prior years (`Request::Pair`) on the result shown: a
    /// fresh worker pairs by year again, so they are sent again after its files.
    pairs: std::collections::BTreeMap<usize, Option<usize>>,
}

impl<F> Default for Coordinator<F> {
    fn default() -> Self {
        Coordinator {
            next: Submission::default(),
            checking: None,
            shown: None,
            held: false,
            restoring: None,
            pairs: std::collections::BTreeMap::new(),
        }
    }
}

/// The request that checks a submission, if it holds anything to check.
fn request_for<F>(id: u64, s: &Submission<F>, name: &impl Fn(&F) -> String) -> Option<Request> {
    let prior: Vec<String> = s.prior.iter().map(name).collect();
    if s.sample {
        Some(Request::Sample { job: id, prior })
    } else if !s.files.is_empty() || s.text.is_some() {
        Some(Request::Analyse { job: id, files: s.files.iter().map(name).collect(), prior, text: s.text.clone() })
    } else {
        None
    }
}

impl<F: Clone> Coordinator<F> {
    /// A check is in flight.
    pub fn checking(&self) -> bool {
        self.checking.is_some()
    }

    /// The files behind the result on screen (a markup export is made from them).
    pub fn shown_files(&self) -> Vec<F> {
        self.shown.as_ref().map(|s| s.files.clone()).unwrap_or_default()
    }

    /// The worker was replaced (a crash, a stall, a cancel, a check that superseded another).
    pub fn lost_worker(&mut self) {
        self.checking = None;
        self.held = false;
        self.restoring = None;
    }

    /// Checks the submission as it stands, as job `id`. A check still running (`busy`: the page
    /// is doing any job) is superseded: its worker is replaced, so it neither delays the new check
    /// nor answers after it. Nothing to check: no effect.
    pub fn run(&mut self, id: u64, busy: bool, name: impl Fn(&F) -> String) -> Vec<Effect<F>> {
        let Some(request) = request_for(id, &self.next, &name) else { return Vec::new() };
        let mut effects = Vec::new();
        if busy || self.checking.is_some() {
            effects.push(Effect::Restart);
            self.lost_worker();
        }
        let s = self.next.clone();
        self.checking = Some((id, s.clone()));
        // The worker forgets its last analysis when it begins another.
        self.held = false;
        self.restoring = None;
        effects.push(Effect::Send { request, files: s.files, prior: s.prior });
        effects
    }

    /// A refusal made on the page (a file too large) ends a check in progress, like a new check.
    pub fn refuse(&mut self, busy: bool) -> Vec<Effect<F>> {
        if busy || self.checking.is_some() {
            self.lost_worker();
            vec![Effect::Restart]
        } else {
            Vec::new()
        }
    }

    /// Everything cleared: the submission, and the result it gave.
    pub fn clear(&mut self, busy: bool) -> Vec<Effect<F>> {
        let effects = self.refuse(busy);
        self.next = Submission::default();
        self.shown = None;
        effects
    }

    /// The person cancelled the job in progress.
    pub fn cancel(&mut self) -> Vec<Effect<F>> {
        self.lost_worker();
        vec![Effect::Restart]
    }

    /// A request about the result on screen (a unit, a pairing, an export) with the files it
    /// carries: first, a worker that does not hold that result is given its files again (it
    /// answers in order, so the request finds them read). `new_id` gives the restoring job's id.
    pub fn about_shown(
        &mut self,
        request: Request,
        files: Vec<F>,
        mut new_id: impl FnMut() -> u64,
        name: impl Fn(&F) -> String,
    ) -> Vec<Effect<F>> {
        let mut effects = Vec::new();
        if !self.held {
            let id = new_id();
            if let Some((resend, s)) = self.shown.as_ref().and_then(|s| request_for(id, s, &name).map(|r| (r, s.clone()))) {
                self.held = true;
                self.restoring = Some(id);
                effects.push(Effect::Send { request: resend, files: s.files, prior: s.prior });
                // The person's pairings, which the fresh worker does not know.
                for (&unit, &prior) in &self.pairs {
                    effects.push(Effect::Send {
                        request: Request::Pair { job: new_id(), unit, prior },
                        files: Vec::new(),
                        prior: Vec::new(),
                    });
                }
            }
        }
        if let Request::Pair { unit, prior, .. } = request {
            self.pairs.insert(unit, prior);
        }
        effects.push(Effect::Send { request, files, prior: Vec::new() });
        effects
    }

    /// A check (or a restoring job) answered with a result.
    pub fn done(&mut self, job: u64) {
        if self.checking.as_ref().is_some_and(|(id, _)| *id == job) {
            self.shown = self.checking.take().map(|(_, s)| s);
            self.held = true;
            // A new result: pairings were of the last one.
            self.pairs.clear();
        }
        if self.restoring == Some(job) {
            self.restoring = None;
        }
    }

    /// A job failed in the worker (which lives on).
    pub fn failed(&mut self, job: u64) {
        if self.checking.as_ref().is_some_and(|(id, _)| *id == job) {
            self.checking = None;
        }
        if self.restoring == Some(job) {
            self.restoring = None;
            self.held = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::ExportFormat;

    type C = Coordinator<&'static str>;
    fn name(f: &&'static str) -> String {
        f.to_string()
    }
    fn sent(effects: &[Effect<&'static str>]) -> Vec<(u64, Vec<&'static str>)> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::Send { request, files, .. } => Some((request.job(), files.clone())),
                Effect::Restart => None,
            })
            .collect()
    }
    fn unit(job: u64) -> Request {
        Request::Unit { job, unit: 1 }
    }

    #[test]
    fn a_check_is_sent_with_its_files_and_nothing_is_sent_for_an_empty_submission() {
        let mut c = C::default();
        assert!(c.run(1, false, name).is_empty(), "nothing to check");
        c.next.files = vec!["a.xlsx"];
        c.next.prior = vec!["2020.xlsx"];
        let e = c.run(2, false, name);
        assert_eq!(e.len(), 1);
        let Effect::Send { request: Request::Analyse { job, files, prior, .. }, .. } = &e[0] else { panic!("{e:?}") };
        assert_eq!(
            (*job, files.as_slice(), prior.as_slice()),
            (2, ["a.xlsx".to_string()].as_slice(), ["2020.xlsx".to_string()].as_slice())
        );
        assert!(c.checking());
    }

    #[test]
    fn a_check_started_while_another_runs_replaces_the_worker_first() {
        let mut c = C::default();
        c.next.files = vec!["big.xlsx"];
        c.run(1, false, name);
        c.next.files = vec!["small.xlsx"];
        let e = c.run(2, true, name);
        assert_eq!(e[0], Effect::Restart);
        assert_eq!(sent(&e), [(2, vec!["small.xlsx"])]);
        // The old check's late answer changes nothing; the new one's is shown.
        c.done(1);
        assert!(c.checking());
        c.done(2);
        assert_eq!(c.shown_files(), ["small.xlsx"]);
    }

    #[test]
    fn after_the_worker_is_lost_a_request_about_the_result_first_gives_its_files_again() {
        let mut c = C::default();
        c.next.files = vec!["a.xlsx"];
        c.run(1, false, name);
        c.done(1);
        // The worker holds the result: the request goes alone.
        assert_eq!(sent(&c.about_shown(unit(2), vec![], || 99, name)), [(2, vec![])]);
        // A crash: the result's files go first, then the request.
        c.lost_worker();
        let e = c.about_shown(unit(3), vec![], || 4, name);
        assert_eq!(sent(&e), [(4, vec!["a.xlsx"]), (3, vec![])]);
        // Held again: no second resend.
        assert_eq!(sent(&c.about_shown(unit(5), vec![], || 6, name)).len(), 1);
        // The resend failed in the worker: the next request resends again.
        c.failed(4);
        let e = c.about_shown(
            Request::Export {
                job: 7,
                format: ExportFormat::Csv,
                unit: 0,
                lang: Default::default(),
                marks: Default::default(),
                stamp: String::new(),
            },
            vec!["a.xlsx"],
            || 8,
            name,
        );
        assert_eq!(sent(&e), [(8, vec!["a.xlsx"]), (7, vec!["a.xlsx"])]);
    }

    #[test]
    fn a_fresh_worker_is_given_the_persons_pairings_again_after_the_files() {
        let mut c = C::default();
        c.next.files = vec!["2020.xlsx", "2021.xlsx"];
        c.run(1, false, name);
        c.done(1);
        c.about_shown(Request::Pair { job: 2, unit: 1, prior: None }, vec![], || 99, name);
        c.lost_worker();
        let mut ids = 10..;
        let e = c.about_shown(unit(3), vec![], || ids.next().unwrap(), name);
        assert_eq!(e.len(), 3, "{e:?}");
        assert!(matches!(&e[0], Effect::Send { request: Request::Analyse { job: 10, .. }, .. }));
        assert!(matches!(&e[1], Effect::Send { request: Request::Pair { job: 11, unit: 1, prior: None }, .. }), "{:?}", e[1]);
        assert!(matches!(&e[2], Effect::Send { request: Request::Unit { job: 3, .. }, .. }));
        // A new result forgets them.
        c.next.files = vec!["other.xlsx"];
        c.run(4, false, name);
        c.done(4);
        c.lost_worker();
        assert_eq!(c.about_shown(unit(5), vec![], || 6, name).len(), 2);
    }

    #[test]
    fn a_failed_check_leaves_the_last_result_held_nothing_and_a_cancel_or_clear_replaces_the_worker() {
        let mut c = C::default();
        c.next.files = vec!["a.xlsx"];
        c.run(1, false, name);
        c.done(1);
        c.next.files = vec!["bad.xlsx"];
        c.run(2, false, name);
        c.failed(2);
        assert!(!c.checking());
        assert_eq!(c.shown_files(), ["a.xlsx"], "the last result's files stay");
        assert_eq!(sent(&c.about_shown(unit(3), vec![], || 4, name)), [(4, vec!["a.xlsx"]), (3, vec![])], "the worker began another check");
        assert_eq!(c.cancel(), [Effect::Restart]);
        assert_eq!(c.refuse(false), []);
        assert_eq!(c.clear(true), [Effect::Restart]);
        assert_eq!(c.shown_files(), Vec::<&str>::new());
        assert_eq!(c.next, Submission::default());
    }
}
