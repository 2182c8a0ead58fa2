#!/usr/bin/env python3
"""pdfplumber text extraction, for comparison with gouji's PDF reader (scripts/bench-pdf.sh).

    python3 scripts/bench_pdfplumber.py RUNS FILE.pdf...

Per run: `pdfplumber.open(path)`, `page.extract_words()` on every page, close: words and their
boxes only. It does less than gouji (no tables, no checks). Prints a line per file and a
tab-separated RESULT line: file, pages, median ms, min, max, words, runs.
"""

import os
import statistics
import sys
import time

import pdfplumber


def extract(path):
    words = 0
    with pdfplumber.open(path) as pdf:
        pages = len(pdf.pages)
        for page in pdf.pages:
            words += len(page.extract_words())
            page.close()  # frees the page's cached objects, as a long document needs
    return pages, words


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    files = sys.argv[2:]
    print(f"pdfplumber {pdfplumber.__version__} extract_words in Python {sys.version.split()[0]} (median of {runs})")
    for path in files:
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            pages, words = extract(path)
            times.append((time.perf_counter() - t0) * 1e3)
        med = statistics.median_low(times)
        size = os.path.getsize(path) / 1e6
        print(
            f"{os.path.basename(path):<40} {pages:>5} pages {size:>7.2f} MB {words:>8} words | "
            f"extract_words, all pages: median {med:.1f} ms ({min(times):.0f}–{max(times):.0f})",
            flush=True,
        )
        print("\t".join(map(str, ["RESULT", path, pages, f"{med:.3f}", f"{min(times):.3f}", f"{max(times):.3f}", words, runs])), flush=True)


if __name__ == "__main__":
    main()
