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
