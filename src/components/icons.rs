//! Small inline SVG icons (inline SVG elements are allowed by the page's CSP; style attributes are
//! not, so icons are sized and coloured by CSS classes).

use yew::prelude::*;

/// The gouji mark: a ledger with a tick, as in the favicon.
#[function_component(Logo)]
pub fn logo() -> Html {
    html! {
        <svg class="logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <rect x="3" y="3" width="26" height="26" rx="6" class="logo__bg" />
            <path d="M9 11h10M9 16h7M9 21h5" class="logo__lines" />
            <path d="M17.5 20.5l3 3 5.5-7" class="logo__tick" />
        </svg>
    }
}

#[function_component(LockIcon)]
pub fn lock_icon() -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <rect x="5" y="10.5" width="14" height="10" rx="2" />
            <path d="M8 10.5V8a4 4 0 0 1 8 0v2.5" />
        </svg>
    }
}

#[function_component(UploadIcon)]
pub fn upload_icon() -> Html {
    html! {
        <svg class="icon icon--large" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M12 15V4M7.5 8.5 12 4l4.5 4.5" />
            <path d="M4 14.5V18a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-3.5" />
        </svg>
    }
}

#[function_component(SheetIcon)]
pub fn sheet_icon() -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <rect x="4" y="3" width="16" height="18" rx="2" />
            <path d="M4 9h16M4 15h16M10 9v12" />
        </svg>
    }
}

#[function_component(PasteIcon)]
pub fn paste_icon() -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <rect x="5" y="4.5" width="14" height="16.5" rx="2" />
            <path d="M9 4.5V3.5h6v1M9 10h6M9 14h6M9 18h3" />
        </svg>
    }
}

#[function_component(CloseIcon)]
pub fn close_icon() -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M6.5 6.5l11 11M17.5 6.5l-11 11" />
        </svg>
    }
}

#[function_component(FolderIcon)]
pub fn folder_icon() -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M3.5 7.5V18a2 2 0 0 0 2 2h13a2 2 0 0 0 2-2V9.5a2 2 0 0 0-2-2h-7l-2-2.5h-4a2 2 0 0 0-2 2z" />
        </svg>
    }
}

#[function_component(FileIcon)]
pub fn file_icon() -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M14 3.5H7a2 2 0 0 0-2 2v13a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8.5z" />
            <path d="M14 3.5v5h5" />
        </svg>
    }
}

/// A book: the built-in sample.
#[function_component(BookIcon)]
pub fn book_icon() -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M4.5 5.5A1.5 1.5 0 0 1 6 4h13.5v14H6a1.5 1.5 0 0 0-1.5 1.5z" />
            <path d="M4.5 19.5A1.5 1.5 0 0 0 6 21h13.5v-3M9 8h6" />
        </svg>
    }
}

/// A clock turning back: the prior year.
#[function_component(HistoryIcon)]
pub fn history_icon() -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M4 12a8 8 0 1 0 2.4-5.7M4 4.5v4h4" />
            <path d="M12 8v4.5l3 2" />
        </svg>
    }
}

#[function_component(CheckIcon)]
pub fn check_icon() -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <circle cx="12" cy="12" r="9" />
            <path d="M8 12.5l2.8 2.8L16.5 9.5" />
        </svg>
    }
}

#[function_component(AlertIcon)]
pub fn alert_icon() -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M12 4 2.8 19.5h18.4z" />
            <path d="M12 10v4.5M12 17.2v.1" />
        </svg>
    }
}

#[function_component(DownloadIcon)]
pub fn download_icon() -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M12 4v11M7.5 10.5 12 15l4.5-4.5" />
            <path d="M4 15.5V18a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2.5" />
        </svg>
    }
}

#[function_component(PrintIcon)]
pub fn print_icon() -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M7 8V3.5h10V8" />
            <rect x="3.5" y="8" width="17" height="8.5" rx="2" />
            <path d="M7 14h10v6.5H7z" />
        </svg>
    }
}
