use gouji_protocol::i18n::{pages_detail, progress_detail, Lang};
use gouji_protocol::protocol::Stage;
use gouji_protocol::state::{Job, WorkerStatus};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ProgressProps {
    pub lang: Lang,
    pub job: Job,
    pub worker: WorkerStatus,
    pub on_cancel: Callback<()>,
}

pub fn stage_text(lang: Lang, stage: Option<Stage>, worker: WorkerStatus) -> &'static str {
    let t = lang.texts();
    match stage {
        None if worker == WorkerStatus::Starting => t.stage_starting,
        None | Some(Stage::Loading) => t.stage_loading,
        Some(Stage::Reading) => t.stage_reading,
        Some(Stage::ReadingPages) => t.stage_reading_pages,
        Some(Stage::ReadingPrior) => t.stage_reading_prior,
        Some(Stage::Checking) => t.stage_checking,
        Some(Stage::Narrative) => t.stage_narrative,
        Some(Stage::Comparing) => t.stage_comparing,
        Some(Stage::Preparing) => t.stage_preparing,
        Some(Stage::Exporting) => t.stage_exporting,
    }
}

/// The job in progress: its stage, how far it is, and a way to cancel it.
#[function_component(ProgressPanel)]
pub fn progress_panel(props: &ProgressProps) -> Html {
    let lang = props.lang;
    let t = lang.texts();
    let job = &props.job;
    let stage = stage_text(lang, job.stage, props.worker);
    let detail = match (job.stage, &job.detail) {
        (Some(Stage::Checking), _) if job.total > 1 => Some(progress_detail(lang, job.done + 1, job.total)),
        (Some(Stage::ReadingPages), _) if job.total > 0 => Some(pages_detail(lang, job.done, job.total)),
        (_, Some(d)) => Some(d.clone()),
        _ => None,
    };
    let determinate = matches!(job.stage, Some(Stage::Checking | Stage::ReadingPages)) && job.total > 1;
    html! {
        <div class="progress" role="status" aria-live="polite" data-testid="progress"
            data-stage={job.stage.map(|s| format!("{s:?}").to_lowercase()).unwrap_or_default()}>
            <div class="progress__text">
                <span class="spinner" aria-hidden="true"></span>
                <span class="progress__stage" data-testid="progress-stage">{ stage }{ "…" }</span>
                if let Some(d) = detail {
                    <span class="progress__detail">{ d }</span>
                }
            </div>
            if determinate {
                <progress class="progress__bar" max={job.total.to_string()} value={job.done.to_string()}></progress>
            } else {
                <progress class="progress__bar"></progress>
            }
            <p class="progress__note">{ t.working_note }</p>
            <button type="button" class="button button--quiet" data-testid="cancel"
                onclick={props.on_cancel.reform(|_: MouseEvent| ())}>{ t.cancel }</button>
        </div>
    }
}
