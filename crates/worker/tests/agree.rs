//! What the page knows without gouji-core (gouji-protocol) must agree with the core: the page
//! refuses a file before sending it by the core's own limit, and words a place in a PDF as the
//! core's findings do.

use gouji_worker::i18n::{page_line, Lang};
use gouji_worker::protocol::MAX_FILE_BYTES;

#[test]
fn the_pages_file_limit_is_the_cores() {
    assert_eq!(MAX_FILE_BYTES, gouji_core::Limits::default().max_file_bytes);
}

#[test]
fn a_place_in_a_pdf_is_worded_as_the_core_words_it() {
    for (page, line) in [(1, 1), (8, 4), (123, 45)] {
        assert_eq!(page_line(Lang::Zh, page, line), gouji_core::narrative::page_line(page, line, true));
        assert_eq!(page_line(Lang::En, page, line), gouji_core::narrative::page_line(page, line, false));
    }
}
