//! From paths to checked submissions: finding files, reading their bytes, running the core.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use gouji_core::{analyse, Budget, BudgetReport, InputFile, Limits, ReadError, ReadErrorKind, Severity};

/// One submission (a file, or a folder read as one) and what came of it.
#[derive(Debug)]
pub struct Submission {
    /// The path as the user gave it (or as found under the batch folder).
    pub path: String,
    /// One report per unit found, or why nothing could be read.
    pub outcome: Result<Vec<BudgetReport>, InputError>,
}

/// Counts over submissions: what the exit status and the totals line are made of.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub submissions: usize,
    pub budgets: usize,
    pub unreadable: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Tally {
    pub fn of(subs: &[Submission]) -> Tally {
        let mut t = Tally { submissions: subs.len(), ..Tally::default() };
        for s in subs {
            match &s.outcome {
                Err(_) => t.unreadable += 1,
                Ok(reports) => {
                    for r in reports {
                        t.budgets += 1;
                        t.add(r);
                    }
                }
            }
        }
        t
    }

    /// Adds one budget's findings.
    pub fn add(&mut self, r: &BudgetReport) {
        self.errors += r.count(Severity::Error);
        self.warnings += r.count(Severity::Warning);
        self.infos += r.count(Severity::Info);
    }
}

/// Why a submission could not be read: a core [`ReadError`], or the operating system's refusal.
#[derive(Debug, Clone)]
pub struct InputError {
    /// A `ReadErrorKind` string (`encrypted`, `not_a_spreadsheet`, …), or `io` when the file
    /// system refused (missing file, no permission).
    pub kind: &'static str,
    pub message_zh: String,
    pub message_en: String,
}

impl From<ReadError> for InputError {
    fn from(e: ReadError) -> Self {
        InputError { kind: e.kind(), message_zh: e.message_zh(), message_en: e.message_en() }
    }
}

impl InputError {
    fn io(path: &Path, e: &io::Error) -> Self {
        let p = path.display();
        let zh = match e.kind() {
            io::ErrorKind::NotFound => "没有这个文件或文件夹".to_string(),
            io::ErrorKind::PermissionDenied => "没有读取权限".to_string(),
            _ => format!("无法读取（{e}）"),
        };
        InputError { kind: "io", message_zh: format!("{p}：{zh}"), message_en: format!("{p}: {e}") }
    }
}

/// What `gouji check --text/--prior` adds to every submission.
#[derive(Debug, Default)]
pub struct Narrative {
    /// The text of `--text`; without it, the text found in the submission itself is checked.
    pub text: Option<String>,
    /// The budgets of `--prior` (one per unit found there).
    pub prior: Vec<Budget>,
}

/// Checks one `gouji check` PATH: a file, or a folder whose files form one submission.
pub fn check_path(path: &Path, limits: &Limits, narrative: Option<&Narrative>) -> Submission {
    let outcome = files_at(path).and_then(|files| analyse_paths(&files, limits, narrative));
    Submission { path: path.display().to_string(), outcome }
}

/// The files of a PATH: the file itself, or the files directly in a folder.
fn files_at(path: &Path) -> Result<Vec<PathBuf>, InputError> {
    match fs::metadata(path) {
        Err(e) => Err(InputError::io(path, &e)),
        Ok(m) if m.is_dir() => folder_files(path).map_err(|e| InputError::io(path, &e)).and_then(|files| {
            if files.is_empty() {
                Err(ReadError::new(ReadErrorKind::Empty, &path.display().to_string(), "文件夹中没有文件", "the folder holds no files")
                    .into())
            } else {
                Ok(files)
            }
        }),
        Ok(_) => Ok(vec![path.to_path_buf()]),
    }
}

/// Reads the budgets of a PATH without checking them (`gouji diff`, `--prior`).
pub fn budgets_at(path: &Path, limits: &Limits) -> Result<Vec<Budget>, InputError> {
    let paths = files_at(path)?;
    let (names, contents) = read_all(&paths, limits)?;
    let files: Vec<InputFile<'_>> = names.iter().zip(&contents).map(|(n, b)| InputFile { name: n, bytes: b }).collect();
    Ok(gouji_core::read_budgets(&files, limits)?.0)
}

/// Reads a narrative text file (UTF-8 or GBK, as budget text files come).
pub fn text_at(path: &Path, limits: &Limits) -> Result<String, InputError> {
    let name = path.display().to_string();
    let bytes = read_limited(path, &name, limits)?;
    match gouji_core::read::read_file(&name, &bytes, limits)?.text {
        Some(text) => Ok(text),
        None => Err(ReadError::new(
            ReadErrorKind::NotASpreadsheet,
            &name,
            "说明文字应为文本文件（.txt）",
            "the narrative must be a text file (.txt)",
        )
        .into()),
    }
}

/// Checks one file on its own (`gouji batch`).
pub fn check_file(path: &Path, limits: &Limits) -> Submission {
    let outcome = analyse_paths(&[path.to_path_buf()], limits, None);
    Submission { path: path.display().to_string(), outcome }
}

/// A submission that failed before it could be read (a folder that cannot be listed).
pub fn unreadable(path: &Path, e: &io::Error) -> Submission {
    Submission { path: path.display().to_string(), outcome: Err(InputError::io(path, e)) }
}

fn read_all(paths: &[PathBuf], limits: &Limits) -> Result<(Vec<String>, Vec<Vec<u8>>), InputError> {
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let mut contents = Vec::with_capacity(paths.len());
    for (path, name) in paths.iter().zip(&names) {
        contents.push(read_limited(path, name, limits)?);
    }
    Ok((names, contents))
}

/// Reads and checks one document for its 检查表: its reports and the text they were checked with.
pub fn review_path(path: &Path, limits: &Limits, text: Option<&str>) -> Result<(Vec<BudgetReport>, Option<String>), InputError> {
    let paths = files_at(path)?;
    let (names, contents) = read_all(&paths, limits)?;
    let files: Vec<InputFile<'_>> = names.iter().zip(&contents).map(|(n, b)| InputFile { name: n, bytes: b }).collect();
    let mut analysis = analyse(&files, limits)?;
    let text = text.map(str::to_owned).or_else(|| analysis.text.clone());
    analysis.add_narrative(text.as_deref(), &[]);
    Ok((analysis.budgets, text))
}

fn analyse_paths(paths: &[PathBuf], limits: &Limits, narrative: Option<&Narrative>) -> Result<Vec<BudgetReport>, InputError> {
    let (names, contents) = read_all(paths, limits)?;
    let files: Vec<InputFile<'_>> = names.iter().zip(&contents).map(|(n, b)| InputFile { name: n, bytes: b }).collect();
    let mut analysis = analyse(&files, limits)?;
    // As in the browser: without --text, the text found in the input (a PDF's own pages, a text
    // file) is its narrative.
    match narrative {
        Some(n) => analysis.add_narrative(n.text.as_deref(), &n.prior),
        None if analysis.text.is_some() => analysis.add_narrative(None, &[]),
        None => 0,
    };
    Ok(analysis.budgets)
}

/// Reads a file, refusing one larger than the limit before its bytes are held in memory.
fn read_limited(path: &Path, name: &str, limits: &Limits) -> Result<Vec<u8>, InputError> {
    let file = fs::File::open(path).map_err(|e| InputError::io(path, &e))?;
    let len = file.metadata().map_err(|e| InputError::io(path, &e))?.len();
    if len > limits.max_file_bytes {
        return Err(too_large(name, len, limits.max_file_bytes).into());
    }
    let mut bytes = Vec::with_capacity(len as usize);
    // One byte over the limit is enough for the core to tell a file that grew meanwhile.
    file.take(limits.max_file_bytes.saturating_add(1)).read_to_end(&mut bytes).map_err(|e| InputError::io(path, &e))?;
    Ok(bytes)
}

/// The core's too-large error, worded as the core words it.
fn too_large(name: &str, len: u64, max: u64) -> ReadError {
    ReadError::new(
        ReadErrorKind::TooLarge,
        name,
        format!("文件大小 {}，上限 {}", gouji_core::human_bytes(len), gouji_core::human_bytes(max)),
        format!("file size {}, limit {}", gouji_core::human_bytes(len), gouji_core::human_bytes(max)),
    )
}

/// Hidden files, and the `~$name.xlsx` lock files Excel leaves beside open workbooks.
fn skipped(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || name.starts_with("~$")
}

/// The files directly in a folder, sorted by name.
fn folder_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if skipped(&entry.file_name()) {
            continue;
        }
        // Follows symbolic links: a link to a file counts as the file.
        if fs::metadata(entry.path()).is_ok_and(|m| m.is_file()) {
            files.push(entry.path());
        }
    }
    files.sort();
    Ok(files)
}

/// Every file under `dir`, recursively, sorted by path; folders that cannot be listed are
/// returned as errors. Symbolic links to folders are not followed (no loops).
pub fn walk(dir: &Path) -> Vec<Result<PathBuf, (PathBuf, io::Error)>> {
    let mut out = Vec::new();
    match fs::metadata(dir) {
        Ok(m) if !m.is_dir() => out.push(Ok(dir.to_path_buf())),
        Ok(_) => walk_into(dir, &mut out),
        Err(e) => out.push(Err((dir.to_path_buf(), e))),
    }
    out.sort_by(|a, b| key(a).cmp(key(b)));
    out
}

fn key(r: &Result<PathBuf, (PathBuf, io::Error)>) -> &Path {
    match r {
        Ok(p) => p,
        Err((p, _)) => p,
    }
}

fn walk_into(dir: &Path, out: &mut Vec<Result<PathBuf, (PathBuf, io::Error)>>) {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => return out.push(Err((dir.to_path_buf(), e))),
    };
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                out.push(Err((dir.to_path_buf(), e)));
                continue;
            }
        };
        if skipped(&entry.file_name()) {
            continue;
        }
        let path = entry.path();
        match entry.file_type() {
            Ok(t) if t.is_dir() => walk_into(&path, out),
            Ok(t) if t.is_file() => out.push(Ok(path)),
            // A symbolic link: a file behind it counts, a folder does not.
            Ok(_) => {
                if fs::metadata(&path).is_ok_and(|m| m.is_file()) {
                    out.push(Ok(path));
                }
            }
            Err(e) => out.push(Err((path, e))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_bytes_matches_core_wording() {
        assert_eq!(gouji_core::human_bytes(12), "12 B");
        assert_eq!(gouji_core::human_bytes(1536), "1.5 KiB");
        assert_eq!(gouji_core::human_bytes(64 * 1024 * 1024), "64.0 MiB");
    }

    #[test]
    fn skips_hidden_and_lock_files() {
        assert!(skipped(std::ffi::OsStr::new(".DS_Store")));
        assert!(skipped(std::ffi::OsStr::new("~$预算.xlsx")));
        assert!(!skipped(std::ffi::OsStr::new("预算.xlsx")));
    }
}
